/// A heatmap as self-contained SVG: one colored cell per matrix entry, optional printed values,
/// row and column labels, and a color bar with ticks.
public struct Heatmap {
    /// Which colors to use.
    public enum ColorMap: Equatable {
        /// Diverging (blue–white–red, centred at zero) when the values have both signs, else viridis.
        case automatic
        /// Viridis, low to high.
        case sequential
        /// Blue for negative, white for zero, red for positive, symmetric around zero.
        case diverging
    }

    /// The rows of values, one cell each.
    public var matrix: [[Double]]
    /// The title above the grid.
    public var title: String?
    /// A label per row (nil: the row numbers, for at most 40 rows).
    public var rowLabels: [String]?
    /// A label per column (nil: the column numbers, for at most 40 columns).
    public var columnLabels: [String]?
    /// Print each value in its cell; nil prints them when cells are large enough to read.
    public var showValues: Bool?
    /// How values map to colors.
    public var colorMap: ColorMap
    /// The cell side in pixels; cells grow to hold their printed values and column labels, and
    /// shrink to fit `maximumWidth`.
    public var cellSize: Double
    /// The widest the chart may be, in pixels (a long title may still widen it to its own width).
    public var maximumWidth: Double

    /// A heatmap of `matrix` (rows of `Float` or `Double`).
    public init<T: BinaryFloatingPoint>(_ matrix: [[T]], title: String? = nil, rowLabels: [String]? = nil,
                                        columnLabels: [String]? = nil, showValues: Bool? = nil,
                                        colorMap: ColorMap = .automatic, cellSize: Double = 44, maximumWidth: Double = 640) {
        self.matrix = matrix.map { $0.map(Double.init) }
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.showValues = showValues
        self.colorMap = colorMap
        self.cellSize = cellSize
        self.maximumWidth = maximumWidth
    }

    /// The value range the colors span: symmetric around zero for a diverging map.
    var colorRange: (low: Double, high: Double, diverging: Bool) {
        let values = matrix.flatMap { $0 }.filter(\.isFinite)
        let low = values.min() ?? 0, high = values.max() ?? 1
        let diverging = colorMap == .diverging || (colorMap == .automatic && low < 0 && high > 0)
        if diverging {
            let bound = max(abs(low), abs(high), .leastNonzeroMagnitude)
            return (-bound, bound, true)
        }
        return low == high ? (low - 1, high + 1, false) : (low, high, false)
    }

    /// The fill of one value.
    func color(of value: Double) -> String {
        guard value.isFinite else { return "#d0d7de" }
        let range = colorRange
        let fraction = (value - range.low) / (range.high - range.low)
        return ChartPalette.interpolate(range.diverging ? ChartPalette.diverging : ChartPalette.viridis, at: fraction)
    }

    /// The chart as an `<svg>` element, as wide as its title, labels and printed values need.
    public var svg: String {
        let layout = HeatmapLayout(self)
        let (rows, cell, left, top) = (matrix.count, layout.cell, layout.left, layout.top)
        let (width, height) = (layout.width, layout.height)
        let f = SVGFormat.coordinate

        var svg = "<svg class=\"folio-plot heatmap\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-label=\"\(SVGFormat.escape(title ?? "heatmap"))\" font-family=\"sans-serif\" font-size=\"\(f(HeatmapLayout.fontSize))\">"
        svg += "<rect class=\"plot-bg\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#ffffff\"/>"
        if let title {
            svg += "<text class=\"plot-ink\" x=\"\(f(width / 2))\" y=\"24\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"600\" fill=\"#1f2328\">\(SVGFormat.escape(title))</text>"
        }
        svg += "<g class=\"cells\">"
        for (row, values) in matrix.enumerated() {
            for (column, value) in values.enumerated() {
                svg += "<rect x=\"\(f(left + Double(column) * cell))\" y=\"\(f(top + Double(row) * cell))\" width=\"\(f(cell))\" height=\"\(f(cell))\" fill=\"\(color(of: value))\"><title>[\(row), \(column)] = \(SVGFormat.value(value))</title></rect>"
            }
        }
        svg += "</g>"
        if let valueSize = layout.valueFontSize {
            svg += "<g class=\"values\" text-anchor=\"middle\" font-size=\"\(f(valueSize))\">"
            for (row, values) in matrix.enumerated() {
                for (column, value) in values.enumerated() {
                    let cx = left + (Double(column) + 0.5) * cell, cy = top + (Double(row) + 0.5) * cell + valueSize * 0.35
                    svg += "<text x=\"\(f(cx))\" y=\"\(f(cy))\" fill=\"\(ChartPalette.textColor(on: color(of: value)))\">\(SVGFormat.value(value))</text>"
                }
            }
            svg += "</g>"
        }
        svg += "<g class=\"ticks\" fill=\"#57606a\">"
        for (row, name) in layout.rowNames.enumerated() where row < rows {
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(top + (Double(row) + 0.5) * cell + 4))\" text-anchor=\"end\">\(SVGFormat.escape(name))</text>"
        }
        for (column, name) in layout.columnNames.enumerated() where column < layout.columns {
            svg += "<text x=\"\(f(left + (Double(column) + 0.5) * cell))\" y=\"\(f(top - 6))\" text-anchor=\"middle\">\(SVGFormat.escape(name))</text>"
        }
        svg += "</g>"
        svg += colorBar(x: left + layout.gridWidth + 16, top: top, height: layout.barHeight)
        return svg + "</svg>"
    }

    /// The ticks of the color bar, nice numbers inside the color range.
    var colorBarTicks: [Double] {
        let range = colorRange
        return NiceScale.ticks(inside: range.low, range.high, targetTicks: 5)
    }

    /// A vertical color bar made of stacked bands (no gradient, so no element ids that could
    /// clash between several charts on one page), with nice ticks on its right.
    private func colorBar(x: Double, top: Double, height: Double) -> String {
        let f = SVGFormat.coordinate
        let range = colorRange
        let bands = 32
        let bandHeight = height / Double(bands)
        var svg = "<g class=\"color-bar\">"
        for band in 0..<bands {
            let fraction = (Double(bands - band) - 0.5) / Double(bands)
            let value = range.low + fraction * (range.high - range.low)
            svg += "<rect x=\"\(f(x))\" y=\"\(f(top + Double(band) * bandHeight))\" width=\"14\" height=\"\(f(bandHeight + 0.5))\" fill=\"\(color(of: value))\"/>"
        }
        svg += "<rect x=\"\(f(x))\" y=\"\(f(top))\" width=\"14\" height=\"\(f(height))\" fill=\"none\" stroke=\"#8c959f\"/>"
        for tick in colorBarTicks {
            let y = top + (range.high - tick) / (range.high - range.low) * height
            svg += "<text x=\"\(f(x + 20))\" y=\"\(f(y + 4))\" fill=\"#57606a\">\(SVGFormat.value(tick))</text>"
        }
        return svg + "</g>"
    }
}
