import Foundation
import Testing
@testable import NotebookRuntime

/// Layouts that follow what a chart writes: a heatmap as wide as its title and values, a legend
/// below the plot when it would take more than a quarter of the width, and the classes that let
/// the report recolour a chart in dark mode.
@Suite("Plots: layout from labels, titles and legends")
struct PlotLayoutTests {
    /// The number in `name="…"` of the first element that has the attribute.
    private func attribute(_ name: String, in svg: String, after marker: String = "<svg") -> Double? {
        guard let start = svg.range(of: marker) else { return nil }
        let rest = svg[start.upperBound...]
        guard let open = rest.range(of: " \(name)=\"") else { return nil }
        let value = rest[open.upperBound...].prefix { $0 != "\"" }
        return Double(value)
    }

    /// Chapter 1's normalized batch: four-decimal values of both signs and a long title.
    let normalized: [[Double]] = [[-1.3416, -0.4472, 0.4472], [-0.4472, -0.4472, 1.3416], [0.4472, 1.3416, -1.3416], [1.3416, -0.4472, -0.4472]]
    let title = "x̂: every column centred and scaled"

    @Test("the heatmap is at least as wide as its title, which is centred in it")
    func titleFits() throws {
        let svg = Heatmap(normalized, title: title).svg
        let width = try #require(attribute("width", in: svg))
        let titleWidth = SVGFormat.estimatedWidth(title, fontSize: 15)
        #expect(width >= titleWidth + 20)
        #expect(svg.contains("<text class=\"plot-ink\" x=\"\(SVGFormat.coordinate(width / 2))\" y=\"24\" text-anchor=\"middle\""))
    }

    @Test("each cell is wider than the widest printed value, so neighbours never touch")
    func valuesFit() throws {
        let svg = Heatmap(normalized, title: title).svg
        let cell = try #require(attribute("width", in: svg, after: "<g class=\"cells\"><rect"))
        let valueSize = try #require(attribute("font-size", in: svg, after: "<g class=\"values\""))
        let widest = SVGFormat.estimatedWidth("-0.4472", fontSize: valueSize)
        #expect(cell >= widest + HeatmapLayout.valuePadding)
        #expect(valueSize == 12, "room to print at full size: the chart widens instead of shrinking the text")
        #expect(svg.contains(">-0.4472</text>"))
    }

    @Test("many columns shrink cells to the maximum width and the values' font with them, or hide them")
    func shrinksToFit() throws {
        let wide = [Array(repeating: -0.4472, count: 14)]
        let layout = HeatmapLayout(Heatmap(wide))
        #expect(layout.width <= 640)
        let size = try #require(layout.valueFontSize)
        #expect(SVGFormat.estimatedWidth("-0.4472", fontSize: size) + HeatmapLayout.valuePadding <= layout.cell + 1e-9)
        let tooWide = HeatmapLayout(Heatmap([Array(repeating: -0.4472, count: 30)]))
        #expect(tooWide.valueFontSize == nil, "below 7 px the values are left to the tooltips")
    }

    @Test("the color bar's tick labels stay inside the chart")
    func colorBarInside() throws {
        let svg = Heatmap(normalized).svg
        let width = try #require(attribute("width", in: svg))
        let bar = try #require(svg.range(of: "<g class=\"color-bar\">"))
        let tickXs = svg[bar.upperBound...].components(separatedBy: "<text x=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        #expect(!tickXs.isEmpty)
        for x in tickXs { #expect(x + SVGFormat.estimatedWidth("-1.5", fontSize: 12) <= width) }
    }

    @Test("a short legend stays in the right margin")
    func legendBeside() {
        let svg = LineChart(series: [PlotSeries("train", y: [0.0, 5, 10]), PlotSeries("valid", y: [10.0, 5, 0])]).svg
        // Widest label "train"/"valid": 5 × 7.2 = 36 px; margin 20 + 26 + 36 + 8 = 90 ≤ 160 = 640 / 4.
        #expect(svg.contains("<line x1=\"566\" x2=\"584\" y1=\"24\" y2=\"24\""))
        #expect(svg.contains("<path class=\"axis\" d=\"M34 14V370H550\""))
    }

    @Test("a legend wider than a quarter of the chart goes below the plot, which keeps its full width")
    func legendBelow() {
        let names = ["running mean (momentum 0.1)", "running variance (momentum 0.1)"]
        let svg = LineChart(series: [PlotSeries(names[0], y: [0.0, 5, 10]), PlotSeries(names[1], y: [10.0, 5, 0])],
                            xLabel: "step").svg
        // Plot area: right edge 640 − 20; one legend row of 20 px taken from the bottom (400 − 50 − 20).
        #expect(svg.contains("<path class=\"axis\" d=\"M34 14V330H620\""))
        // Both entries on one row under the x label (y 330 + 50 + 4), the second after the first.
        #expect(svg.contains("<line x1=\"34\" x2=\"52\" y1=\"384\" y2=\"384\""))
        let second = 34 + 24 + SVGFormat.estimatedWidth(names[0], fontSize: 12) + 18
        #expect(svg.contains("<line x1=\"\(SVGFormat.coordinate(second))\" x2=\"\(SVGFormat.coordinate(second + 18))\" y1=\"384\""))
        #expect(svg.contains("<text class=\"plot-ink\" x=\"327\" y=\"370\" text-anchor=\"middle\" fill=\"#1f2328\">step</text>"))
    }

    @Test("legend entries wrap to further rows when a row is full")
    func legendWraps() {
        let rows = ChartFrame.legendRows(["a fairly long series name", "another long series name", "a third one here"],
                                         left: 34, right: 620)
        #expect(rows.map(\.row) == [0, 0, 1])
        #expect(rows[2].x == 34)
    }

    @Test("frames carry the classes the dark stylesheet recolours")
    func darkModeClasses() {
        let svg = LineChart(series: [PlotSeries("a", y: [1.0, 2])], title: "t", xLabel: "x", yLabel: "y").svg
        for marker in ["<rect class=\"plot-bg\"", "<text class=\"plot-ink\"", "<g class=\"grid\"", "<g class=\"ticks\"", "<path class=\"axis\""] {
            #expect(svg.contains(marker))
        }
        let map = Heatmap([[1.0, 2]], title: "t").svg
        #expect(map.contains("<rect class=\"plot-bg\"") && map.contains("<text class=\"plot-ink\""))
    }
}
