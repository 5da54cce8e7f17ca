/// Prints a tensor as a matrix: a 1-D tensor as one row, a 2-D tensor as aligned rows, a higher one as
/// its 2-D slices, each headed by its leading indices (`[0, :, :]`).
///
/// ```swift
/// show(Tensor(shape: [2, 2], scalars: [1, 2, 3, 4.5]))
/// // [[1,   2  ],
/// //  [3,   4.5]]
/// ```
public func show(_ tensor: Tensor) {
    print(formatTensor(shape: tensor.shape, scalars: tensor.scalars))
}

/// Prints any other value as `print` would.
public func show<Value>(_ value: Value) {
    print(value)
}

/// The text `show` prints for a tensor of `shape` holding `scalars` (row-major).
public func formatTensor(shape: [Int], scalars: [Float]) -> String {
    let texts = scalars.map(formatNumber)
    let width = texts.map(\.count).max() ?? 0
    func padded(_ text: String) -> String { text + String(repeating: " ", count: width - text.count) }
    switch shape.count {
    case 0:
        return texts.first ?? ""
    case 1:
        return "[" + texts.joined(separator: ", ") + "]"
    default:
        let rows = shape[shape.count - 2], columns = shape[shape.count - 1]
        let sliceSize = rows * columns
        let sliceCount = sliceSize == 0 ? 0 : scalars.count / sliceSize
        func matrix(_ slice: Int) -> String {
            if rows == 0 { return "[]" }
            return (0..<rows).map { row -> String in
                let start = slice * sliceSize + row * columns
                let cells = (0..<columns).map { padded(texts[start + $0]) }.joined(separator: ", ")
                return (row == 0 ? "[[" : " [") + cells + (row == rows - 1 ? "]]" : "],")
            }.joined(separator: "\n")
        }
        if shape.count == 2 { return matrix(0) }
        return (0..<sliceCount).map { slice -> String in
            var rest = slice
            var leading: [Int] = []
            for size in shape.dropLast(2).reversed() {
                leading.append(rest % size)
                rest /= size
            }
            let header = "[" + (leading.reversed().map(String.init) + [":", ":"]).joined(separator: ", ") + "] ="
            return header + "\n" + matrix(slice)
        }.joined(separator: "\n\n")
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
