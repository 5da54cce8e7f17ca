import Testing
@testable import DeepLearning

/// A Double tensor for reference implementations written as plain loops.
struct DoubleTensor {
    var shape: [Int]
    var values: [Double]

    init(shape: [Int], values: [Double]) {
        self.shape = shape
        self.values = values
    }

    init(_ tensor: Tensor) {
        shape = tensor.shape
        values = tensor.scalars.map(Double.init)
    }

    static func zeros(_ shape: [Int]) -> DoubleTensor {
        DoubleTensor(shape: shape, values: [Double](repeating: 0, count: shape.reduce(1, *)))
    }

    /// Row-major flat index of a full multi-index.
    func offset(_ index: [Int]) -> Int {
        var flat = 0
        for (i, size) in zip(index, shape) { flat = flat * size + i }
        return flat
    }

    subscript(_ index: Int...) -> Double {
        get { values[offset(index)] }
        set { values[offset(index)] = newValue }
    }
}

/// Deterministic test inputs: values in [low, high) from a seeded generator.
func sample(_ shape: [Int], seed: UInt64, low: Float = -2, high: Float = 2, requiresGrad: Bool = true) -> Tensor {
    Tensor.uniform(shape, low: low, high: high, generator: RandomGenerator(seed: seed), requiresGrad: requiresGrad)
}

/// Checks one operation against a Double reference, tinygrad-style: forward values, then the gradient
/// of L = Σ wⱼ·outⱼ (fixed, uneven weights w) with respect to every input, autograd versus central
/// differences of the Double reference.
func expectMatchesReference(
    _ inputs: [Tensor], rtol: Double = 1e-3, atol: Double = 1e-4, step: Double = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ op: ([Tensor]) -> Tensor, reference: ([DoubleTensor]) -> DoubleTensor
) {
    func close(_ actual: Double, _ expected: Double) -> Bool {
        Swift.abs(actual - expected) <= atol + rtol * Swift.abs(expected)
    }
    for input in inputs { input.grad = nil }
    let output = op(inputs)
    let doubles = inputs.map(DoubleTensor.init)
    let expected = reference(doubles)
    #expect(output.shape == expected.shape, "forward shape", sourceLocation: sourceLocation)
    guard output.shape == expected.shape else { return }
    for (i, (a, e)) in zip(output.scalars, expected.values).enumerated() where !close(Double(a), e) {
        Issue.record("forward value \(i): \(a) vs reference \(e)", sourceLocation: sourceLocation)
        return
    }
    let weights = (0..<output.count).map { Double(($0 * 7) % 11) / 10 - 0.45 }
    output.backward(Tensor(shape: output.shape, scalars: weights.map(Float.init)))
    func loss(_ xs: [DoubleTensor]) -> Double {
        zip(reference(xs).values, weights).reduce(0) { $0 + $1.0 * $1.1 }
    }
    for (k, input) in inputs.enumerated() where input.requiresGrad {
        guard let grad = input.grad else {
            Issue.record("input \(k) got no gradient", sourceLocation: sourceLocation)
            continue
        }
        #expect(grad.shape == input.shape, "gradient shape of input \(k)", sourceLocation: sourceLocation)
        for i in 0..<input.count {
            var plus = doubles, minus = doubles
            let h = step * Swift.max(1, Swift.abs(doubles[k].values[i]))
            plus[k].values[i] += h
            minus[k].values[i] -= h
            let numeric = (loss(plus) - loss(minus)) / (2 * h)
            let analytic = Double(grad.scalars[i])
            if !close(analytic, numeric) {
                Issue.record(
                    "gradient of input \(k) at \(i): autograd \(analytic) vs finite differences \(numeric)",
                    sourceLocation: sourceLocation)
                break
            }
        }
    }
}

/// Elementwise closeness of two float arrays: |actual − expected| ≤ atol + rtol·|expected|, with
/// PyTorch's `assert_close` argument order (rtol, then atol). With `equalNaN`, NaN is expected exactly
/// where the reference has NaN (PyTorch prints `nan`); otherwise a NaN anywhere fails.
func expectClose(
    _ actual: [Float], _ expected: [Float], rtol: Float = 1e-4, atol: Float = 1e-5, equalNaN: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "counts differ", sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        let ok = equalNaN && e.isNaN ? a.isNaN : Swift.abs(a - e) <= atol + rtol * Swift.abs(e)
        if !ok {
            Issue.record("element \(i): \(a) vs expected \(e)", sourceLocation: sourceLocation)
            return
        }
    }
}

/// A Double reference for broadcasting binary operations (plain loops over the broadcast shape).
func broadcastReference(_ a: DoubleTensor, _ b: DoubleTensor, _ op: (Double, Double) -> Double) -> DoubleTensor {
    let rank = max(a.shape.count, b.shape.count)
    let sa = [Int](repeating: 1, count: rank - a.shape.count) + a.shape
    let sb = [Int](repeating: 1, count: rank - b.shape.count) + b.shape
    let shape = zip(sa, sb).map { max($0, $1) }
    var out = DoubleTensor.zeros(shape)
    for flat in 0..<out.values.count {
        var rest = flat
        var index = [Int](repeating: 0, count: rank)
        for d in stride(from: rank - 1, through: 0, by: -1) {
            index[d] = rest % shape[d]
            rest /= shape[d]
        }
        var ia = 0, ib = 0
        for d in 0..<rank {
            ia = ia * sa[d] + (sa[d] == 1 ? 0 : index[d])
            ib = ib * sb[d] + (sb[d] == 1 ? 0 : index[d])
        }
        out.values[flat] = op(a.values[ia], b.values[ib])
    }
    return out
}

/// A Double reference for unary maps.
func mapReference(_ x: DoubleTensor, _ op: (Double) -> Double) -> DoubleTensor {
    DoubleTensor(shape: x.shape, values: x.values.map(op))
}
