import Testing
@testable import Notebook

/// The chapter parser reads the same math-protected text that the page renders, and gives code
/// and headings back exactly as written.
@Suite("Math protection in chapter parsing")
struct MathProtectedParsingTests {
    @Test("restoreText gives back the original text of whole protected documents", arguments: [
        "Let $x_k^j$ be *one* input.",
        "Text $a +\nb$ more, and\n\n$$\\begin{aligned} a &= b \\\\\n&= c \\end{aligned}$$\n- item $x$\n",
        "$$\n\\mu = \\frac{1}{m}\n$$\n\nAfter $5 and $6.\n",
        "```swift\nlet price = \"$5 and $x$\"\n```\n`$y$` and $z$",
        "no math at all, FOLIOMATH0X written by the author",
    ])
    func restoreTextRoundTrip(markdown: String) {
        let protected = MathMarkdown.protect(markdown)
        #expect(protected.restoreText(protected.markdown) == markdown)
    }

    @Test("display math whose lines look like Markdown blocks hides them from the parser; cells keep their lines and code")
    func displayMathLinesAreNotBlocks() throws {
        let source = """
        Loss:
        $$
        \\begin{aligned}
        L &= a \\\\
        + b
        \\end{aligned}
        $$
        # Title
        ```swift
        let price = "$5 and $x_k$"
        ```
        """
        let chapter = try MarkdownChapterParser.parse(source: source, path: "c.md")
        #expect(chapter.firstHeading == "Title")
        #expect(chapter.cells.count == 1)
        #expect(chapter.cells[0].fenceLine == 9)
        #expect(chapter.cells[0].code == "let price = \"$5 and $x_k$\"\n")

        let result = ChapterResult(path: "c.md", title: "Title", cells: [CellResult(index: 0, status: .ran)], seconds: 0, compileSeconds: 0)
        let html = ChapterPage.html(chapter: chapter, result: result, pieces: .standard)
        #expect(!html.contains("<li>b"), "'+ b' inside the formula is not a list item")
        #expect(html.contains("<mtable"))
        #expect(html.contains("<span class=\"kw\">let</span> price = <span class=\"str\">\"$5 and $x_k$\"</span>"), "cell code is not math")
        #expect(!html.contains("folio-block") && !html.contains("FOLIOMATH"))
    }

    @Test("a heading with math keeps its TeX in the chapter title")
    func headingTitle() throws {
        let chapter = try MarkdownChapterParser.parse(source: "## The gradient $\\nabla_x f$\n\ntext\n", path: "g.md")
        #expect(chapter.title == "The gradient $\\nabla_x f$")
    }
}
