import Testing
@testable import NotebookRuntime

/// Line and scatter charts: exact coordinates from the layout, legends, escaping, gaps.
///
/// Layout used below (no title, no axis labels, no legend, 640×400): y ticks 0…10 label "10" is
/// 2 × 12 × 0.6 = 14.4 px wide, so the plot area is x 34…620 (12 + 14.4 + 8 rounded, 640 − 20)
/// and y 14…370 (top margin 14, bottom 400 − 30).
@Suite("Plots: line and scatter charts")
struct PlotChartTests {
    @Test("points land at the plot-area corners and centre")
    func lineCoordinates() {
        let svg = LineChart(series: [PlotSeries("", x: [0.0, 1, 2], y: [0.0, 5, 10])]).svg
        #expect(svg.contains("<polyline fill=\"none\" stroke=\"#4e79a7\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"34,370 327,192 620,14\"/>"))
        #expect(svg.hasPrefix("<svg class=\"folio-plot\" viewBox=\"0 0 640 400\" width=\"640\" height=\"400\" role=\"img\" aria-label=\"chart\""))
        #expect(svg.hasSuffix("</svg>"))
        #expect(!svg.contains("class=\"legend\""))
    }

    @Test("tick labels and grid lines follow the nice scale")
    func ticks() {
        let svg = LineChart(series: [PlotSeries("", x: [0.0, 1, 2], y: [0.0, 5, 10])]).svg
        for (label, y) in [("0", 374), ("4", 231.6), ("10", 18)] {
            #expect(svg.contains("<text x=\"28\" y=\"\(SVGFormat.coordinate(y))\" text-anchor=\"end\">\(label)</text>"))
        }
        #expect(svg.contains("<line x1=\"34\" x2=\"620\" y1=\"227.6\" y2=\"227.6\"/>"))
        // Whole-number x values (epochs, indices) get whole-number ticks.
        for (label, x) in [("0", 34), ("1", 327), ("2", 620)] {
            #expect(svg.contains("<text x=\"\(x)\" y=\"388\" text-anchor=\"middle\">\(label)</text>"))
        }
        #expect(!svg.contains(">0.5</text>"))
    }

    @Test("several series get a legend with their names, escaped, in palette order")
    func legend() {
        let svg = LineChart(series: [PlotSeries("train", y: [3.0, 2, 1]), PlotSeries("valid <&>", y: [3.5, 2.5, 2])],
                            title: "Loss & accuracy", xLabel: "epoch", yLabel: "loss").svg
        #expect(svg.contains(">train</text>"))
        #expect(svg.contains(">valid &lt;&amp;&gt;</text>"))
        #expect(svg.contains("stroke=\"#f28e2b\" stroke-width=\"2.5\""))
        #expect(svg.contains("aria-label=\"Loss &amp; accuracy\""))
        #expect(svg.contains(">Loss &amp; accuracy</text>"))
        #expect(svg.contains(">epoch</text>"))
        #expect(svg.contains("rotate(-90)\" text-anchor=\"middle\" fill=\"#1f2328\">loss</text>"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
    }

    @Test("NaN breaks a line into runs; an isolated point is a dot")
    func gaps() {
        let runs = LineChart.finiteRuns(PlotSeries("", y: [1.0, 2, .nan, 4, .nan, 6, 7]))
        #expect(runs.map { $0.map(\.1) } == [[1, 2], [4], [6, 7]])
        let svg = LineChart(series: [PlotSeries("", y: [1.0, 2, .nan, 4, .nan, 6, 7])]).svg
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 1)
    }

    @Test("a chart with no finite data says so instead of crashing")
    func empty() {
        #expect(LineChart(series: [PlotSeries("", y: [Double.nan])]).svg.contains(">no finite data</text>"))
        #expect(LineChart(series: []).svg.hasSuffix("</svg>"))
    }

    @Test("Float input plots the same as Double input")
    func floatInput() {
        let floats = LineChart(series: [PlotSeries("", y: [Float(1), 2, 3])]).svg
        let doubles = LineChart(series: [PlotSeries("", y: [1.0, 2, 3])]).svg
        #expect(floats == doubles)
    }

    @Test("scatter colors by class in order of first appearance, with one legend entry each")
    func scatterClasses() {
        let chart = ScatterChart(x: [0.0, 1, 2, 3], y: [0.0, 1, 2, 3], classes: ["7", "1", "7", "1"])
        #expect(chart.classOrder == ["7", "1"])
        let svg = chart.svg
        #expect(svg.components(separatedBy: "fill=\"#4e79a7\"/>").count - 1 == 2 + 1)  // two points + legend dot
        #expect(svg.components(separatedBy: "fill=\"#f28e2b\"/>").count - 1 == 2 + 1)
        #expect(svg.contains(">7</text>") && svg.contains(">1</text>"))
    }

    @Test("scatter writes escaped text labels next to points and skips non-finite points")
    func scatterLabels() {
        let svg = ScatterChart(x: [0.0, 1, .nan], y: [0.0, 1, 1], labels: ["king", "<queen>", "lost"]).svg
        #expect(svg.contains(">king</text>"))
        #expect(svg.contains(">&lt;queen&gt;</text>"))
        #expect(!svg.contains(">lost</text>"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 2)
    }
}
