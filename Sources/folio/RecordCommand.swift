import ArgumentParser
import Foundation
import Notebook

extension Folio {
    /// `folio record`: make the long work of chapters (`recorded("name") { … }` cells) once, so that
    /// `check` and `render` can verify it without running it.
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Make the recorded runs (long work) of chapters.",
            discussion: """
            A cell calling recorded("name", verify: …) { body } holds long work. `folio record` runs the \
            chapter with those bodies executed in full and writes each value, as soon as its body returns, \
            to records/<chapter>/<name>.json beside the chapter (commit these files). `folio check` and \
            `folio render` never run a body: they load the record, run verify on it, and fail with the \
            command to run here when a record is missing, stale (the cell's code or the declared data \
            changed) or unreadable.

            By default only missing, stale and unreadable records are made; --force makes them all. The \
            chapter's other cells run as usual around them; time limits pause while a body runs. A body \
            that throws or traps loses only its own record: the chapter runs again without that cell, so \
            the later records are still made; folio then exits 1 naming it. Ctrl-C stops the run and \
            leaves every record already written intact.

            Examples:
              folio record chapters/06-language-modelling.md
              folio record chapters/06-language-modelling.md --only lstm-1x50 --force
              folio record chapters --shard 2/4          # the second of four disjoint parts (CI matrix)
            """)

        @OptionGroup var chapters: ChapterPathArguments

        @Option(name: .customLong("only"), parsing: .upToNextOption,
                help: ArgumentHelp("Make only these records (by name).", valueName: "name"))
        var only: [String] = []

        @Flag(help: "Make the chosen records even when they are fresh.")
        var force = false

        @Option(name: .shortAndLong, help: "Chapters to run at the same time.")
        var jobs: Int = 1

        @Option(help: ArgumentHelp("Make only the I-th of N disjoint parts of the records (1 ≤ I ≤ N).", valueName: "I/N"))
        var shard: String?

        func validate() throws {
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
            _ = try parsedShard()
        }

        func parsedShard() throws -> (index: Int, count: Int)? {
            guard let shard else { return nil }
            do { return try ChapterShard.parse(shard) } catch { throw ValidationError(error.description) }
        }

        func run() throws {
            Interruption.install()
            let request = RecordRequest(makes: true, force: force, only: Set(only), shard: try parsedShard())
            let status = try runChapters(paths: chapters.paths, jobs: jobs, useResultCache: false, force: true, records: request,
                                         allowEmpty: chapters.allowEmpty, each: { _, _ in })
            let failed = status.results.flatMap(\.records).filter { $0.status == .failed }
            if !failed.isEmpty {
                Terminal.printError("error: not made: " + failed.map { "\($0.name) (\($0.path))" }.joined(separator: ", "))
            }
            let unknown = Set(only).subtracting(status.results.flatMap(\.records).map(\.name))
            if !unknown.isEmpty {
                Terminal.printError("error: no recorded run named \(unknown.sorted().joined(separator: ", ")) in these chapters")
                throw ExitCode(FolioExit.badInput)
            }
            if status.exitCode != 0 || !failed.isEmpty { throw ExitCode(status.exitCode != 0 ? status.exitCode : FolioExit.failedChecks) }
        }
    }
}
