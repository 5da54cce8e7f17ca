import Foundation
import FolioProtocol

/// Closeness checks: `|actual - expected| <= atol + rtol * |expected|` elementwise, like `torch.allclose`.
/// Each call is one check; nan is close only to nan. Shapes must agree, apart from leading dimensions of
/// size 1 (`[1, 1, 3, 3]` against a 3×3 matrix, `[1]` against a number). Values are reported in their own type's digits
/// (a Float as a Float), and a failure names the first differing element and the largest difference.

/// Checks that a Double is close to the expected value.
public func expectClose(_ actual: Double, _ expected: Double, rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", line: UInt = #line) {
    expectCloseElements([actual], [expected], shapes: ([], []), rtol: rtol, atol: atol, label: label, line: line)
}

/// Checks that a Float is close to the expected value.
public func expectClose(_ actual: Float, _ expected: Float, rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", line: UInt = #line) {
    expectCloseElements([actual], [expected], shapes: ([], []), rtol: rtol, atol: atol, label: label, line: line)
}

/// Checks that an integer is close to the expected one (exactly equal with the default tolerances).
public func expectClose(_ actual: Int, _ expected: Int, rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", line: UInt = #line) {
    expectCloseElements([Double(actual)], [Double(expected)], shapes: ([], []), rtol: rtol, atol: atol, label: label, line: line)
}

/// Checks that two arrays have the same length and close elements.
public func expectClose(_ actual: [Double], _ expected: [Double], rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", line: UInt = #line) {
    expectCloseElements(actual, expected, shapes: ([actual.count], [expected.count]), rtol: rtol, atol: atol, label: label, line: line)
}

/// Checks that two arrays have the same length and close elements.
public func expectClose(_ actual: [Float], _ expected: [Float], rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", line: UInt = #line) {
    expectCloseElements(actual, expected, shapes: ([actual.count], [expected.count]), rtol: rtol, atol: atol, label: label, line: line)
}

/// Checks that two integer arrays have the same length and close elements (what array literals of whole
/// numbers on both sides are; without it, `expectClose([1, 2], [1, 2])` would be ambiguous).
public func expectClose(_ actual: [Int], _ expected: [Int], rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", line: UInt = #line) {
    expectCloseElements(actual.map(Double.init), expected.map(Double.init), shapes: ([actual.count], [expected.count]),
                        rtol: rtol, atol: atol, label: label, line: line)
}

/// Checks that two integer matrices (nested arrays) have the same shape and close elements.
public func expectClose(_ actual: [[Int]], _ expected: [[Int]], rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", line: UInt = #line) {
    expectCloseElements(actual.flatMap { $0 }.map(Double.init), expected.flatMap { $0 }.map(Double.init),
                        shapes: (matrixShape(actual), matrixShape(expected)), rtol: rtol, atol: atol, label: label, line: line)
}

/// Checks that two matrices (nested arrays) have the same shape and close elements.
public func expectClose(_ actual: [[Float]], _ expected: [[Float]], rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", line: UInt = #line) {
    expectCloseElements(actual.flatMap { $0 }, expected.flatMap { $0 }, shapes: (matrixShape(actual), matrixShape(expected)),
                        rtol: rtol, atol: atol, label: label, line: line)
}

/// Checks that two matrices (nested arrays) have the same shape and close elements.
public func expectClose(_ actual: [[Double]], _ expected: [[Double]], rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", line: UInt = #line) {
    expectCloseElements(actual.flatMap { $0 }, expected.flatMap { $0 }, shapes: (matrixShape(actual), matrixShape(expected)),
                        rtol: rtol, atol: atol, label: label, line: line)
}

/// Checks that two tensors have the same shape and close elements.
public func expectClose(_ actual: Tensor, _ expected: Tensor, rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", line: UInt = #line) {
    expectCloseElements(actual.scalars, expected.scalars, shapes: (actual.shape, expected.shape),
                        rtol: rtol, atol: atol, label: label, line: line)
}

/// Checks a one-element tensor (a loss, `x.sum()`) against a number; any other shape fails.
public func expectClose(_ actual: Tensor, _ expected: Float, rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", line: UInt = #line) {
    expectCloseElements(actual.scalars, [expected], shapes: (actual.shape, []), rtol: rtol, atol: atol, label: label, line: line)
}

/// Checks a tensor against a flat list of values (shape `[count]`).
public func expectClose(_ actual: Tensor, _ expected: [Float], rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", line: UInt = #line) {
    expectCloseElements(actual.scalars, expected, shapes: (actual.shape, [expected.count]), rtol: rtol, atol: atol, label: label, line: line)
}

/// Checks a tensor against a matrix written as nested arrays (shape `[rows, columns]`).
public func expectClose(_ actual: Tensor, _ expected: [[Float]], rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", line: UInt = #line) {
    expectCloseElements(actual.scalars, expected.flatMap { $0 }, shapes: (actual.shape, matrixShape(expected)),
                        rtol: rtol, atol: atol, label: label, line: line)
}

/// Checks a tensor against a 3-D array (shape `[a, b, c]`).
public func expectClose(_ actual: Tensor, _ expected: [[[Float]]], rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", line: UInt = #line) {
    let rows = expected.flatMap { $0 }
    let inner = matrixShape(rows)
    let ragged = inner == [-1] || expected.contains { $0.count != expected.first?.count }
    expectCloseElements(actual.scalars, rows.flatMap { $0 }, shapes: (actual.shape, ragged ? [-1] : [expected.count, expected.first?.count ?? 0, inner[1]]),
                        rtol: rtol, atol: atol, label: label, line: line)
}

/// `[rows, columns]` of a nested array, or `[-1]` when its rows differ in length.
private func matrixShape<Element>(_ rows: [[Element]]) -> [Int] {
    let columns = rows.first?.count ?? 0
    return rows.contains { $0.count != columns } ? [-1] : [rows.count, columns]
}

private func describeShape(_ shape: [Int]) -> String {
    shape == [-1] ? "ragged (rows of different lengths)" : "shape \(shape)"
}

private func expectCloseElements<Number: BinaryFloatingPoint & LosslessStringConvertible>(
    _ actual: [Number], _ expected: [Number], shapes: ([Int], [Int]), rtol: Double, atol: Double, label: String, line: UInt
) {
    // Like torch.allclose, shapes that differ only in leading dimensions of size 1 broadcast to each
    // other: a [1, 1, 3, 3] convolution output compares with a 3×3 matrix.
    func core(_ shape: [Int]) -> [Int] { Array(shape.drop(while: { $0 == 1 })) }
    guard core(shapes.0) == core(shapes.1), shapes.0 != [-1], shapes.1 != [-1], actual.count == expected.count else {
        recordCheck(passed: false, label: label, expected: describeShape(shapes.1), actual: describeShape(shapes.0), line: line)
        return
    }
    let margins = zip(actual, expected).map { Closeness.margin(Double($0), Double($1), rtol: rtol, atol: atol) }
    // How much of the tolerance the worst element uses: `folio check --json` reports it, `--compare` follows it.
    let margin = margins.max() ?? 0
    let failures = zip(actual, expected).enumerated().filter { margins[$0.offset] > 1 }
    guard let first = failures.first else {
        recordCheck(passed: true, label: label, expected: nil, actual: nil, line: line, margin: margin)
        return
    }
    if shapes.1.isEmpty {
        recordCheck(passed: false, label: label, expected: formatNumber(first.element.1),
                    actual: "\(formatNumber(first.element.0)) (difference \(formatNumber(abs(first.element.0 - first.element.1))), "
                        + "allowed \(String(format: "%.3g", atol + rtol * abs(Double(first.element.1)))))",
                    line: line, margin: margin)
        return
    }
    let position = multiIndex(first.offset, shape: shapes.1)
    let worst = failures.map { abs($0.element.0 - $0.element.1) }.max() ?? 0
    recordCheck(passed: false, label: label,
                expected: "\(formatNumber(first.element.1)) at \(position)",
                actual: "\(formatNumber(first.element.0)) (\(failures.count) of \(expected.count) elements differ, largest difference \(formatNumber(worst)))",
                line: line, margin: margin)
}

private func multiIndex(_ flat: Int, shape: [Int]) -> String {
    var rest = flat
    var indices: [Int] = []
    for size in shape.reversed() where size > 0 {
        indices.append(rest % size)
        rest /= size
    }
    return "[" + indices.reversed().map(String.init).joined(separator: ", ") + "]"
}
