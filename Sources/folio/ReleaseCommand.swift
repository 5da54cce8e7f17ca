import ArgumentParser
import Foundation
import Notebook

extension Folio {
    /// `folio release`: write the student edition of key chapters.
    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "release",
            abstract: "Write the student edition of key chapters: solutions stubbed, hidden tests removed.",
            discussion: """
            In a key chapter, a cell with the option `exercise` (and an `id=`) is one a student edits; \
            the lines from `// BEGIN SOLUTION` to `// END SOLUTION` in it become one stub line, \
            `fatalError("Your code here")`, or the author's (`// BEGIN SOLUTION stub: return []`). \
            Cells marked `hidden-test` are removed with their output blocks, and so are the output \
            blocks of exercise cells (they hold the answers); every other byte stays as in the key. \
            Each edition is written to DIR with the key's file name.

            Exit status: 0 written, 2 a malformed key chapter (file:line) or an unwritable folder.

            Example:
              folio release chapters/01-batch-normalization.md --output student/
            """)

        @Argument(help: "Key chapter files or folders (a folder means its *.md files).")
        var paths: [String]

        @Option(help: ArgumentHelp("The folder the student editions are written to.", valueName: "dir"))
        var output: String

        func run() throws {
            do {
                for released in try BookRelease.release(paths: paths, output: output) {
                    print(released.summary)
                }
            } catch let error as ChapterError {
                Terminal.printError(error.description)
                throw ExitCode(FolioExit.badInput)
            }
        }
    }
}
