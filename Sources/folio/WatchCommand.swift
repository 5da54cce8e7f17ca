import ArgumentParser
import Foundation
import Notebook

extension Folio {
    /// `folio watch`: re-render chapters when they are saved.
    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "watch",
            abstract: "Render chapters, then render each again whenever it is saved (Ctrl-C stops).",
            discussion: """
            Checks the chapters' modification times twice a second; a changed chapter is run and its \
            page and the index are written again. New *.md files in a watched folder are picked up.

            Example:
              folio watch chapters/02-convolution.md --output output
            """)

        @OptionGroup var chapters: ChapterPathArguments
        @Option(name: .shortAndLong, help: ArgumentHelp("Folder for the HTML files.", valueName: "dir"))
        var output = "output"
        @Option(help: ArgumentHelp("Seconds between looks at the files.", valueName: "seconds"))
        var interval = 0.5

        func run() throws {
            var seen: [String: Date] = [:]
            while true {
                let files = (try? ChapterPaths.expand(chapters.paths)) ?? []
                let changed = files.filter { path in
                    let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate]) as? Date
                    defer { seen[path] = modified }
                    return modified != seen[path]
                }
                if !changed.isEmpty {
                    _ = try? renderChapters(paths: changed, output: output, jobs: 1, force: false)
                    Terminal.printError("watching \(files.count) chapter\(files.count == 1 ? "" : "s") (Ctrl-C stops)")
                }
                Thread.sleep(forTimeInterval: interval)
            }
        }
    }
}
