/// The frame shared by line and scatter charts: SVG root, title, grid, ticks, axis labels and a
/// legend, in the right margin or, when that would take more than a quarter of the width, in rows
/// below the plot. Data coordinates map to pixels through two `NiceScale`s.
struct ChartFrame {
    var width: Double
    var height: Double
    var title: String?
    var xLabel: String?
    var yLabel: String?
    var xScale: NiceScale
    var yScale: NiceScale
    /// Legend entries (label, color); none means no legend.
    var legend: [(label: String, color: String)]
    var legendMarker: LegendMarker

    enum LegendMarker { case line, dot }

    static let fontSize = 12.0
    static let textColor = "#57606a"

    // Plot area, in pixels.
    let left: Double, top: Double, right: Double, bottom: Double
    /// Where each legend entry's marker starts (x) and its row's middle (y).
    let legendPositions: [(x: Double, y: Double)]

    init(width: Double, height: Double, title: String?, xLabel: String?, yLabel: String?,
         xScale: NiceScale, yScale: NiceScale, legend: [(label: String, color: String)], legendMarker: LegendMarker) {
        self.width = width
        self.height = height
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.legend = legend
        self.legendMarker = legendMarker
        let widestTick = yScale.ticks.map { SVGFormat.estimatedWidth(yScale.label($0), fontSize: Self.fontSize) }.max() ?? 0
        let widestLegend = legend.map { SVGFormat.estimatedWidth($0.label, fontSize: Self.fontSize) }.max() ?? 0
        left = (12 + widestTick + 8 + (yLabel == nil ? 0 : 20)).rounded()
        top = title == nil ? 14 : 38
        let besideWidth = (20 + 26 + widestLegend + 8).rounded()
        let axisBottom = height - (xLabel == nil ? 30 : 50)
        if legend.isEmpty {
            right = width - 20
            bottom = axisBottom
            legendPositions = []
        } else if besideWidth <= width / 4 {
            right = width - besideWidth
            bottom = axisBottom
            let (markerX, firstRowY) = (width - besideWidth + 16, top + 10)
            legendPositions = legend.indices.map { (markerX, firstRowY + Double($0) * 20) }
        } else {
            right = width - 20
            let rows = Self.legendRows(legend.map(\.label), left: left, right: width - 20)
            let rowCount = (rows.map(\.row).max() ?? 0) + 1
            bottom = axisBottom - Double(rowCount) * 20
            let firstRowY = bottom + (xLabel == nil ? 30 : 50) + 4
            legendPositions = rows.map { ($0.x, firstRowY + Double($0.row) * 20) }
        }
    }

    /// Entries laid out left to right in rows between `left` and `right`: each entry's row and marker x.
    static func legendRows(_ labels: [String], left: Double, right: Double) -> [(row: Int, x: Double)] {
        var placed: [(row: Int, x: Double)] = []
        var row = 0, x = left
        for label in labels {
            let entryWidth = 24 + SVGFormat.estimatedWidth(label, fontSize: fontSize) + 18
            if x > left && x + entryWidth > right {
                row += 1
                x = left
            }
            placed.append((row, x))
            x += entryWidth
        }
        return placed
    }

    /// Pixel x of a data value.
    func x(_ value: Double) -> Double { xScale.position(of: value, from: left, to: right) }
    /// Pixel y of a data value (up is larger).
    func y(_ value: Double) -> Double { yScale.position(of: value, from: bottom, to: top) }

    /// `<svg …>`, background and title; close with `</svg>`.
    func open() -> String {
        let w = SVGFormat.coordinate(width), h = SVGFormat.coordinate(height)
        let label = SVGFormat.escape(title ?? "chart")
        var svg = "<svg class=\"folio-plot\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" role=\"img\" aria-label=\"\(label)\" font-family=\"sans-serif\" font-size=\"\(SVGFormat.coordinate(Self.fontSize))\">"
        svg += "<rect class=\"plot-bg\" width=\"\(w)\" height=\"\(h)\" fill=\"#ffffff\"/>"
        if let title {
            svg += "<text class=\"plot-ink\" x=\"\(SVGFormat.coordinate(width / 2))\" y=\"24\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"600\" fill=\"#1f2328\">\(SVGFormat.escape(title))</text>"
        }
        return svg
    }

    /// Grid lines, tick labels, the two axis lines and the axis labels.
    func axes() -> String {
        var svg = "<g class=\"grid\" stroke=\"#e5e7eb\">"
        for tick in yScale.ticks {
            let py = SVGFormat.coordinate(y(tick))
            svg += "<line x1=\"\(SVGFormat.coordinate(left))\" x2=\"\(SVGFormat.coordinate(right))\" y1=\"\(py)\" y2=\"\(py)\"/>"
        }
        for tick in xScale.ticks {
            let px = SVGFormat.coordinate(x(tick))
            svg += "<line x1=\"\(px)\" x2=\"\(px)\" y1=\"\(SVGFormat.coordinate(top))\" y2=\"\(SVGFormat.coordinate(bottom))\"/>"
        }
        svg += "</g><g class=\"ticks\" fill=\"\(Self.textColor)\">"
        for tick in yScale.ticks {
            svg += "<text x=\"\(SVGFormat.coordinate(left - 6))\" y=\"\(SVGFormat.coordinate(y(tick) + 4))\" text-anchor=\"end\">\(SVGFormat.escape(yScale.label(tick)))</text>"
        }
        for tick in xScale.ticks {
            svg += "<text x=\"\(SVGFormat.coordinate(x(tick)))\" y=\"\(SVGFormat.coordinate(bottom + 18))\" text-anchor=\"middle\">\(SVGFormat.escape(xScale.label(tick)))</text>"
        }
        svg += "</g>"
        svg += "<path class=\"axis\" d=\"M\(SVGFormat.coordinate(left)) \(SVGFormat.coordinate(top))V\(SVGFormat.coordinate(bottom))H\(SVGFormat.coordinate(right))\" fill=\"none\" stroke=\"#57606a\"/>"
        if let xLabel {
            svg += "<text class=\"plot-ink\" x=\"\(SVGFormat.coordinate((left + right) / 2))\" y=\"\(SVGFormat.coordinate(bottom + 40))\" text-anchor=\"middle\" fill=\"#1f2328\">\(SVGFormat.escape(xLabel))</text>"
        }
        if let yLabel {
            svg += "<text class=\"plot-ink\" transform=\"translate(16 \(SVGFormat.coordinate((top + bottom) / 2))) rotate(-90)\" text-anchor=\"middle\" fill=\"#1f2328\">\(SVGFormat.escape(yLabel))</text>"
        }
        return svg
    }

    /// The legend: one entry per line in the right margin, or rows of entries below the plot.
    func legendSVG() -> String {
        guard !legend.isEmpty else { return "" }
        var svg = "<g class=\"legend\">"
        for (entry, position) in zip(legend, legendPositions) {
            let rowY = position.y
            let markerX = position.x
            switch legendMarker {
            case .line:
                svg += "<line x1=\"\(SVGFormat.coordinate(markerX))\" x2=\"\(SVGFormat.coordinate(markerX + 18))\" y1=\"\(SVGFormat.coordinate(rowY))\" y2=\"\(SVGFormat.coordinate(rowY))\" stroke=\"\(entry.color)\" stroke-width=\"2.5\"/>"
            case .dot:
                svg += "<circle cx=\"\(SVGFormat.coordinate(markerX + 9))\" cy=\"\(SVGFormat.coordinate(rowY))\" r=\"4.5\" fill=\"\(entry.color)\"/>"
            }
            svg += "<text class=\"plot-ink\" x=\"\(SVGFormat.coordinate(markerX + 24))\" y=\"\(SVGFormat.coordinate(rowY + 4))\" fill=\"#1f2328\">\(SVGFormat.escape(entry.label))</text>"
        }
        return svg + "</g>"
    }
}
