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
            Wakes up when a file in a chapter's folder is written (inotify), and at least every --interval \
            seconds, and compares the chapters' modification times; a changed chapter is run and its \
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
        @Option(help: ArgumentHelp("Seconds at most between looks at the files (file-system events wake it sooner), 0.05 to 3600.",
                                   valueName: "seconds"))
        var interval = 2.0
        @Option(help: ArgumentHelp("Serve the output folder on 127.0.0.1 with live reload; bare --serve takes a free port.",
                                   valueName: "port"))
        var serve: Int?

        func validate() throws {
            if let serve, !(0...65535).contains(serve) { throw ValidationError("--serve takes a port from 1 to 65535 (or none for a free one); got \(serve)") }
            guard interval.isFinite, (0.05...3600).contains(interval) else {
                throw ValidationError("--interval must be a number of seconds from 0.05 to 3600; got \(interval)")
            }
        }

        func run() throws {
            Interruption.install()
            let server = try startServer()
            var seen: [String: Date] = [:]
            let watcher = ChangeWatcher()
            while true {
                let files = (try? ChapterPaths.expand(chapters.paths)) ?? []
                watcher.watch(folders(of: files))
                let changed = files.filter { path in
                    let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate]) as? Date
                    defer { seen[path] = modified }
                    return modified != seen[path]
                }
                if !changed.isEmpty {
                    _ = try? renderChapters(paths: changed, output: output, jobs: 1, force: false, allowEmpty: true)
                    server?.reload()
                    Terminal.printError("watching \(files.count) chapter\(files.count == 1 ? "" : "s") (Ctrl-C stops)")
                }
                watcher.wait(upTo: interval)
            }
        }

        /// The folders to watch: those holding the chapters, and the folders given.
        private func folders(of files: [String]) -> [String] {
            let given = (chapters.paths.isEmpty ? [ChapterPaths.defaultFolder] : chapters.paths).filter { path in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
            }
            let parents = files.map { path in
                let parent = (path as NSString).deletingLastPathComponent
                return parent.isEmpty ? "." : parent
            }
            return Array(Set(given + parents)).sorted()
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
