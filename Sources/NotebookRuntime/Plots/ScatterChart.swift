/// A scatter chart as self-contained SVG: points colored by class with a legend, and optional
/// text labels next to points (e.g. the words of a t-SNE map of embeddings).
public struct ScatterChart {
    /// The x value of each point.
    public var x: [Double]
    /// The y value of each point (pairs with a non-finite value are left out).
    public var y: [Double]
    /// One class name per point, or empty for a single class; classes get colors in order of
    /// first appearance and a legend entry each.
    public var classes: [String]
    /// One text per point (empty strings draw nothing), or empty for no labels.
    public var labels: [String]
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
    /// Dot radius in pixels.
    public var pointRadius: Double

    /// A scatter chart of the points (`x[i]`, `y[i]`), 640 × 480 pixels unless told otherwise.
    public init<T: BinaryFloatingPoint>(x: [T], y: [T], classes: [String] = [], labels: [String] = [],
                                        title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
                                        width: Double = 640, height: Double = 480, pointRadius: Double = 3) {
        self.x = x.map(Double.init)
        self.y = y.map(Double.init)
        self.classes = classes
        self.labels = labels
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.width = width
        self.height = height
        self.pointRadius = pointRadius
    }

    /// Class names in order of first appearance.
    var classOrder: [String] {
        var seen = Set<String>()
        return classes.filter { seen.insert($0).inserted }
    }

    /// The chart as an `<svg>` element.
    public var svg: String {
        let count = min(x.count, y.count)
        let indices = (0..<count).filter { x[$0].isFinite && y[$0].isFinite }
        let xScale = NiceScale(minimum: indices.map { x[$0] }.min() ?? 0, maximum: indices.map { x[$0] }.max() ?? 1, targetTicks: 6)
        let yScale = NiceScale(minimum: indices.map { y[$0] }.min() ?? 0, maximum: indices.map { y[$0] }.max() ?? 1, targetTicks: 5)
        let order = classOrder
        let colorOfClass = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($0.element, ChartPalette.color($0.offset)) })
        let legend = order.map { (label: $0, color: colorOfClass[$0]!) }
        let frame = ChartFrame(width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel,
                               xScale: xScale, yScale: yScale, legend: legend, legendMarker: .dot)
        var svg = frame.open() + frame.axes() + "<g class=\"points\" fill-opacity=\"0.8\">"
        let radius = SVGFormat.coordinate(pointRadius)
        for index in indices {
            let color = index < classes.count ? colorOfClass[classes[index]]! : ChartPalette.color(0)
            svg += "<circle cx=\"\(SVGFormat.coordinate(frame.x(x[index])))\" cy=\"\(SVGFormat.coordinate(frame.y(y[index])))\" r=\"\(radius)\" fill=\"\(color)\"/>"
        }
        svg += "</g>"
        if !labels.isEmpty {
            // A white outline painted under the glyphs keeps labels readable over points.
            svg += "<g class=\"labels\" font-size=\"10\" fill=\"#1f2328\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">"
            for index in indices where index < labels.count && !labels[index].isEmpty {
                svg += "<text x=\"\(SVGFormat.coordinate(frame.x(x[index]) + pointRadius + 2))\" y=\"\(SVGFormat.coordinate(frame.y(y[index]) - pointRadius - 1))\">\(SVGFormat.escape(labels[index]))</text>"
            }
            svg += "</g>"
        }
        return svg + frame.legendSVG() + "</svg>"
    }
}
