// Chart commands that take tensors directly (only `shape` and `scalars` are used).

/// Plots the elements of a 1-D tensor against their index.
public func plot(_ values: Tensor, title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, label: String = "") {
    plot(values.scalars, title: title, xLabel: xLabel, yLabel: yLabel, label: label)
}

/// A heatmap of a 2-D tensor (or of the last two dimensions when the leading ones are all 1,
/// e.g. a `[1, 1, 5, 5]` image).
public func heatmap(_ tensor: Tensor, title: String? = nil, rowLabels: [String]? = nil,
                    columnLabels: [String]? = nil, showValues: Bool? = nil, colorMap: Heatmap.ColorMap = .automatic) {
    heatmap(matrixRows(of: tensor), title: title, rowLabels: rowLabels, columnLabels: columnLabels,
            showValues: showValues, colorMap: colorMap)
}

/// A scatter chart of an `[N, 2]` tensor of points (e.g. a t-SNE embedding).
public func scatter(_ points: Tensor, classes: [Int] = [], labels: [String] = [], title: String? = nil,
                    xLabel: String? = nil, yLabel: String? = nil) {
    let columns = points.shape.last ?? 0
    let count = columns == 0 ? 0 : points.scalars.count / columns
    let xs = (0..<count).map { points.scalars[$0 * columns] }
    let ys = (0..<count).map { columns > 1 ? points.scalars[$0 * columns + 1] : 0 }
    scatter(x: xs, y: ys, classes: classes.map(String.init), labels: labels, title: title, xLabel: xLabel, yLabel: yLabel)
}

/// The rows of a tensor seen as a matrix: `[rows, columns]` from its last two dimensions, with all
/// leading dimensions folded into the rows; a 1-D tensor is one row.
func matrixRows(of tensor: Tensor) -> [[Float]] {
    let columns = tensor.shape.last ?? 1
    guard columns > 0 else { return [] }
    return stride(from: 0, to: tensor.scalars.count, by: columns).map {
        Array(tensor.scalars[$0..<min($0 + columns, tensor.scalars.count)])
    }
}
