import Testing
@testable import Notebook

/// Rendering faults seen on the book's pages, each pinned by the HTML it must (not) produce.
@Suite("Page faults: compile errors, contents, display math")
struct PageFaultTests {
    /// A chapter whose one cell does not compile, and its result with `diagnostics` as the compiler's words.
    private func compileFailure(diagnostics: String) throws -> (Chapter, ChapterResult) {
        let chapter = try MarkdownChapterParser.parse(source: "```swift id=bad\nlet s: String = 1\n```\n", path: "chapters/c.md")
        let result = ChapterResult(path: chapter.path, title: "c", cells: [
            CellResult(index: 0, status: .compileFailed, diagnostics: diagnostics, checks: [
                CheckResult(kind: .compile, passed: false, cell: 0, line: 2,
                            label: "cell 'bad' does not compile: cannot convert value of type 'Int' to specified type 'String'",
                            expected: nil, actual: diagnostics),
            ]),
        ], seconds: 1, compileSeconds: 1)
        return (chapter, result)
    }

    @Test("a compile error appears once: in the diagnostics, not again in a table under the check")
    func compileErrorOnce() throws {
        let message = "chapters/c.md:2:17: error: cannot convert value of type 'Int' to specified type 'String'\nlet s: String = 1\n                ^"
        let (chapter, result) = try compileFailure(diagnostics: message)
        let html = ChapterPage.html(chapter: chapter, result: result, pieces: .plain)
        #expect(html.components(separatedBy: "cannot convert value of type &#39;Int&#39; to specified type &#39;String&#39;\nlet s").count == 2)
        #expect(html.contains("<pre class=\"diagnostics\">"))
        #expect(!html.contains("<table class=\"expected-actual\">"))
        #expect(html.contains("<span class=\"badge fail\">✗ fail</span> cell &#39;bad&#39; does not compile"))
    }

    @Test("a failed in-code check still shows expected and actual")
    func codeCheckDetail() throws {
        let chapter = try MarkdownChapterParser.parse(source: "```swift\ncheck(false, \"x\")\n```\n", path: "chapters/c.md")
        let result = ChapterResult(path: chapter.path, title: "c", cells: [
            CellResult(index: 0, status: .ran, checks: [
                CheckResult(kind: .code, passed: false, cell: 0, line: 2, label: "x", expected: "1", actual: "2"),
            ]),
        ], seconds: 1, compileSeconds: 1)
        let html = ChapterPage.html(chapter: chapter, result: result, pieces: .plain)
        #expect(html.contains("<table class=\"expected-actual\"><tr><th>expected</th><td><code>1</code></td></tr><tr><th>actual</th><td><code>2</code></td></tr></table>"))
    }

    @Test("a page without sections has no empty Contents box and one column")
    func noEmptyContents() throws {
        let chapter = try MarkdownChapterParser.parse(source: "---\ntitle: T\n---\nJust prose.\n", path: "chapters/t.md")
        let result = ChapterResult(path: chapter.path, title: "T", cells: [], seconds: 0, compileSeconds: 0)
        let html = ChapterPage.html(chapter: chapter, result: result, pieces: .plain)
        #expect(!html.contains("<aside class=\"toc\">"))
        #expect(html.contains("<div class=\"page single\">"))
        let sectioned = try MarkdownChapterParser.parse(source: "## Part\n\nProse.\n", path: "chapters/s.md")
        let withContents = ChapterPage.html(chapter: sectioned, result: result, pieces: .plain)
        #expect(withContents.contains("<div class=\"page\">"))
        #expect(withContents.contains("<aside class=\"toc\"><strong>Contents</strong>\n<ul>\n<li class=\"level-2\"><a href=\"#part\">Part</a></li>\n</ul></aside>"))
    }

    @Test("on the terminal a compile error is printed once: the label leaves the message to the diagnostics")
    func compileErrorOnceOnTerminal() throws {
        let diagnostic = "chapters/c.md:2:17: error: cannot convert value of type 'Int' to specified type 'String'"
        let (chapter, result) = try compileFailure(diagnostics: diagnostic)
        let text = TerminalReport.failures(result, style: PlainTerminalStyle())
        #expect(text == "  chapters/c.md:2: cell 'bad' does not compile:\n    \(diagnostic)\n")
        #expect(TerminalReport.withoutRepeatedMessage("cell 'x' does not compile: the compiler failed", diagnostics: "") ==
                "cell 'x' does not compile: the compiler failed", "kept when the diagnostics do not say it")
    }
}
