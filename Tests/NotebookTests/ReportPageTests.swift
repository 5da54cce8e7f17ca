import Foundation
import Testing
@testable import Notebook

/// A chapter page as `folio render` writes it (standard pieces): MathML, highlighted code, raw
/// plots, escaped text, folded long outputs, math warnings, and nothing loaded from the network.
@Suite("Report page with math and highlighting")
struct ReportPageTests {
    static let path = "chapters/demo.md"

    /// Line numbers matter below: the bad formula is on line 10, the cell's fence on line 14.
    static let source = """
    ---
    title: Means of $x_k^j$
    ---
    ## The batch mean $\\mu_k$

    For inputs $x_k^j$ the mean is

    $$\\frac{a}{b}$$

    and $a + \\foo{b}$ is not TeX we know.

    ### Code

    ```swift id=mean
    let xs: [Float] = [1, 2, 3] // three inputs
    print("mean = \\(xs.reduce(0, +) / 3)")
    ```
    """

    func chapter() throws -> Chapter { try MarkdownChapterParser.parse(source: Self.source, path: Self.path) }

    func result(output: String = "mean = 2.0\n", html: [String] = [], errorOutput: String = "") -> ChapterResult {
        ChapterResult(path: Self.path, title: "Means", cells: [
            CellResult(index: 0, status: .ran, output: output, errorOutput: errorOutput, html: html, seconds: 0.125),
        ], seconds: 1, compileSeconds: 0.5)
    }

    @Test("the page holds MathML for inline and display math and highlighted Swift")
    func mathAndCode() throws {
        let html = ChapterPage.html(chapter: try chapter(), result: result(), pieces: .standard)
        #expect(html.contains("<math><msubsup><mi>x</mi><mi>k</mi><mi>j</mi></msubsup></math>"))
        #expect(html.contains("<div class=\"math-display\"><math display=\"block\"><mfrac><mi>a</mi><mi>b</mi></mfrac></math></div>"))
        #expect(html.contains("<pre class=\"source\"><code class=\"language-swift\"><span class=\"kw\">let</span> xs: [<span class=\"ty\">Float</span>] = [<span class=\"num\">1</span>"))
        #expect(html.contains("<span class=\"com\">// three inputs</span>"))
        #expect(html.contains("print(<span class=\"str\">\"mean = \\(</span>xs.reduce(<span class=\"num\">0</span>, +)"))
        #expect(html.contains("<span class=\"time\" title=\"run time\">125 ms</span>"), "per-cell time")
        #expect(!html.contains("FOLIOMATH"), "every math placeholder is replaced")
        #expect(!html.contains("folio-block"), "every cell placeholder is replaced")
        let main = try #require(html.range(of: "<main>")).upperBound
        #expect(!html[main...].contains("$x_k^j$") && !html[main...].contains("\\frac"), "no TeX left as text in the prose")
    }

    @Test("the page loads nothing: no URL, no src, no stylesheet link, no script")
    func offline() throws {
        let html = ChapterPage.html(chapter: try chapter(), result: result(), pieces: .standard)
        for forbidden in ["http://", "https://", "src=", "<link", "<script", "url(", "@import", "//cdn"] {
            #expect(!html.contains(forbidden), "page contains \(forbidden)")
        }
    }

    @Test("the title and table of contents show math; anchors come from the TeX source")
    func headings() throws {
        let chapter = try chapter()
        #expect(chapter.title == "Means of $x_k^j$")
        #expect(chapter.firstHeading == "The batch mean $\\mu_k$", "the parser gives headings back as written")
        let html = ChapterPage.html(chapter: chapter, result: result(), pieces: .standard)
        #expect(html.contains("<title>Means of $x_k^j$</title>"), "the window title is plain text")
        #expect(html.contains("<h1>Means of <math><msubsup><mi>x</mi><mi>k</mi><mi>j</mi></msubsup></math></h1>"))
        #expect(html.contains("<h2 id=\"the-batch-mean-mu-k\">The batch mean <math><msub><mi>μ</mi><mi>k</mi></msub></math></h2>"))
        #expect(html.contains("<li class=\"level-2\"><a href=\"#the-batch-mean-mu-k\">The batch mean <math><msub><mi>μ</mi><mi>k</mi></msub></math></a></li>"))
        #expect(html.contains("<li class=\"level-3\"><a href=\"#code\">Code</a></li>"))
    }

    @Test("bad math is a warning with file:line, and still shows its source on the page")
    func warnings() throws {
        let page = ChapterPage.render(chapter: try chapter(), result: result(), pieces: .standard)
        #expect(page.warnings == ["chapters/demo.md:10: warning: unknown TeX command \\foo in math 'a + \\foo{b}'"])
        #expect(page.html.contains("<merror"))
        #expect(page.html.contains("\\foo"))
    }

    @Test("the renderer writes the page and the index, and hands warnings to its warn function")
    func rendererWarns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-report-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let collected = WarningBox()
        let renderer = BookRenderer(outputFolder: folder, pieces: .standard, warn: { collected.append($0) })
        let written = try renderer.write([(try chapter(), result())])
        #expect(written == ["\(folder)/demo.html", "\(folder)/index.html"])
        #expect(collected.lines == ["chapters/demo.md:10: warning: unknown TeX command \\foo in math 'a + \\foo{b}'"])
        let index = try String(contentsOfFile: "\(folder)/index.html", encoding: .utf8)
        #expect(index.contains("<div class=\"page single\">"))
        #expect(index.contains("<a href=\"demo.html\">Means</a>"))
        #expect(!index.contains("http://") && !index.contains("https://") && !index.contains("src="))
    }

    @Test("rich outputs go in as HTML; printed text, standard error and check text are escaped")
    func richVersusText() throws {
        let plot = "<svg class=\"folio-plot\" viewBox=\"0 0 10 10\"><text>a &lt; b</text></svg>"
        let html = ChapterPage.html(chapter: try chapter(), result: result(output: "<svg>not a plot</svg>\n", html: [plot],
                                                                           errorOutput: "<b>warning</b>"), pieces: .standard)
        #expect(html.contains("<div class=\"rich\">\(plot)</div>"))
        #expect(html.contains("<pre class=\"output\">&lt;svg&gt;not a plot&lt;/svg&gt;</pre>"))
        #expect(html.contains("<pre class=\"stderr\">&lt;b&gt;warning&lt;/b&gt;</pre>"))
        #expect(!html.contains("<svg>not a plot"))
    }

    @Test("an output longer than 30 lines is folded in a details element; 30 lines are not")
    func folding() throws {
        let long = (1...31).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let html = ChapterPage.html(chapter: try chapter(), result: result(output: long), pieces: .plain)
        #expect(html.contains("<details class=\"long-output\"><summary>Output: 31 lines</summary><pre class=\"output\">line 1\n"))
        #expect(html.contains("line 31</pre></details>"))
        let short = (1...30).map { "line \($0)" }.joined(separator: "\n")
        let shortHTML = ChapterPage.html(chapter: try chapter(), result: result(output: short), pieces: .plain)
        #expect(!shortHTML.contains("<details"))
        #expect(shortHTML.contains("<pre class=\"output\">line 1\n"))
    }

    @Test("cell run times read as <1 ms, milliseconds or seconds")
    func durations() {
        #expect(ChapterPage.durationText(0.0001) == "&lt;1 ms")
        #expect(ChapterPage.durationText(0.0125) == "13 ms")
        #expect(ChapterPage.durationText(0.9994) == "999 ms")
        #expect(ChapterPage.durationText(1.254) == "1.25 s")
    }

    @Test("previous/next links, the index link, the TOC and print CSS are on the page")
    func navigation() throws {
        let navigation = ChapterNavigation(previous: ("Intro", "01-intro.html"), next: ("Convolution", "03-conv.html"))
        let html = ChapterPage.html(chapter: try chapter(), result: result(), navigation: navigation, pieces: .standard)
        #expect(html.contains("<nav class=\"chapters top\"><a rel=\"prev\" href=\"01-intro.html\">← Intro</a><a href=\"index.html\">All chapters</a><a rel=\"next\" href=\"03-conv.html\">Convolution →</a></nav>"))
        #expect(html.contains("<nav class=\"chapters bottom\">"))
        #expect(html.contains("<aside class=\"toc\">"))
        #expect(html.contains("@media print"))
    }

    @Test("every class the page writes outside plots has a rule in the stylesheet")
    func everyClassStyled() throws {
        var chapter = try chapter()
        chapter.cells[0].expected = ExpectedOutput(fenceLine: 100, text: "mean = 3\n", options: OutputOptions())
        let failing = ChapterResult(path: Self.path, title: "Means", cells: [
            CellResult(index: 0, status: .ran, output: "mean = 2.0\n", errorOutput: "oops", diagnostics: "note: x", checks: [
                CheckResult(kind: .output, passed: false, cell: 0, line: 100, label: "output", expected: "mean = 3\n", actual: "mean = 2.0\n",
                            outputOptions: OutputOptions()),
                CheckResult(kind: .code, passed: false, cell: 0, line: 14, label: "value", expected: "3", actual: "2"),
                CheckResult(kind: .code, passed: true, cell: 0, line: 14, label: "ok"),
            ], seconds: 0.1),
        ], seconds: 1, compileSeconds: 0)
        let html = ChapterPage.html(chapter: chapter, result: failing, pieces: .standard)
        let css = ReportStylesheet.css
        let unstyled: Set<String> = ["language-swift", "top", "level-2"]
        var classes: Set<String> = []
        var rest = html[...]
        while let start = rest.range(of: "class=\"") {
            let tail = rest[start.upperBound...]
            guard let end = tail.firstIndex(of: "\"") else { break }
            for name in tail[..<end].split(separator: " ") { classes.insert(String(name)) }
            rest = tail[end...]
        }
        #expect(classes.isSuperset(of: ["cell", "failed", "source", "stderr", "diagnostics", "diff", "expected-actual", "check", "fail", "pass", "kw", "math-display"]))
        for name in classes.subtracting(unstyled).sorted() {
            #expect(css.contains(".\(name) ") || css.contains(".\(name),") || css.contains(".\(name).") || css.contains(".\(name):"),
                    "class \(name) has no rule")
        }
    }
}

/// Collects warnings from the renderer's `warn` function.
private final class WarningBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}
