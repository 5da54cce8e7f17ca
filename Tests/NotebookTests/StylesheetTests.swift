import Testing
@testable import Notebook

/// The report stylesheet styles every class the renderer and the highlighter emit, offline.
@Suite("Report stylesheet")
struct StylesheetTests {
    @Test("loads nothing from the network")
    func offline() {
        let css = ReportStylesheet.css
        #expect(!css.contains("@import"))
        #expect(!css.contains("url("))
        #expect(!css.contains("http"))
    }

    @Test("styles each class of the report vocabulary", arguments: [
        "code .kw", "code .ty", "code .str", "code .num", "code .com", "code .attr", "td.numeric", ".badge.pass", ".badge.fail", ".badge.notrun",
        ".badge.norun", ".diff-same", ".diff-expected", ".diff-actual", "pre.diff mark", "section.cell.notrun", "section.cell.failed pre.source",
        "details.long-output", "aside.toc", "nav.chapters", ".cell-head .time", "table.folio-table", "svg.folio-plot", ".math-display", "merror",
        ".rich", "table.index", "@media print", "span.inline-value", "code.inline-value.notrun", "code.inline-value.fail",
    ])
    func selector(selector: String) {
        #expect(ReportStylesheet.css.contains(selector + " ") || ReportStylesheet.css.contains(selector + ","))
    }

    @Test("braces are balanced")
    func balanced() {
        let css = ReportStylesheet.css
        #expect(css.filter { $0 == "{" }.count == css.filter { $0 == "}" }.count)
    }
}
