import Testing
@testable import Notebook

/// Inline values of the prose, `` `{swift} expression` ``: found with their line, column and the cell
/// above them, placed between the cells of the program, and replaced by their values in the page.
@Suite("Inline values")
struct InlineValueTests {
    static let source = """
    ---
    title: Means
    ---
    Before any cell: `{swift} 1 + 1`.

    ```swift id=data
    let xs: [Double] = [1, 2, 4]
    ```

    The mean is `{swift} xs.reduce(0, +) / 3` and the count `{swift}   xs.count`; `plain code` stays.

    - ``{swift} "a`b"``

    ```swift
    print(xs)
    ```
    """

    func chapter() throws -> Chapter { try MarkdownChapterParser.parse(source: Self.source, path: "chapters/m.md") }

    @Test("each is found in order with its expression, line, column and the cell above it")
    func found() throws {
        let values = try chapter().inlineValues
        #expect(values.map(\.expression) == ["1 + 1", "xs.reduce(0, +) / 3", "xs.count", "\"a`b\""])
        #expect(values.map(\.line) == [4, 10, 10, 12])
        // Columns are the expressions' first characters, as the compiler counts them (1-based).
        #expect(values.map(\.column) == [27, 22, 68, 13])
        #expect(values.map(\.afterCell) == [nil, 0, 0, 0])
        #expect(values.map(\.index) == [0, 1, 2, 3])
        #expect(try chapter().cells.count == 2, "inline values are not cells")
    }

    @Test("an inline value without an expression is a malformed chapter at its line")
    func empty() {
        #expect(throws: ChapterError.badInlineValue(path: "chapters/m.md", line: 2,
                                                   reason: "an inline value needs an expression after {swift}, as in `{swift} mean`")) {
            try MarkdownChapterParser.parse(source: "# T\nsee `{swift}` here\n", path: "chapters/m.md")
        }
    }

    @Test("the program evaluates each where it stands, its expression at its prose line and column")
    func program() throws {
        let chapter = try chapter()
        let program = ProgramGenerator.program(cells: chapter.cells, inlineValues: chapter.inlineValues, path: chapter.path)
        let lines = program.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = try #require(lines.firstIndex(of: "_folioBeginInline(0)"))
        let cell = try #require(lines.firstIndex(of: "_folioBeginCell(0)"))
        let second = try #require(lines.firstIndex(of: "_folioBeginInline(1)"))
        #expect(first < cell && cell < second, "the first before the cell, the second after it")
        // Column 27 is past `let _folioInline0 = ` (20 bytes): one line, padded to the column.
        #expect(lines[first + 1] == "#sourceLocation(file: \"chapters/m.md\", line: 4)")
        #expect(lines[first + 2] == "let _folioInline0 =       1 + 1")
        #expect(lines[first + 2].utf8.count - "1 + 1".utf8.count + 1 == 27)
        #expect(lines[first + 4] == "_folioInlineValue(0, _folioInline0)")
        let fourth = try #require(lines.firstIndex(of: "_folioBeginInline(3)"))
        // Column 13 is before the binding's end: the binding on the line before, the expression alone.
        #expect(lines[fourth + 1] == "#sourceLocation(file: \"chapters/m.md\", line: 11)")
        #expect(lines[fourth + 2] == "let _folioInline3 = ")
        #expect(lines[fourth + 3] == String(repeating: " ", count: 12) + "\"a`b\"")
    }

    @Test("the page shows each value, escaped, where the code span was; failures and unrun ones show the expression")
    func page() throws {
        let chapter = try chapter()
        var result = ChapterResult(path: chapter.path, title: "Means", cells: [
            CellResult(index: 0, status: .ran), CellResult(index: 1, status: .ran, output: "[1.0, 2.0, 4.0]\n"),
        ], seconds: 1, compileSeconds: 0.5)
        result.inlineValues = [InlineValueResult(index: 0, status: .ran, text: "2"),
                               InlineValueResult(index: 1, status: .ran, text: "2.3333333333333335"),
                               InlineValueResult(index: 2, status: .notRun),
                               InlineValueResult(index: 3, status: .ran, text: "<a>&b")]
        var failed = InlineValueResult(index: 2, status: .compileFailed)
        failed.checks = [CheckResult(kind: .inlineValue, passed: false, cell: 0, line: 10, label: "inline value `{swift} xs.count` does not compile: boom")]
        let html = ChapterPage.html(chapter: chapter, result: result, pieces: .plain)
        #expect(html.contains("<p>Before any cell: <span class=\"inline-value\" title=\"1 + 1\">2</span>.</p>"))
        #expect(html.contains("The mean is <span class=\"inline-value\" title=\"xs.reduce(0, +) / 3\">2.3333333333333335</span> and the count <code class=\"inline-value notrun\" title=\"not run\">xs.count</code>; <code>plain code</code> stays."))
        #expect(html.contains("<li><span class=\"inline-value\" title=\"&quot;a`b&quot;\">&lt;a&gt;&amp;b</span></li>"))
        #expect(!html.contains("{swift}") && !html.contains("folio-inline"))
        result.inlineValues[2] = failed
        let failing = ChapterPage.html(chapter: chapter, result: result, pieces: .plain)
        #expect(failing.contains("<code class=\"inline-value fail\" title=\"chapters/m.md:10: inline value `{swift} xs.count` does not compile: boom\">xs.count</code><span class=\"badge fail\">✗ inline value `{swift} xs.count` does not compile: boom</span>"))
    }

    @Test("in a heading the value goes into the page; the table of contents lists the expression")
    func heading() throws {
        let chapter = try MarkdownChapterParser.parse(source: "## Mean is `{swift} 1 + 1`\n", path: "chapters/h.md")
        var result = ChapterResult(path: chapter.path, title: "H", cells: [], seconds: 0, compileSeconds: 0)
        result.inlineValues = [InlineValueResult(index: 0, status: .ran, text: "2")]
        let html = ChapterPage.html(chapter: chapter, result: result, pieces: .plain)
        #expect(html.contains("<h2 id=\"mean-is-swift-1-1\">Mean is <span class=\"inline-value\" title=\"1 + 1\">2</span></h2>"), "\(html)")
        #expect(html.contains("<a href=\"#mean-is-swift-1-1\">Mean is {swift} 1 + 1</a>"))
    }

    @Test("a failed inline value counts as one failed check; one that worked counts as none")
    func counting() {
        var result = ChapterResult(path: "chapters/m.md", title: "M", cells: [], seconds: 0, compileSeconds: 0)
        result.inlineValues = [InlineValueResult(index: 0, status: .ran, text: "1")]
        #expect(result.checks.isEmpty)
        var failed = InlineValueResult(index: 1, status: .crashed)
        failed.checks = [CheckResult(kind: .inlineValue, passed: false, cell: -1, line: 3, label: "crashed")]
        result.inlineValues.append(failed)
        #expect(result.passed == 0 && result.failed == 1)
    }
}
