import Foundation
import Testing
@testable import Notebook

/// The stylesheet's dark scheme, phone layout, scrolling formulas and folded cells.
@Suite("Stylesheet: dark mode, phones, scrolling math")
struct DarkModeAndPhoneTests {
    let css = ReportStylesheet.css

    /// The text of the block that starts with `opening` (up to its matching brace).
    private func block(_ opening: String) throws -> String {
        let start = try #require(css.range(of: opening))
        var depth = 0
        var index = start.lowerBound
        while index < css.endIndex {
            if css[index] == "{" { depth += 1 }
            if css[index] == "}" { depth -= 1; if depth == 0 { break } }
            index = css.index(after: index)
        }
        return String(css[start.lowerBound...index])
    }

    @Test("every colour outside the two palettes is a custom property, so the dark block recolours all of it")
    func coloursAreProperties() throws {
        let rules = css.components(separatedBy: "@media screen and (prefers-color-scheme: dark)")[0]
            .split(separator: "\n").filter { !$0.trimmingWhitespace.hasPrefix("--") }
        for rule in rules {
            #expect(rule.range(of: "#[0-9a-fA-F]{3,6}\\b", options: .regularExpression) == nil, "hard-coded colour: \(rule)")
        }
    }

    @Test("the dark scheme redefines the palette: page, text, code highlighting, badges, plots")
    func darkScheme() throws {
        let dark = try block("@media screen and (prefers-color-scheme: dark)")
        for property in ["--paper: #0d1117", "--text: #e6edf3", "--hl-kw:", "--hl-str:", "--pass:", "--pass-bg:", "--fail:", "--fail-bg:", "--code-bg:"] {
            #expect(dark.contains(property), "\(property)")
        }
        for selector in ["svg.folio-plot .plot-ink", "svg.folio-plot .ticks", "svg.folio-plot .grid", "svg.folio-plot .axis", "svg.folio-plot .labels"] {
            #expect(dark.contains(selector), "\(selector)")
        }
        #expect(css.contains("svg.folio-plot .plot-bg { fill: var(--paper); }"))
        #expect(css.contains("color-scheme: light dark;"))
    }

    @Test("on a phone the index drops its count columns and paths wrap")
    func phone() throws {
        let phone = try block("@media (max-width: 40rem)")
        #expect(phone.contains("table.index .count { display: none; }"))
        #expect(css.contains("table.index code { overflow-wrap: anywhere; }"))
    }

    @Test("a display formula scrolls sideways with edge shadows that show there is more")
    func scrollingMath() throws {
        let rule = try block(".math-display {")
        #expect(rule.contains("overflow-x: auto"))
        #expect(rule.contains("display: block"))
        #expect(rule.contains("no-repeat local") && rule.contains("no-repeat scroll"), "covers move with the formula, shadows stay")
    }

    @Test("folded cells are styled, and nothing needs a script")
    func fold() {
        #expect(css.contains("details.fold > summary {"))
        #expect(css.contains("details.fold:not([open]) > summary::after"))
    }
}
