import ArgumentParser
import Foundation
import Notebook

extension Folio {
    /// `folio watch`: re-render chapters when they are saved, and with `--serve`, serve the pages with
    /// live reload.
    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "watch",
            abstract: "Render chapters, and again whenever one is saved.",
            discussion: """
            Checks the chapters' modification times twice a second; a changed chapter is run and its \
            page and the index are written again. New *.md files in a watched folder are picked up.

            --serve [PORT] also serves the output folder over HTTP on 127.0.0.1 only (a free port unless \
            PORT is given; the address is printed) and reloads the open page in the browser after each \
            render, over a websocket. The reload script is added to pages only as they are served: the \
            files on disk stay script-free. Paths outside the output folder get 404.

            Example:
              folio watch chapters/02-convolution.md --output output
              folio watch --serve            # then open the printed http://127.0.0.1:PORT/
              folio watch --serve 8000
            """)

        @OptionGroup var chapters: ChapterPathArguments
        @Option(name: .shortAndLong, help: ArgumentHelp("Folder for the HTML files.", valueName: "dir"))
        var output = "output"
        @Option(help: ArgumentHelp("Seconds between looks at the files.", valueName: "seconds"))
        var interval = 0.5
        @Option(help: ArgumentHelp("Serve the output folder on 127.0.0.1 with live reload; bare --serve takes a free port.",
                                   valueName: "port"))
        var serve: Int?

        func validate() throws {
            if let serve, !(0...65535).contains(serve) { throw ValidationError("--serve takes a port from 1 to 65535 (or none for a free one); got \(serve)") }
            guard interval > 0 else { throw ValidationError("--interval must be more than 0 seconds") }
        }

        func run() throws {
            let server = try startServer()
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
                    server?.reload()
                    Terminal.printError("watching \(files.count) chapter\(files.count == 1 ? "" : "s") (Ctrl-C stops)")
                }
                Thread.sleep(forTimeInterval: interval)
            }
        }

        /// The server of `--serve`, listening, its address printed.
        private func startServer() throws -> LiveServer? {
            guard let serve else { return nil }
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            let server = try LiveServer(folder: output, port: UInt16(serve))
            let port: UInt16
            do { port = try server.start() } catch {
                Terminal.printError("error: cannot serve on 127.0.0.1:\(serve): \(error)")
                throw ExitCode(FolioExit.badInput)
            }
            print("serving \(output)/ at http://127.0.0.1:\(port)/ (live reload)")
            fflush(stdout)
            return server
        }

        /// `folio watch … --serve [PORT]`: the port is optional, which the argument parser has no form
        /// for; `--serve` alone becomes `--serve=0` (a free port) and `--serve 8000` becomes `--serve=8000`.
        static func normalizeServe(_ arguments: [String]) -> [String] {
            guard arguments.first == "watch", let index = arguments.firstIndex(of: "--serve") else { return arguments }
            var result = arguments
            if index + 1 < result.count, let port = Int(result[index + 1]) {
                result[index] = "--serve=\(port)"
                result.remove(at: index + 1)
            } else {
                result[index] = "--serve=0"
            }
            return result
        }
    }
}
