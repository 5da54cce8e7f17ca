import ArgumentParser
import Foundation
import Notebook

extension Folio {
    /// `folio new NAME`: scaffold a chapter.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Write a new chapter that shows the format.",
            discussion: """
            Refuses to overwrite an existing file (exit status 2). Then `folio check chapters/NAME.md` \
            passes, and you can edit from there.

            Example:
              folio new 07-attention
              folio watch chapters/07-attention.md
            """)

        @Argument(help: "The chapter's name (03-pooling) or path (notes/draft.md).")
        var name: String

        func validate() throws {
            if let problem = ChapterScaffold.problem(withName: name) { throw ValidationError(problem) }
        }

        func run() throws {
            let path = ChapterScaffold.path(for: name)
            guard !FileManager.default.fileExists(atPath: path) else {
                Terminal.printError("\(path): already exists; folio new does not overwrite chapters")
                throw ExitCode(FolioExit.badInput)
            }
            try AtomicFile.write(ChapterScaffold.text(title: ChapterScaffold.title(for: name)), to: path)
            print("created \(path)")
        }
    }
}
