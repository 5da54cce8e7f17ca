import Testing
@testable import Notebook

@Suite("HTML report")
struct ChapterPageTests {
    @Test("a cell page escapes output, marks not-run cells, shows badges and anchors")
    func page() throws {
        let chapter = try MarkdownChapterParser.parse(source: """
        ---
        title: Demo
        ---
        ## Part one

        ```swift id=hello
        print("<b>")
        ```

        ```output
        <b>
        ```

        ```swift hidden
        secret()
        ```
        """, path: "chapters/demo.md")
        let result = ChapterResult(path: chapter.path, title: chapter.title, cells: [
            CellResult(index: 0, status: .ran, output: "<b>\n", checks: [
                CheckResult(kind: .output, passed: true, cell: 0, line: 10, label: "output of cell 'hello'"),
            ], seconds: 0.25),
            CellResult(index: 1, status: .notRun),
        ], seconds: 1, compileSeconds: 0.5)
        let html = ChapterPage.html(chapter: chapter, result: result, pieces: .plain)
        #expect(html.contains("<pre class=\"output\">&lt;b&gt;</pre>"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("<section class=\"cell\" id=\"hello\">"))
        #expect(html.contains("<span class=\"badge pass\">✓ pass</span> output of cell &#39;hello&#39;"))
        #expect(html.contains("<section class=\"cell notrun\" id=\"cell-2\">"))
        #expect(html.contains("<span class=\"badge notrun\">not run</span>"))
        #expect(!html.contains("secret()"), "hidden cells show no source")
        #expect(html.contains("<h2 id=\"part-one\">Part one</h2>"))
        #expect(html.contains("<a href=\"#part-one\">Part one</a>"))
        #expect(html.contains("<span class=\"time\" title=\"run time\">250 ms</span>"))
        #expect(!html.contains("folio-block"), "every placeholder is replaced")
    }

    @Test("the report pieces are the one place where math and highlighting plug in")
    func pieces() throws {
        let chapter = try MarkdownChapterParser.parse(source: "Math $x$.\n\n```swift\nlet y = 1\n```\n", path: "c.md")
        let result = ChapterResult(path: "c.md", title: "c", cells: [CellResult(index: 0, status: .ran)], seconds: 0, compileSeconds: 0)
        let pieces = ReportPieces(
            convertMath: { tex, _ in MathML.Conversion(mathML: "<math>\(tex)</math>", problems: []) },
            highlightSwift: { "<span class=\"kw\">\($0)</span>" })
        let html = ChapterPage.html(chapter: chapter, result: result, pieces: pieces)
        #expect(html.contains("<p>Math <math>x</math>.</p>"))
        #expect(html.contains("<pre class=\"source\"><code class=\"language-swift\"><span class=\"kw\">let y = 1</span></code></pre>"))
    }

    @Test("the index lists every chapter with its counts and links neighbours")
    func index() {
        var index = BookIndex()
        index.record(ChapterResult(path: "chapters/02-b.md", title: "B", cells: [], seconds: 0, compileSeconds: 0), file: "02-b.html")
        index.record(ChapterResult(path: "chapters/01-a.md", title: "A", cells: [
            CellResult(index: 0, status: .ran, checks: [CheckResult(kind: .code, passed: false, cell: 0, line: 3, label: "x")]),
        ], seconds: 0, compileSeconds: 0), file: "01-a.html")
        #expect(index.entries.map(\.file) == ["01-a.html", "02-b.html"])
        #expect(index.entries[0].failed == 1)
        #expect(index.navigation(for: "02-b.html").previous?.file == "01-a.html")
        #expect(index.navigation(for: "02-b.html").next == nil)
        let html = index.html()
        #expect(html.contains("<a href=\"01-a.html\">A</a>"))
        #expect(html.contains("✗ 1 failed"))
    }
}
