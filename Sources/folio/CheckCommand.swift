import ArgumentParser
import Foundation
import Notebook

extension Folio {
    /// `folio check`: run chapters and verify every answer, without writing HTML.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Run chapters and verify every expected output and in-code check.",
            discussion: """
            Each chapter is compiled and run afresh (compiled programs are reused when nothing changed). \
            A line per chapter gives its counts and time; each failure is shown with its file:line and \
            what differed; the last line is `N passed, N failed`.

            Exit status: 0 when every check passed, 1 when a check failed or a cell did not compile, \
            crashed or timed out, 2 for bad usage or a malformed chapter.

            Example:
              folio check                                  # every chapter in chapters/
              folio check chapters/02-convolution.md --junit build/folio.xml
            """)

        @OptionGroup var chapters: ChapterPathArguments
        @OptionGroup var jobs: JobsOption

        @Option(help: ArgumentHelp("Also write the results as JUnit XML to this file.", valueName: "file"))
        var junit: String?

        func run() throws {
            Interruption.install()
            let status = try runChapters(paths: chapters.paths, jobs: jobs.jobs, useResultCache: false, force: true) { _, _ in }
            if let junit {
                try AtomicFile.write(JUnitReport.xml(status.results, errors: status.errors), to: junit)
            }
            if status.exitCode != 0 { throw ExitCode(status.exitCode) }
        }
    }
}

/// The totals of a run of chapters and the exit code they call for.
struct ChaptersStatus {
    var results: [ChapterResult] = []
    var passed = 0
    var failed = 0
    var malformed = false
    /// Chapters that were malformed or could not be run: their path and the message.
    var errors: [(path: String, message: String)] = []

    var exitCode: Int32 { malformed ? FolioExit.badInput : (failed > 0 ? FolioExit.failedChecks : 0) }
}

/// Runs chapters, prints the line per chapter, the failures and the totals line; `each` sees every result.
func runChapters(paths: [String], jobs: Int, useResultCache: Bool, force: Bool, records: RecordRequest = .none,
                 each: (Chapter, ChapterResult) throws -> Void) throws -> ChaptersStatus {
    let toolchain: Toolchain
    do {
        toolchain = try Toolchain.locate()
    } catch {
        Terminal.printError("error: \(error)")
        throw ExitCode(FolioExit.badInput)
    }
    let runner = ChapterRunner(toolchain: toolchain)
    var status = ChaptersStatus()
    let color = Terminal.usesColor
    var deliveryError: Error?
    do {
        try BookRun(paths: paths, jobs: jobs, useResultCache: useResultCache, force: force, records: records)
            .run(runner: runner, progress: Terminal.showsProgress ? .live : .plain) { outcome in
                switch outcome {
                case .malformed(let error):
                    status.malformed = true
                    status.errors.append((error.path, error.description))
                    reportMalformed(error.description)
                case .failedToRun(let chapter, let reason):
                    status.failed += 1
                    status.errors.append((chapter.path, "\(chapter.path):1: could not be run: \(reason)"))
                    print("FAIL  \(chapter.path)  0 passed  1 failed  could not be run: \(reason)")
                case .ran(let chapter, let result):
                    status.results.append(result)
                    status.passed += result.passed
                    status.failed += result.failed
                    print(TerminalReport.chapterLine(result, color: color))
                    if records.makes { print(TerminalReport.recordLines(result), terminator: "") }
                    let failures = TerminalReport.failures(result, chapter: chapter, color: color)
                    if !failures.isEmpty { print(failures, terminator: "") }
                    do { try each(chapter, result) } catch { deliveryError = error }
                }
                fflush(stdout)
            }
    } catch {
        reportMalformed(error.description)
        status.errors.append((error.path, error.description))
        status.malformed = true
    }
    if let line = TerminalReport.recordsSummary(status.results) { print(line) }
    print(TerminalReport.totalLine(passed: status.passed, failed: status.failed))
    fflush(stdout)
    if let deliveryError { throw deliveryError }
    return status
}

/// A malformed chapter is reported like a compiler error on standard error (`file:line: message`), and
/// as its line of the report on standard output, so that the report lists every chapter. On a terminal
/// where both streams show, it is printed once.
private func reportMalformed(_ description: String) {
    if !(Terminal.showsProgress && isatty(STDOUT_FILENO) == 1) {
        Terminal.printError(description)
    }
    print("ERROR \(description)")
}
