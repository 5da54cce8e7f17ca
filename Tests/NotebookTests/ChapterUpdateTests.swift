import Foundation
import Testing
@testable import Notebook

/// `folio check --update`: failing output blocks rewritten with what was printed, numbers within
/// tolerance kept as written, everything else byte for byte, and a chapter changed meanwhile refused.
@Suite("Update of expected outputs")
struct ChapterUpdateTests {
    @Test("lines that still match stay as written; a changed line keeps the digits of numbers within tolerance")
    func rewrite() {
        let options = OutputOptions()
        let lines = OutputRewrite.lines(expected: "loss 0.5 acc 0.91\nsteps   3\nend\n",
                                        actual: "loss 0.50001 acc 0.95\nsteps 3\nend\nextra 1\n", options: options)
        #expect(lines == ["loss 0.5 acc 0.95", "steps   3", "end", "extra 1"])
        #expect(OutputRewrite.lines(expected: "[1.0, 2.0]\n", actual: "[1.00001, 7.0]  \n\n", options: options) == ["[1.0, 7.0]"])
        #expect(OutputRewrite.lines(expected: "x 1.0\n", actual: "x 1.00000001\n", options: OutputOptions(exact: true)) == ["x 1.00000001"])
        // Once the tokens stop lining up, the rest is as printed.
        #expect(OutputRewrite.lines(expected: "a 1.0 b 2.0\n", actual: "a 1.0 2.0 b\n", options: options) == ["a 1.0 2.0 b"])
    }

    static let source = """
    # Numbers

    ```swift id=good
    print(1)
    ```
    ```output
    1
    ```

    ```swift id=bad
    print(0.1 * 3, "units")
    print("count", 7)
    ```

    ```output rtol=1e-3
    0.3 units
    count 8
    ```
    Prose after.
    """

    func planned() throws -> ChapterUpdate {
        let chapter = try MarkdownChapterParser.parse(source: Self.source, path: "chapters/n.md")
        let result = ChapterResult(path: chapter.path, title: "Numbers", cells: [
            CellResult(index: 0, status: .ran, output: "1\n", checks: [CheckResult(kind: .output, passed: true, cell: 0, line: 6, label: "output of cell 'good'")]),
            CellResult(index: 1, status: .ran, output: "0.30000000000000004 units\ncount 7\n", checks: [
                CheckResult(kind: .output, passed: false, cell: 1, line: 17, label: "output of cell 'bad' differs",
                            expected: "0.3 units\ncount 8\n", actual: "0.30000000000000004 units\ncount 7\n"),
            ]),
        ], seconds: 1, compileSeconds: 0)
        return ChapterUpdate.plan(chapter: chapter, result: result)
    }

    @Test("only the failing block changes, its options kept; the diff names the lines")
    func plan() throws {
        let update = try planned()
        #expect(update.newSource == Self.source.replacingOccurrences(of: "count 8", with: "count 7"))
        #expect(update.edits.count == 1)
        #expect(update.diff == """
        --- chapters/n.md
        +++ chapters/n.md
        @@ -16,2 +16,2 @@ output of cell 'bad'
         0.3 units
        -count 8
        +count 7

        """)
    }

    @Test("the file is written atomically, unless it changed on disk since it was read")
    func write() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-update-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("n.md").path
        try Self.source.write(toFile: path, atomically: true, encoding: .utf8)
        var update = try planned()
        update.path = path
        try update.write()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == update.newSource)
        // The run read the old text; the file now holds other text: refused, the file left alone.
        try (Self.source + "\nAn edit.\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ChapterUpdateError.changedOnDisk(path: path)) { try update.write() }
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("An edit.\n"))
    }

    @Test("a block whose new text would close its fence is left alone, with the reason")
    func fenceClash() throws {
        let chapter = try MarkdownChapterParser.parse(source: "```swift\nprint(\"```\")\n```\n```output\nx\n```\n", path: "chapters/f.md")
        let result = ChapterResult(path: chapter.path, title: "F", cells: [
            CellResult(index: 0, status: .ran, output: "```\n", checks: [
                CheckResult(kind: .output, passed: false, cell: 0, line: 5, label: "differs", expected: "x\n", actual: "```\n"),
            ]),
        ], seconds: 0, compileSeconds: 0)
        let update = ChapterUpdate.plan(chapter: chapter, result: result)
        #expect(update.edits.isEmpty)
        #expect(update.skipped.map(\.line) == [4])
    }
}
