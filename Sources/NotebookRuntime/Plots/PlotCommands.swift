// What chapter cells call to put a chart or a table under the cell in the report. Each builds
// the SVG or HTML with the pure types of this folder and sends it with `emitHTML(_:)`.

/// Plots named lines, e.g. training and validation loss per epoch.
///
/// ```swift
/// plot(series: [("train", epochs, trainLoss), ("valid", epochs, validLoss)],
///      title: "Learning curves", xLabel: "epoch", yLabel: "loss")
/// ```
public func plot<T: BinaryFloatingPoint>(series: [(String, [T], [T])], title: String? = nil,
                                         xLabel: String? = nil, yLabel: String? = nil) {
    let lines = series.map { PlotSeries($0.0, x: $0.1, y: $0.2) }
    emitHTML(LineChart(series: lines, title: title, xLabel: xLabel, yLabel: yLabel).svg)
}

/// Plots one line of `ys` against its index 0, 1, 2, …
public func plot<T: BinaryFloatingPoint>(_ ys: [T], title: String? = nil, xLabel: String? = nil,
                                         yLabel: String? = nil, label: String = "") {
    emitHTML(LineChart(series: [PlotSeries(label, y: ys)], title: title, xLabel: xLabel, yLabel: yLabel).svg)
}

/// Plots one line of `ys` against `xs`.
public func plot<T: BinaryFloatingPoint>(_ xs: [T], _ ys: [T], title: String? = nil, xLabel: String? = nil,
                                         yLabel: String? = nil, label: String = "") {
    emitHTML(LineChart(series: [PlotSeries(label, x: xs, y: ys)], title: title, xLabel: xLabel, yLabel: yLabel).svg)
}

/// A scatter chart; `classes` colors the points (one legend entry per class) and `labels` writes
/// a text next to each point.
///
/// ```swift
/// scatter(x: embedding.map { $0[0] }, y: embedding.map { $0[1] }, classes: digits.map(String.init),
///         title: "t-SNE of the digits")
/// ```
public func scatter<T: BinaryFloatingPoint>(x: [T], y: [T], classes: [String] = [], labels: [String] = [],
                                            title: String? = nil, xLabel: String? = nil, yLabel: String? = nil) {
    emitHTML(ScatterChart(x: x, y: y, classes: classes, labels: labels, title: title, xLabel: xLabel, yLabel: yLabel).svg)
}

/// A scatter chart colored by integer class (e.g. digit labels).
public func scatter<T: BinaryFloatingPoint>(x: [T], y: [T], classes: [Int], labels: [String] = [],
                                            title: String? = nil, xLabel: String? = nil, yLabel: String? = nil) {
    scatter(x: x, y: y, classes: classes.map(String.init), labels: labels, title: title, xLabel: xLabel, yLabel: yLabel)
}

/// A heatmap of a matrix (rows of equal length), e.g. a convolution's output or a filter.
public func heatmap<T: BinaryFloatingPoint>(_ matrix: [[T]], title: String? = nil, rowLabels: [String]? = nil,
                                            columnLabels: [String]? = nil, showValues: Bool? = nil,
                                            colorMap: Heatmap.ColorMap = .automatic) {
    emitHTML(Heatmap(matrix, title: title, rowLabels: rowLabels, columnLabels: columnLabels,
                     showValues: showValues, colorMap: colorMap).svg)
}

/// An HTML table of text cells.
public func table(_ rows: [[String]], header: [String] = []) {
    emitHTML(HTMLTable(rows, header: header).html)
}

/// An HTML table of any printable values (numbers are written with `description`).
public func table(_ rows: [[any CustomStringConvertible]], header: [String] = []) {
    emitHTML(HTMLTable(rows.map { $0.map(\.description) }, header: header).html)
}
