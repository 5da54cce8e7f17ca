import Foundation
import Testing
@testable import DeepLearning

/// The fused row kernels behind softmax, logSoftmax and crossEntropy: vector tails, the parallel path,
/// the in-place crossEntropy backward (and its recomputation on a second backward), and edge values.
@Suite("Fused row kernels (softmax, logSoftmax, crossEntropy)")
struct RowKernelTests {
    /// Cross-entropy per row of a Double tensor: log Σⱼ e^{xⱼ} − x_t.
    static func crossEntropyReference(_ x: DoubleTensor, _ targets: [Int]) -> [Double] {
        let logp = softmaxReference(x, dim: 1, log: true)
        return targets.enumerated().map { -logp[$0.offset, $0.element] }
    }

    @Test("rows whose length is not a multiple of 8 (vector tails) match the Double reference, values and gradients",
          arguments: [1, 3, 7, 8, 9, 17, 33])
    func tails(n: Int) {
        let x = sample([3, n], seed: 60 + UInt64(n), low: -6, high: 6)
        expectMatchesReference([x], { softmax($0[0], dim: 1) }) { softmaxReference($0[0], dim: 1) }
        expectMatchesReference([x], { logSoftmax($0[0], dim: 1) }) { softmaxReference($0[0], dim: 1, log: true) }
        let targets = [0, n - 1, n / 2]
        expectMatchesReference([x], { crossEntropy($0[0], targets) }) {
            DoubleTensor(shape: [], values: [Self.crossEntropyReference($0[0], targets).reduce(0, +) / 3])
        }
        expectMatchesReference([x], { crossEntropy($0[0], targets, reduction: .none) }) {
            DoubleTensor(shape: [3], values: Self.crossEntropyReference($0[0], targets))
        }
    }

    @Test("large inputs (rows split over threads): forward values and the crossEntropy gradient softmax − onehot over N")
    func parallelRows() {
        let rows = 64, classes = 1003  // 64·1003·8 elements of work: above Parallel's threshold
        let x = sample([rows, classes], seed: 70, low: -8, high: 8)
        let targets = (0..<rows).map { ($0 * 389) % classes }
        let reference = DoubleTensor(x)
        let probabilities = softmaxReference(reference, dim: 1)
        let logProbabilities = softmaxReference(reference, dim: 1, log: true)
        expectNear(softmax(x, dim: 1).scalars.map(Double.init), probabilities.values, rtol: 1e-5, atol: 1e-9)
        expectNear(logSoftmax(x, dim: 1).scalars.map(Double.init), logProbabilities.values, rtol: 1e-5, atol: 1e-6)

        let loss = crossEntropy(x, targets)
        let expectedLoss = Self.crossEntropyReference(reference, targets).reduce(0, +) / Double(rows)
        expectNear([Double(loss.item)], [expectedLoss], rtol: 1e-5)
        loss.backward()
        var expectedGradient = probabilities.values.map { $0 / Double(rows) }
        for (r, t) in targets.enumerated() { expectedGradient[r * classes + t] -= 1 / Double(rows) }
        expectNear(x.grad!.scalars.map(Double.init), expectedGradient, rtol: 1e-4, atol: 1e-9)
    }

    @Test("a second backward through crossEntropy (retainGraph) recomputes the consumed exponentials: gradient doubles")
    func secondBackward() {
        let x = sample([4, 21], seed: 71, low: -5, high: 5)
        let targets = [3, 0, 20, 11]
        let loss = crossEntropy(x, targets, reduction: .sum)
        loss.backward(retainGraph: true)
        let first = x.grad!.scalars
        loss.backward()
        let probabilities = softmaxReference(DoubleTensor(x), dim: 1)
        var expected = probabilities.values
        for (r, t) in targets.enumerated() { expected[r * 21 + t] -= 1 }
        expectNear(first.map(Double.init), expected, rtol: 1e-5, atol: 1e-7)
        expectNear(x.grad!.scalars.map(Double.init), expected.map { 2 * $0 }, rtol: 1e-5, atol: 1e-7)
    }

    /// Not through `noGrad`: `GradientMode` is one global, and Swift Testing runs tests in parallel.
    @Test("crossEntropy of logits without requiresGrad (nothing stored) gives the same losses")
    func withoutGradient() {
        let x = sample([5, 19], seed: 72, low: -4, high: 4)
        let targets = [1, 18, 0, 7, 7]
        let recorded = crossEntropy(x, targets, reduction: .none).scalars
        let plain = crossEntropy(x.detach(), targets, reduction: .none)
        #expect(!plain.requiresGrad)
        #expect(plain.scalars == recorded)
        expectNear(recorded.map(Double.init), Self.crossEntropyReference(DoubleTensor(x), targets), rtol: 1e-5)
    }

    @Test("NaN makes its whole row NaN and −∞ logits get probability 0 (values from PyTorch)")
    func specialValues() {
        // python3: x = torch.tensor([[float('nan'), 1., 2.], [0., float('-inf'), 1.]])
        //   torch.log_softmax(x, 1) → [[nan, nan, nan], [-1.3133, -inf, -0.3133]]
        //   torch.softmax(x, 1)     → [[nan, nan, nan], [0.2689, 0.0000, 0.7311]]
        //   l = torch.tensor([[0., float('-inf'), 1.]], requires_grad=True)
        //   F.cross_entropy(l, torch.tensor([2])) → 0.31326165795326233, l.grad → [[0.2689, 0.0000, -0.2689]]
        let x = Tensor([[.nan, 1, 2], [0, -.infinity, 1]])
        let logProbabilities = logSoftmax(x, dim: 1).scalars
        let probabilities = softmax(x, dim: 1).scalars
        #expect(logProbabilities[0..<3].allSatisfy { $0.isNaN })
        #expect(probabilities[0..<3].allSatisfy { $0.isNaN })
        #expect(logProbabilities[4] == -.infinity)
        expectClose([logProbabilities[3], logProbabilities[5]], [-1.3132617, -0.3132617])
        expectClose(Array(probabilities[3...]), [0.26894142, 0, 0.73105858])
        let l = Tensor([[0, -.infinity, 1]], requiresGrad: true)
        let loss = crossEntropy(l, [2])
        expectClose([loss.item], [0.31326165795326233])
        loss.backward()
        expectClose(l.grad!.scalars, [0.26894142, 0, -0.26894142])
    }

    @Test("8-wide exp: relative error ≤ 2e-7 over [-87, 88] against Double exp, and the same edge values as 4-wide")
    func wideExp() {
        var worst = 0.0
        let count = 1_000_000
        var i = 0
        while i < count {
            var lanes = SIMD8<Float>()
            for lane in 0..<8 { lanes[lane] = Float(-87.0 + 175.0 * Double(i + lane) / Double(count)) }
            let result = VectorMath.exp(lanes)
            for lane in 0..<8 {
                let expected = Foundation.exp(Double(lanes[lane]))
                worst = max(worst, abs(Double(result[lane]) - expected) / expected)
            }
            i += 8
        }
        #expect(worst <= 2e-7, "max relative error \(worst)")
        let edges = VectorMath.exp(SIMD8<Float>(0, 89, -104, .nan, -90, .infinity, -.infinity, 1))
        #expect(edges[0] == 1 && edges[1] == .infinity && edges[2] == 0 && edges[3].isNaN)
        #expect(abs(Double(edges[4]) - Foundation.exp(-90.0)) < 1e-44)
        #expect(edges[5] == .infinity && edges[6] == 0)
        #expect(abs(Double(edges[7]) - M_E) / M_E <= 2e-7)
    }

    @Test("addThenMaximum adds the bias in place and returns the largest sum, tails of negative values included",
          arguments: [1, 7, 8, 9, 23])
    func addThenMaximum(n: Int) {
        var x = (0..<n).map { -Float($0) * 0.75 - 5 }
        let b = (0..<n).map { Float(($0 * 5) % 7) * 0.25 - 2 }
        let expected = zip(x, b).map { $0 + $1 }
        let m = x.withUnsafeMutableBufferPointer { xp in
            b.withUnsafeBufferPointer { RowKernels.addThenMaximum(xp.baseAddress!, $0.baseAddress!, n) }
        }
        #expect(x == expected)
        #expect(m == expected.max()!)
        #expect(m < 0)
    }

}

/// Elementwise |actual − expected| ≤ atol + rtol·|expected| for Double references.
private func expectNear(
    _ actual: [Double], _ expected: [Double], rtol: Double, atol: Double = 0,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "counts differ", sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() where !(abs(a - e) <= atol + rtol * abs(e)) {
        Issue.record("element \(i): \(a) vs expected \(e)", sourceLocation: sourceLocation)
        return
    }
}
