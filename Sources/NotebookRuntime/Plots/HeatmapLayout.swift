/// Where a heatmap's parts go: the cell side, the margins and the whole size, measured from what it
/// writes (title, row and column labels, printed values, color-bar ticks), so that nothing is
/// clipped at the edges and neighbouring values never run together.
struct HeatmapLayout {
    static let fontSize = 12.0
    static let titleFontSize = 15.0
    /// Space between a printed value and the cell's sides, in pixels.
    static let valuePadding = 8.0
    /// Smallest font size at which values are printed when the chart decides by itself.
    static let smallestValueFontSize = 7.0

    let rowNames: [String]
    let columnNames: [String]
    let columns: Int
    let cell: Double
    let left: Double
    let top: Double
    let gridWidth: Double
    let barHeight: Double
    let width: Double
    let height: Double
    /// The font size of the printed values, or nil when they are not printed.
    let valueFontSize: Double?

    init(_ map: Heatmap) {
        let rows = map.matrix.count
        columns = map.matrix.map(\.count).max() ?? 0
        rowNames = map.rowLabels ?? (rows <= 40 ? (0..<rows).map(String.init) : [])
        columnNames = map.columnLabels ?? (columns <= 40 ? (0..<columns).map(String.init) : [])
        let font = Self.fontSize
        let labelWidth = (rowNames.map { SVGFormat.estimatedWidth($0, fontSize: font) }.max() ?? 0) + 10
        let widestTick = map.colorBarTicks.map { SVGFormat.estimatedWidth(SVGFormat.value($0), fontSize: font) }.max() ?? 0
        let colorBarWidth = 16 + 20 + widestTick + 10
        left = 10 + labelWidth
        top = (map.title == nil ? 10.0 : 36.0) + (columnNames.isEmpty ? 0 : 18)
        // Each value in one line of its cell, and each column label over its column.
        let widestValue = map.matrix.flatMap { $0 }.map { SVGFormat.estimatedWidth(SVGFormat.value($0), fontSize: font) }.max() ?? 0
        let widestColumnName = columnNames.map { SVGFormat.estimatedWidth($0, fontSize: font) }.max() ?? 0
        let wanted = max(map.cellSize, map.showValues == false ? 0 : widestValue + Self.valuePadding, widestColumnName + 6)
        let available = map.maximumWidth - left - colorBarWidth
        cell = max(1, columns == 0 ? wanted : min(wanted, available / Double(columns)))
        gridWidth = cell * Double(columns)
        barHeight = max(cell * Double(rows), 120)
        let titleWidth = map.title.map { SVGFormat.estimatedWidth($0, fontSize: Self.titleFontSize) * 1.05 + 24 } ?? 0
        width = max(left + gridWidth + colorBarWidth, titleWidth).rounded(.up)
        height = (top + barHeight + 14).rounded(.up)
        // The largest size (at most 12 px, a third of the cell) at which the widest value fits.
        let characters = Double(map.matrix.flatMap { $0 }.map { SVGFormat.value($0).count }.max() ?? 1)
        let fitting = min(font, cell / 3.2 * 1.25, (cell - Self.valuePadding) / (max(characters, 1) * 0.6))
        switch map.showValues {
        case true?: valueFontSize = max(fitting, 1)
        case false?: valueFontSize = nil
        case nil: valueFontSize = fitting >= Self.smallestValueFontSize && rows * columns <= 400 ? fitting : nil
        }
    }
}
