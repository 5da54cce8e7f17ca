import CCmark
import Foundation
import Testing
@testable import Notebook

/// Math protection around cmark: placeholders survive cmark, lines keep their numbers, code is untouched.
@Suite("Math in Markdown")
struct MathMarkdownTests {
    /// cmark's own HTML for `markdown` (default options), as the runner will produce it.
    private func cmarkHTML(_ markdown: String) -> String {
        let html = cmark_markdown_to_html(markdown, markdown.utf8.count, CMARK_OPT_DEFAULT)!
        defer { free(html) }
        return String(cString: html)
    }

    private func render(_ markdown: String) -> String {
        let protected = MathMarkdown.protect(markdown)
        return protected.restore(html: cmarkHTML(protected.markdown))
    }

    @Test("inline math is replaced by a letters-and-digits placeholder and restored as MathML")
    func inlineRoundTrip() {
        let protected = MathMarkdown.protect("Let $x_k^j$ be *one* input.")
        #expect(protected.markdown == "Let FOLIOMATH0X be *one* input.")
        #expect(protected.spans.map(\.tex) == ["x_k^j"])
        #expect(render("Let $x_k^j$ be *one* input.")
            == "<p>Let <math><msubsup><mi>x</mi><mi>k</mi><mi>j</mi></msubsup></math> be <em>one</em> input.</p>\n")
    }

    @Test("underscores and backslashes inside math are not Markdown")
    func markdownInsideMathIgnored() {
        #expect(render(#"$a_1 *b* a_2 \{c\}$"#).contains("<msub><mi>a</mi><mn>1</mn></msub><mo>∗</mo><mi>b</mi><mo>∗</mo><msub><mi>a</mi><mn>2</mn></msub><mo stretchy=\"false\">{</mo>"))
    }

    @Test("a display block on its own lines keeps the line count and becomes a math-display div")
    func displayBlock() {
        let markdown = "Mean:\n\n$$\n\\mu = \\frac{1}{m}\n$$\n\nAfter.\n"
        let protected = MathMarkdown.protect(markdown)
        #expect(protected.markdown == "Mean:\n\nFOLIOMATH0X\nFOLIOMATH0C\nFOLIOMATH0C\n\nAfter.\n")
        #expect(protected.spans.first?.line == 3)
        #expect(protected.spans.first?.display == true)
        let html = protected.restore(html: cmarkHTML(protected.markdown))
        #expect(html == "<p>Mean:</p>\n<div class=\"math-display\"><math display=\"block\"><mi>μ</mi><mo>=</mo><mfrac><mn>1</mn><mi>m</mi></mfrac></math></div>\n<p>After.</p>\n")
    }

    @Test("a display formula inside a paragraph stays in that paragraph, in a scrolling span of its own")
    func displayInParagraph() {
        #expect(render("where $$x$$ holds") == "<p>where <span class=\"math-display\"><math display=\"block\"><mi>x</mi></math></span> holds</p>\n")
    }

    @Test("lines after multi-line math, including a fenced code block, keep their numbers")
    func linesPreserved() {
        let markdown = """
            Text $a +
            b$ more, and

            $$\\begin{aligned} a &= b \\\\
            &= c \\end{aligned}$$
            - list item with $x$
            ```swift
            let price = "$5 and $x$"
            ```
            End.
            """
        let protected = MathMarkdown.protect(markdown)
        let before = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        let after = protected.markdown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(after.count == before.count)
        #expect(after[6...9] == before[6...9])
        #expect(after[1] == "FOLIOMATH0C more, and")
        #expect(protected.spans.map(\.line) == [1, 4, 6])
        let html = cmarkHTML(protected.markdown)
        #expect(html.contains("<pre><code class=\"language-swift\">let price = &quot;$5 and $x$&quot;\n</code></pre>"))
        let restored = protected.restore(html: html)
        #expect(restored.contains("<p>Text <math><mi>a</mi><mo>+</mo><mi>b</mi></math> more, and</p>"))
        #expect(!restored.contains("FOLIOMATH"))
    }

    @Test("code spans and fenced blocks are left alone")
    func codeUntouched() {
        let markdown = "Use `$x$` or ``a $y$ ` b`` here.\n\n~~~\n$z$\n~~~\n"
        let protected = MathMarkdown.protect(markdown)
        #expect(protected.markdown == markdown)
        #expect(protected.spans.isEmpty)
    }

    @Test("unclosed backticks are literal, so math after them is still found")
    func unclosedBackticks() {
        #expect(MathMarkdown.protect("a ` b $x$").markdown == "a ` b FOLIOMATH0X")
    }

    @Test("\\$ is a literal dollar outside math and TeX's dollar inside")
    func escapedDollar() {
        #expect(MathMarkdown.protect(#"costs \$5, and \$x\$"#).spans.isEmpty)
        #expect(render(#"costs \$5"#) == "<p>costs $5</p>\n")
        let protected = MathMarkdown.protect(#"$\$ 5$"#)
        #expect(protected.spans.map(\.tex) == [#"\$ 5"#])
    }

    @Test("currency is not math", arguments: [
        "It costs $5 and $6 today.",
        "From $ 5 to $ 6.",
        "Pay $10, or $20$30.",
        "a $ b",
        "It costs $5 and `code $x$`.",
    ])
    func currency(text: String) {
        #expect(MathMarkdown.protect(text).spans.isEmpty)
    }

    @Test("a dollar amount before real math does not swallow it")
    func currencyThenMath() {
        let protected = MathMarkdown.protect("It costs $5, so we compute $x_1$ and $5 and $y$.")
        #expect(protected.spans.map(\.tex) == ["x_1", "y"])
    }

    @Test("math never crosses a blank line")
    func blankLineStopsMath() {
        #expect(MathMarkdown.protect("$a\n\nb$").spans.isEmpty)
        #expect(MathMarkdown.protect("$$a\n\nb$$").spans.isEmpty)
    }

    @Test("a placeholder inside an attribute becomes escaped TeX, not MathML")
    func placeholderInAttribute() {
        #expect(render("![area $a<b$](p.png)") == "<p><img src=\"p.png\" alt=\"area $a&lt;b$\" /></p>\n")
    }

    @Test("text that already holds the placeholder word gets a different prefix")
    func prefixCollision() {
        let protected = MathMarkdown.protect("FOLIOMATH0X and $y$")
        #expect(protected.markdown == "FOLIOMATH0X and FOLIOMATHZ0X")
        #expect(protected.restore(html: "<p>FOLIOMATH0X and FOLIOMATHZ0X</p>") == "<p>FOLIOMATH0X and <math><mi>y</mi></math></p>")
    }

    @Test("math problems carry their line for warnings")
    func problemsWithLines() {
        let protected = MathMarkdown.protect("ok\n\n$\\foo x$")
        #expect(protected.spans.first?.line == 3)
        #expect(protected.spans.first?.problems == [.unknownCommand("foo")])
    }

    @Test("display math on its own line inside a paragraph is a scrolling block of its own")
    func displayLineInParagraph() {
        let html = render("Text before\n$$a = b$$\nand after.\n")
        #expect(html == "<p>Text before\n<span class=\"math-display\"><math display=\"block\"><mi>a</mi><mo>=</mo><mi>b</mi></math></span>\nand after.</p>\n")
    }
}
