import ArgumentParser
import Foundation
import Notebook

extension Folio {
    /// `folio check`: run chapters and verify every answer, without writing HTML.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Run chapters and verify every answer in them.",
            discussion: """
            Each chapter is compiled and run afresh (compiled programs are reused when nothing changed). \
            A line per chapter gives its counts and time; each failure is shown with its file:line and \
            what differed; the last line is `N passed, N failed`. On a terminal, a line per running \
            chapter shows its current cell and how long it has run.

            --update rewrites every expected-output block that failed (compile-error blocks too) with \
            what the cell printed, atomically, and prints the diff: lines that still match and numbers \
            within tolerance keep their written form; passing blocks, prose and code stay byte for byte. \
            A chapter edited on disk while it ran is left alone. The run then exits 0 when every failure \
            was such a block.

            --json FILE writes every chapter, cell, check (file, line, label, passed, expected, actual, \
            and for numbers the margin |actual − expected| / (atol + rtol·|expected|)), inline value and \
            record, with times. --compare OLD.json lists the checks that passed in OLD and fail now, and \
            those whose margin grew more than --drift-factor times (default 2) while still passing: \
            drift toward the tolerance. Drift alone does not change the exit status.

            --shard I/N runs the I-th of N disjoint parts of the chapters (a CI matrix of N jobs covers \
            the book; their --junit files merge by concatenating the suites); --durations FILE balances \
            the parts by the chapter times of an earlier --json.

            --typecheck compiles every chapter without running anything (norun and compile-error cells \
            apart) and reports compile errors only, one check per cell: seconds for the whole book, the \
            check to run after changing the library's API.

            Exit status: 0 when every check passed, 1 when a check failed or a cell did not compile, \
            crashed or timed out, 2 for bad usage or a malformed chapter.

            Examples:
              folio check                                  # every chapter in chapters/
              folio check chapters/02-convolution.md --junit build/folio.xml
              folio check --update chapters/02-convolution.md
              folio check --json results.json --compare last-week.json
              folio check --shard 2/3 --durations results.json
              folio check --typecheck
            """)

        @OptionGroup var chapters: ChapterPathArguments
        @OptionGroup var jobs: JobsOption

        @Option(help: ArgumentHelp("Also write the results as JUnit XML to this file (each case with its cell's time).", valueName: "file"))
        var junit: String?

        @Option(help: ArgumentHelp("Also write every chapter, cell, check (with its margin) and record as JSON to this file.", valueName: "file"))
        var json: String?

        @Option(name: .customLong("compare"),
                help: ArgumentHelp("List the checks that drifted since this earlier --json file (may be repeated; newest first).", valueName: "old.json"))
        var compare: [String] = []

        @Option(help: ArgumentHelp("A margin that grew more than this many times counts as drift.", valueName: "factor"))
        var driftFactor = 2.0

        @OptionGroup var shard: ShardOptions

        @Flag(help: "Rewrite failing expected-output blocks with what the cells printed, and print the diff.")
        var update = false

        @Flag(help: "Only compile every chapter (nothing runs) and report compile errors.")
        var typecheck = false

        func validate() throws {
            guard driftFactor.isFinite, driftFactor >= 1 else { throw ValidationError("--drift-factor must be a number ≥ 1, like 2") }
            if typecheck && update { throw ValidationError("--update rewrites what cells printed: it needs a run, not --typecheck") }
        }

        func run() throws {
            Interruption.install()
            let previous = try readPrevious()
            for file in [junit, json].compactMap({ $0 }) { try checkWritable(file) }
            var ran: [(Chapter, ChapterResult)] = []
            var updates = UpdateTally()
            let status = try runChapters(paths: chapters.paths, jobs: jobs.jobs, useResultCache: false, force: true,
                                         typecheckOnly: typecheck, shard: try shard.value(), allowEmpty: chapters.allowEmpty,
                                         each: { chapter, result in
                ran.append((chapter, result))
                if update { updates.apply(chapter: chapter, result: result) }
            }, epilogue: { status in
                if update { updates.summary().forEach { print($0) } }
                let current = ResultsFile(results: ran, errors: status.errors)
                for old in previous { print(driftReport(old: old.file, path: old.path, new: current), terminator: "") }
                if let json { try AtomicFile.write(try current.encoded(), to: json) }
            })
            if let junit {
                try AtomicFile.write(JUnitReport.xml(status.results, errors: status.errors), to: junit)
            }
            var code = status.exitCode
            if update && code == FolioExit.failedChecks && status.failed == updates.updatedChecks { code = 0 }
            if code == 0 && status.passed + status.failed == 0 && !chapters.allowEmpty && shard.shard == nil {
                Terminal.printError("error: these chapters hold no check (no output block, check or expectClose): nothing was verified; --allow-empty accepts that")
                code = FolioExit.badInput
            }
            if code != 0 { throw ExitCode(code) }
        }

        /// `--junit` and `--json` files must be writable before anything runs.
        private func checkWritable(_ file: String) throws {
            let parent = (file as NSString).deletingLastPathComponent
            var isFolder: ObjCBool = false
            do {
                try Folders.create(parent.isEmpty ? "." : parent)
                if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) && isFolder.boolValue {
                    throw FileSystemError.cannotWrite(path: file, reason: "it is a folder")
                }
            } catch {
                Terminal.printError("error: \(error)")
                throw ExitCode(FolioExit.badInput)
            }
        }

        /// The `--compare` files, newest run first; an unreadable one is a usage error.
        private func readPrevious() throws -> [(path: String, file: ResultsFile)] {
            var files: [(path: String, file: ResultsFile)] = []
            for path in compare {
                do { files.append((path, try ResultsFile.read(fileAt: path))) } catch {
                    Terminal.printError("error: --compare \(error.description)")
                    throw ExitCode(FolioExit.badInput)
                }
            }
            return files.sorted { $0.file.date > $1.file.date }
        }

        /// `drift since 2026-…Z (old.json): N` and a line per drifted check.
        private func driftReport(old: ResultsFile, path: String, new: ResultsFile) -> String {
            let drifts = Drift.find(old: old, new: new, factor: driftFactor)
            var text = "drift since \(old.date) (\(path)): \(drifts.isEmpty ? "none" : "\(drifts.count) check\(drifts.count == 1 ? "" : "s")")\n"
            for drift in drifts { text += "  \(drift.text)\n" }
            return text
        }
    }
}

/// What `--update` did over a run: the diffs it printed, the blocks it wrote and the chapters it refused.
struct UpdateTally {
    private(set) var updatedChecks = 0
    private var chapters: [String] = []
    private var refused: [String] = []

    /// Rewrites the chapter's failing output blocks and prints the diff (or why not).
    mutating func apply(chapter: Chapter, result: ChapterResult) {
        let update = ChapterUpdate.plan(chapter: chapter, result: result)
        for skipped in update.skipped { Terminal.printError("\(chapter.path):\(skipped.line): not updated: \(skipped.reason)") }
        guard !update.edits.isEmpty else { return }
        do {
            try update.write()
        } catch {
            refused.append(chapter.path)
            Terminal.printError("error: \(error.description)")
            return
        }
        print(update.diff, terminator: "")
        updatedChecks += update.edits.count
        chapters.append(chapter.path)
    }

    /// `updated 2 output blocks in chapters/a.md` and the refusals.
    func summary() -> [String] {
        var lines: [String] = []
        if updatedChecks > 0 {
            lines.append("updated \(updatedChecks) output block\(updatedChecks == 1 ? "" : "s") in \(chapters.joined(separator: ", "))")
        } else {
            lines.append("updated no output block")
        }
        if !refused.isEmpty { lines.append("not updated (changed on disk while running): \(refused.joined(separator: ", "))") }
        return lines
    }
}
