/// One named line of a line chart.
public struct PlotSeries: Equatable {
    /// The legend's name for the line (empty: no legend entry when it is the only line).
    public var name: String
    /// The x value of each point.
    public var x: [Double]
    /// The y value of each point; a non-finite value breaks the line.
    public var y: [Double]

    /// A series with explicit x values (pairs beyond the shorter array are ignored).
    public init<T: BinaryFloatingPoint>(_ name: String, x: [T], y: [T]) {
        self.name = name
        self.x = x.map(Double.init)
        self.y = y.map(Double.init)
    }

    /// A series plotted against its index 0, 1, 2, …
    public init<T: BinaryFloatingPoint>(_ name: String, y: [T]) {
        self.init(name, x: (0..<y.count).map { Double($0) }, y: y.map(Double.init))
    }
}

/// A line chart as self-contained SVG: lines with a legend, title, axis labels and nice ticks.
/// Non-finite values break a line; a lone finite point is drawn as a dot.
public struct LineChart {
    /// The lines, drawn in palette order.
    public var series: [PlotSeries]
    /// The title above the plot.
    public var title: String?
    /// The label under the x axis.
    public var xLabel: String?
    /// The label beside the y axis.
    public var yLabel: String?
    /// The chart's width in pixels (it scales down to the column).
    public var width: Double
    /// The chart's height in pixels.
    public var height: Double

    /// A chart of `series`, 640 × 400 pixels unless told otherwise.
    public init(series: [PlotSeries], title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
                width: Double = 640, height: Double = 400) {
        self.series = series
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.width = width
        self.height = height
    }

    /// The chart as an `<svg>` element.
    public var svg: String {
        let points = series.flatMap { zip($0.x, $0.y) }.filter { $0.0.isFinite && $0.1.isFinite }
        let integerX = points.allSatisfy { $0.0 == $0.0.rounded() }
        let xScale = NiceScale(minimum: points.map(\.0).min() ?? 0, maximum: points.map(\.0).max() ?? 1,
                               targetTicks: 6, integerSteps: integerX)
        let yScale = NiceScale(minimum: points.map(\.1).min() ?? 0, maximum: points.map(\.1).max() ?? 1, targetTicks: 5)
        let showsLegend = series.count > 1 || series.contains { !$0.name.isEmpty }
        let legend = showsLegend ? series.enumerated().map { (label: $0.element.name, color: ChartPalette.color($0.offset)) } : []
        let frame = ChartFrame(width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel,
                               xScale: xScale, yScale: yScale, legend: legend, legendMarker: .line)
        var svg = frame.open() + frame.axes()
        for (index, line) in series.enumerated() {
            let color = ChartPalette.color(index)
            for run in Self.finiteRuns(line) {
                if run.count == 1 {
                    svg += "<circle cx=\"\(SVGFormat.coordinate(frame.x(run[0].0)))\" cy=\"\(SVGFormat.coordinate(frame.y(run[0].1)))\" r=\"3\" fill=\"\(color)\"/>"
                } else {
                    let coordinates = run.map { "\(SVGFormat.coordinate(frame.x($0.0))),\(SVGFormat.coordinate(frame.y($0.1)))" }
                    svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"\(coordinates.joined(separator: " "))\"/>"
                }
            }
        }
        if points.isEmpty {
            svg += "<text class=\"plot-ink\" x=\"\(SVGFormat.coordinate((frame.left + frame.right) / 2))\" y=\"\(SVGFormat.coordinate((frame.top + frame.bottom) / 2))\" text-anchor=\"middle\" fill=\"#57606a\">no finite data</text>"
        }
        return svg + frame.legendSVG() + "</svg>"
    }

    /// Consecutive runs of points whose coordinates are both finite.
    static func finiteRuns(_ series: PlotSeries) -> [[(Double, Double)]] {
        var runs: [[(Double, Double)]] = []
        var current: [(Double, Double)] = []
        for point in zip(series.x, series.y) {
            if point.0.isFinite && point.1.isFinite {
                current.append(point)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
