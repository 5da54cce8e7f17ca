import Testing
import Foundation
@testable import Notebook

/// The `fold` cell option: the source behind a `<details>` that the reader opens (no script).
@Suite("Folded cells")
struct CellFoldTests {
    static let source = """
    ## Tools

    ```swift id=tools fold
    func double(_ x: Int) -> Int { x * 2 }
    func triple(_ x: Int) -> Int { x * 3 }
    ```

    ```swift id=use
    print(double(2))
    ```
    """

    @Test("fold is a known option; others stay off")
    func parsed() throws {
        let chapter = try MarkdownChapterParser.parse(source: Self.source, path: "chapters/f.md")
        #expect(chapter.cells.map(\.options.fold) == [true, false])
        #expect(chapter.cells[0].options == CellOptions(id: "tools", fold: true))
        #expect(CellOptions.knownOptions.contains("fold"))
    }

    @Test("a folded cell's source is inside details with a summary that counts its lines")
    func rendered() throws {
        let chapter = try MarkdownChapterParser.parse(source: Self.source, path: "chapters/f.md")
        let result = ChapterResult(path: chapter.path, title: "f", cells: [
            CellResult(index: 0, status: .ran, seconds: 0.01),
            CellResult(index: 1, status: .ran, output: "4\n", seconds: 0.01),
        ], seconds: 1, compileSeconds: 0.5)
        let html = ChapterPage.html(chapter: chapter, result: result, pieces: .plain)
        #expect(html.contains("<details class=\"fold\"><summary>Code: 2 lines</summary><pre class=\"source\"><code class=\"language-swift\">func double(_ x: Int) -&gt; Int { x * 2 }\nfunc triple(_ x: Int) -&gt; Int { x * 3 }</code></pre></details>\n"))
        #expect(html.contains("<pre class=\"source\"><code class=\"language-swift\">print(double(2))</code></pre>\n<pre class=\"output\">4</pre>"))
        #expect(html.components(separatedBy: "<details class=\"fold\">").count == 2, "only the folded cell")
        #expect(!html.contains("<script"))
    }

    @Test("options stored before fold existed still decode")
    func decodesOldOptions() throws {
        let old = #"{"hidden":false,"norun":false,"compileError":false,"id":"a"}"#
        let options = try JSONDecoder().decode(CellOptions.self, from: Data(old.utf8))
        #expect(options == CellOptions(id: "a"))
    }
}
