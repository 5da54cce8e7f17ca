import ArgumentParser
import Foundation
import Notebook

extension Folio {
    /// `folio render`: run chapters and write their HTML reports.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "render",
            abstract: "Run chapters; write an HTML page each, and index.html.",
            discussion: """
            Each page holds the chapter's prose, its cells (highlighted), what each cell printed \
            (HTML-escaped), a pass/fail badge per check with expected vs. actual on failure, the time \
            of each cell, and cells that were not run marked as such. Pages need no network.

            A chapter whose text, libraries and declared data are unchanged is not run again: its \
            stored result is rendered (use --force to run it anyway). Inline values of the prose, \
            `{swift} expression` in backticks, are replaced by their values. --shard I/N renders the \
            I-th of N disjoint parts of the chapters (as for `folio check`; the index lists every \
            chapter rendered into the folder so far). Exit status as for `folio check`.

            Example:
              folio render                                  # chapters/ → output/
              folio render chapters/02-convolution.md --output /tmp/site
              folio render --shard 1/2 --output site
              open output/index.html
            """)

        @OptionGroup var chapters: ChapterPathArguments
        @Option(name: .shortAndLong, help: ArgumentHelp("Folder for the HTML files.", valueName: "dir"))
        var output = "output"
        @OptionGroup var jobs: JobsOption
        @Flag(help: "Run every chapter again, even when its stored result is still valid.")
        var force = false
        @OptionGroup var shard: ShardOptions

        func run() throws {
            Interruption.install()
            let status = try renderChapters(paths: chapters.paths, output: output, jobs: jobs.jobs, force: force, shard: try shard.value(),
                                            allowEmpty: chapters.allowEmpty)
            if status.exitCode != 0 { throw ExitCode(status.exitCode) }
        }
    }
}

/// Runs (or reuses) chapters and writes their pages and the index into `output` (checked to be a
/// folder folio can write before anything runs).
func renderChapters(paths: [String], output: String, jobs: Int, force: Bool, shard: ChapterShard? = nil,
                    allowEmpty: Bool = false) throws -> BookStatus {
    do {
        try Folders.createWritable(output)
    } catch {
        Terminal.printError("error: the output folder is unusable: \(error)")
        throw ExitCode(FolioExit.badInput)
    }
    var rendered: [(Chapter, ChapterResult)] = []
    let status = try runChapters(paths: paths, jobs: jobs, useResultCache: true, force: force, shard: shard, allowEmpty: allowEmpty,
                                 pageFolder: output, each: { chapter, result in
        rendered.append((chapter, result))
    })
    if !rendered.isEmpty {
        var front: BookFrontPage?
        do throws(ChapterError) {
            if let folder = BookFrontPage.folder(for: paths) { front = try BookFrontPage.read(folder: folder) }
        } catch {
            Terminal.printError(error.description)
            throw ExitCode(FolioExit.badInput)
        }
        try BookRenderer(outputFolder: output, front: front).write(rendered)
        Terminal.printError("wrote \(rendered.count) chapter page\(rendered.count == 1 ? "" : "s") and \(output)/index.html")
    }
    return status
}
