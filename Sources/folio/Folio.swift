import ArgumentParser
import FolioProtocol
import Foundation
import Notebook

/// The `folio` command: renders and checks Markdown chapters with Swift cells.
@main
struct Folio: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "folio",
        abstract: "Run Markdown chapters with Swift cells, check answers, render HTML.",
        discussion: """
        A chapter is a Markdown file whose ```swift blocks are cells. folio compiles \
        a chapter's cells into one program linked against the DeepLearning library, \
        runs it, compares what each cell printed with the ```output block under it, \
        and renders a self-contained HTML report.

        Chapter format:
          ---          front matter: title, timeout (s), data (ptb, digits), seed
          ```swift     a cell; options: id=NAME hidden norun compile-error fold
                       timeout=SECONDS; for assignments: exercise hidden-test
                       points=N (see folio release)
          ```output    what the cell above prints; options: rtol=X atol=X exact points=N
          in a cell    check(ok, "label"), expectClose(actual, expected, "label"),
                       show(tensor), plot, scatter, heatmap, table
          in prose     `{swift} expression`: replaced in the page by its value

        Start with `folio new NAME`: it writes a chapter that shows each of these.

        Exit codes: 0 every check passed; 1 a check failed or a cell errored; \
        2 bad usage or a malformed chapter (the message names file:line).
        """,
        version: "folio \(FolioVersion.current)",
        subcommands: [Render.self, Check.self, Record.self, Watch.self, New.self, Release.self, Grade.self, DataCommand.self])

    /// Like ParsableCommand's `main`, except that bad usage exits with 2 (the contract), not 64.
    static func main() {
        do {
            var command = try parseAsRoot(Watch.normalizeServe(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch let error as FileSystemError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            Foundation.exit(FolioExit.badInput)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success { print(message) } else { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
