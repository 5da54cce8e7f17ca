import Foundation
import Testing
@testable import Notebook

/// Parsing a chapter and rendering its page protect the math once and run cmark once: the page only
/// converts formulas and fills in the cells that the parser's one tree placed.
@Suite("One parse per chapter")
struct MarkdownPassTests {
    static let source = """
    # Means

    For inputs $x_k^j$ the mean is `{swift} mean` and

    $$\\mu = \\frac{1}{m}$$

    ## Part $a_1$

    ```swift id=mean
    let mean = 2.5
    print(mean)
    ```
    ```output
    2.5
    ```
    """

    static func result() -> ChapterResult {
        ChapterResult(path: "c.md", title: "Means", cells: [CellResult(index: 0, status: .ran, output: "2.5\n")],
                      seconds: 0, compileSeconds: 0)
    }

    @Test("parse + render: one math protection and one cmark parse, and the page is whole")
    func onePassEach() throws {
        let counter = MarkdownPassCounter()
        let page = try MarkdownPasses.$counter.withValue(counter) {
            let chapter = try MarkdownChapterParser.parse(source: Self.source, path: "c.md")
            return ChapterPage.render(chapter: chapter, result: Self.result())
        }
        #expect(counter.parses == 1)
        #expect(counter.protections == 1)
        #expect(page.html.contains("<math><msubsup><mi>x</mi><mi>k</mi><mi>j</mi></msubsup></math>"))
        #expect(page.html.contains("<div class=\"math-display\"><math display=\"block\">"))
        #expect(page.html.contains("<h2 id=\"part-a-1\">Part <math>"))
        #expect(page.html.contains("<section class=\"cell\" id=\"mean\">"))
        #expect(!page.html.contains("folio-block") && !page.html.contains("FOLIOMATH"), "every placeholder is filled in")
    }

    @Test("check parses without converting a formula; the page converts each formula once")
    func conversionOnlyOnThePage() throws {
        let chapter = try MarkdownChapterParser.parse(source: Self.source, path: "c.md")
        #expect(chapter.prose.math.spans.map(\.tex) == ["x_k^j", "\\mu = \\frac{1}{m}", "a_1"])
        #expect(chapter.prose.math.spans.map(\.mathML) == ["", "", ""], "the parser converts nothing")
        let seen = Locked<[String]>([])
        let pieces = ReportPieces(convertMath: { tex, _ in
            seen.withLock { $0.append(tex) }
            return MathML.Conversion(mathML: "<math>\(tex)</math>", problems: [])
        }, highlightSwift: { $0 })
        _ = ChapterPage.render(chapter: chapter, result: Self.result(), pieces: pieces)
        #expect(seen.withLock { $0 } == ["x_k^j", "\\mu = \\frac{1}{m}", "a_1"])
    }

    @Test("a front-matter title is its own text: protected once more, and its warning keeps its line")
    func titleProtectedOnce() throws {
        let source = "---\ntitle: Means of $\\foo x$\n---\n" + Self.source
        let counter = MarkdownPassCounter()
        let page = try MarkdownPasses.$counter.withValue(counter) {
            ChapterPage.render(chapter: try MarkdownChapterParser.parse(source: source, path: "c.md"), result: Self.result())
        }
        #expect(counter.parses == 1)
        #expect(counter.protections == 2, "the body once, the title once")
        #expect(page.warnings == ["c.md:2: warning: unknown TeX command \\foo in math '\\foo x'"])
    }
}
