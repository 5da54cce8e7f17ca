/// Prints a tensor as a matrix: a 1-D tensor as one row, a 2-D tensor as rows with right-aligned
/// columns, a higher one as its 2-D slices, each headed by its leading indices (`[0, :, :] =`).
/// A tensor of more than ``showThreshold`` elements is abbreviated like PyTorch's printing: in every
/// dimension longer than `2 * showEdgeItems`, the first and last ``showEdgeItems`` entries with `...`
/// between them.
///
/// ```swift
/// show(Tensor(shape: [2, 2], scalars: [1, 2, 3, 4.5]))
/// // [[1,   2],
/// //  [3, 4.5]]
/// ```
public func show(_ tensor: Tensor) {
    print(formatTensor(shape: tensor.shape, scalars: tensor.scalars))
}

/// Prints a matrix written as nested arrays the way `show` prints a 2-D tensor (rows must be equally long;
/// ragged arrays print as `print` would).
public func show(_ matrix: [[Float]]) {
    guard let columns = matrix.first?.count, matrix.allSatisfy({ $0.count == columns }) else {
        print(matrix)
        return
    }
    print(formatTensor(shape: [matrix.count, columns], scalars: matrix.flatMap { $0 }))
}

/// Prints a matrix of doubles like ``show(_:)-([[Float]])``, with the doubles' own digits.
public func show(_ matrix: [[Double]]) {
    guard let columns = matrix.first?.count, matrix.allSatisfy({ $0.count == columns }) else {
        print(matrix)
        return
    }
    print(formatMatrix(shape: [matrix.count, columns], texts: matrix.flatMap { $0 }.map(formatNumber)))
}

/// Prints any other value as `print` would.
public func show<Value>(_ value: Value) {
    print(value)
}

/// Tensors with more elements than this are abbreviated by `show` (PyTorch's print threshold).
public let showThreshold = 1000
/// Entries kept at each end of a long dimension when a tensor is abbreviated (PyTorch's `edgeitems`).
public let showEdgeItems = 3

/// The text `show` prints for a tensor of `shape` holding `scalars` (row-major).
public func formatTensor(shape: [Int], scalars: [Float]) -> String {
    formatMatrix(shape: shape, texts: scalars.map(formatNumber))
}

/// Lays out already formatted numbers (`texts`, row-major, one per element of `shape`).
func formatMatrix(shape: [Int], texts: [String]) -> String {
    if shape.isEmpty { return texts.first ?? "" }
    if texts.isEmpty || shape.contains(0) { return "[]" }
    let layout = MatrixLayout(shape: shape, texts: texts)
    if shape.count == 1 { return "[" + layout.rowText([], 0, aligned: false) + "]" }
    if shape.count == 2 { return layout.matrix([]) }
    return layout.slicesText()
}

/// How `show` lays out a tensor of two or more dimensions: which rows, columns and leading slices are
/// shown (the edges only, around `...`, for a large tensor), and the column width that aligns them.
private struct MatrixLayout {
    let shape: [Int]
    let texts: [String]
    private let strides: [Int]
    private let rowIndices: [Int?]
    private let columnIndices: [Int?]
    /// The leading indices of each shown slice; nil marks a gap.
    let slices: [[Int?]]
    private var width = 0

    init(shape: [Int], texts: [String]) {
        self.shape = shape
        self.texts = texts
        let abbreviated = texts.count > showThreshold
        var strides = Array(repeating: 1, count: shape.count)
        for dimension in stride(from: shape.count - 2, through: 0, by: -1) {
            strides[dimension] = strides[dimension + 1] * shape[dimension + 1]
        }
        self.strides = strides
        rowIndices = shape.count >= 2 ? Self.shownIndices(shape[shape.count - 2], abbreviated: abbreviated) : [0]
        columnIndices = Self.shownIndices(shape[shape.count - 1], abbreviated: abbreviated)
        var slices: [[Int?]] = [[]]
        for size in shape.dropLast(2) {
            slices = slices.flatMap { prefix in Self.shownIndices(size, abbreviated: abbreviated).map { prefix + [$0] } }
        }
        self.slices = slices
        width = shownWidth()
    }

    /// The indices shown along a dimension of `size`; nil marks the `...` gap.
    private static func shownIndices(_ size: Int, abbreviated: Bool) -> [Int?] {
        guard abbreviated, size > 2 * showEdgeItems else { return Array(0..<size) }
        return Array(0..<showEdgeItems) + [nil] + Array((size - showEdgeItems)..<size)
    }

    /// The widest text shown, so that the columns align.
    private func shownWidth() -> Int {
        var width = 0
        for slice in slices where !slice.contains(nil) {
            let leading = slice.map { $0! }
            for row in rowIndices.compactMap({ $0 }) {
                for column in columnIndices.compactMap({ $0 }) {
                    width = max(width, texts[offset(leading, row: row, column: column)].count)
                }
            }
        }
        return width
    }

    private func offset(_ leading: [Int], row: Int, column: Int) -> Int {
        var flat = row * (shape.count >= 2 ? strides[shape.count - 2] : 0) + column
        for (dimension, index) in leading.enumerated() { flat += index * strides[dimension] }
        return flat
    }

    /// One row's texts, separated by commas (padded to the common width when `aligned`).
    func rowText(_ leading: [Int], _ row: Int, aligned: Bool) -> String {
        columnIndices.map { column in
            guard let column else { return "..." }
            let text = texts[offset(leading, row: row, column: column)]
            return aligned ? String(repeating: " ", count: max(0, width - text.count)) + text : text
        }.joined(separator: ", ")
    }

    /// The matrix of the last two dimensions at `leading`.
    func matrix(_ leading: [Int]) -> String {
        let rows = rowIndices.map { row -> String in
            guard let row else { return "..." }
            return "[" + rowText(leading, row, aligned: true) + "]"
        }
        return rows.enumerated().map { position, text in
            (position == 0 ? "[" : " ") + text + (position == rows.count - 1 ? "]" : ",")
        }.joined(separator: "\n")
    }

    /// Every shown slice under its `[i, j, :, :] =` header.
    func slicesText() -> String {
        var parts: [String] = []
        for slice in slices {
            guard !slice.contains(nil) else {
                // Every slice inside a gap of some leading dimension: one `...` for the run of them.
                if parts.last != "..." { parts.append("...") }
                continue
            }
            let leading = slice.map { $0! }
            let header = "[" + (leading.map(String.init) + [":", ":"]).joined(separator: ", ") + "] ="
            parts.append(header + "\n" + matrix(leading))
        }
        return parts.joined(separator: "\n\n")
    }
}

/// A number as shown in outputs: whole numbers without a fraction (`158`), others in the shortest form
/// that reads back to the same value (`0.33333334`).
func formatNumber<Number: BinaryFloatingPoint & LosslessStringConvertible>(_ value: Number) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
        return String(Int64(value))
    }
    return String(value)
}
