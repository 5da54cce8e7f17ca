/// Closeness checks: `|actual - expected| <= atol + rtol * |expected|` elementwise, like `torch.allclose`.
/// Each call is one check; nan is close only to nan.

/// Checks that a Double is close to the expected value.
public func expectClose(_ actual: Double, _ expected: Double, rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", file: StaticString = #filePath, line: UInt = #line) {
    let passed = isClose(actual, expected, rtol: rtol, atol: atol)
    recordCheck(passed: passed, label: label, expected: formatNumber(expected), actual: formatNumber(actual), line: line)
}

/// Checks that a Float is close to the expected value.
public func expectClose(_ actual: Float, _ expected: Float, rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", file: StaticString = #filePath, line: UInt = #line) {
    let passed = isClose(Double(actual), Double(expected), rtol: rtol, atol: atol)
    recordCheck(passed: passed, label: label, expected: formatNumber(expected), actual: formatNumber(actual), line: line)
}

/// Checks that two arrays have the same length and close elements.
public func expectClose(_ actual: [Double], _ expected: [Double], rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", file: StaticString = #filePath, line: UInt = #line) {
    expectCloseElements(actual, expected, shapes: ([actual.count], [expected.count]), rtol: rtol, atol: atol, label: label, line: line)
}

/// Checks that two arrays have the same length and close elements.
public func expectClose(_ actual: [Float], _ expected: [Float], rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", file: StaticString = #filePath, line: UInt = #line) {
    expectCloseElements(actual.map(Double.init), expected.map(Double.init), shapes: ([actual.count], [expected.count]),
                        rtol: rtol, atol: atol, label: label, line: line)
}

/// Checks that two tensors have the same shape and close elements.
public func expectClose(_ actual: Tensor, _ expected: Tensor, rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", file: StaticString = #filePath, line: UInt = #line) {
    expectCloseElements(actual.scalars.map(Double.init), expected.scalars.map(Double.init),
                        shapes: (actual.shape, expected.shape), rtol: rtol, atol: atol, label: label, line: line)
}

/// Checks a tensor against a matrix written as nested arrays (shape `[rows, columns]`).
public func expectClose(_ actual: Tensor, _ expected: [[Float]], rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", file: StaticString = #filePath, line: UInt = #line) {
    let shape = [expected.count, expected.first?.count ?? 0]
    let ragged = expected.contains { $0.count != shape[1] }
    expectCloseElements(actual.scalars.map(Double.init), expected.flatMap { $0 }.map(Double.init),
                        shapes: (actual.shape, ragged ? [-1] : shape), rtol: rtol, atol: atol, label: label, line: line)
}

/// Checks a tensor against a flat list of values (shape `[count]`).
public func expectClose(_ actual: Tensor, _ expected: [Float], rtol: Double = 1e-4, atol: Double = 1e-6,
                        _ label: String = "", file: StaticString = #filePath, line: UInt = #line) {
    expectCloseElements(actual.scalars.map(Double.init), expected.map(Double.init),
                        shapes: (actual.shape, [expected.count]), rtol: rtol, atol: atol, label: label, line: line)
}

/// `|a - e| <= atol + rtol * |e|`; nan only equals nan; infinities equal when identical.
func isClose(_ actual: Double, _ expected: Double, rtol: Double, atol: Double) -> Bool {
    if actual.isNaN || expected.isNaN { return actual.isNaN && expected.isNaN }
    if actual.isInfinite || expected.isInfinite { return actual == expected }
    return abs(actual - expected) <= atol + rtol * abs(expected)
}

private func expectCloseElements(_ actual: [Double], _ expected: [Double], shapes: ([Int], [Int]),
                                 rtol: Double, atol: Double, label: String, line: UInt) {
    guard shapes.0 == shapes.1 else {
        recordCheck(passed: false, label: label, expected: "shape \(shapes.1)", actual: "shape \(shapes.0)", line: line)
        return
    }
    let failures = zip(actual, expected).enumerated().filter { !isClose($0.element.0, $0.element.1, rtol: rtol, atol: atol) }
    guard let first = failures.first else {
        recordCheck(passed: true, label: label, expected: nil, actual: nil, line: line)
        return
    }
    let position = multiIndex(first.offset, shape: shapes.1)
    let worst = failures.map { abs($0.element.0 - $0.element.1) }.max() ?? 0
    recordCheck(passed: false, label: label,
                expected: "\(formatNumber(first.element.1)) at \(position)",
                actual: "\(formatNumber(first.element.0)) (\(failures.count) of \(expected.count) elements differ, largest difference \(formatNumber(worst)))",
                line: line)
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
