import Foundation
import Testing
@testable import DeepLearning

/// The fused decoder + loss against (1) a Double reference of the same formula with central finite
/// differences for its gradient, and (2) the two library operations it replaces, `linear` then
/// `crossEntropy` (each checked against PyTorch in their own tests), across block edges.
@Suite("linearCrossEntropy: the decoder and the loss in one pass")
struct LinearCrossEntropyTests {
    static let (rows, features, classes) = (37, 5, 23)
    static let targets = (0..<rows).map { ($0 * 7 + 3) % classes }

    /// mean_r [log Σⱼ exp(x_r·w_j + b_j) − (x_r·w_t + b_t)] in Double.
    static func referenceLoss(_ x: [Double], _ w: [Double], _ b: [Double]) -> Double {
        var total = 0.0
        for r in 0..<rows {
            let scores = (0..<classes).map { j in
                (0..<features).reduce(b[j]) { $0 + x[r * features + $1] * w[j * features + $1] }
            }
            let m = scores.max()!
            total += m + Foundation.log(scores.reduce(0) { $0 + Foundation.exp($1 - m) }) - scores[targets[r]]
        }
        return total / Double(rows)
    }

    @Test("loss and gradients of input, weight and bias match central differences of a Double reference")
    func finiteDifferences() {
        let x = sample([Self.rows, Self.features], seed: 1), w = sample([Self.classes, Self.features], seed: 2)
        let b = sample([Self.classes], seed: 3)
        let loss = linearCrossEntropy(x, weight: w, bias: b, targets: Self.targets, rowsPerBlock: 8)
        loss.backward()
        var values = [x, w, b].map { $0.scalars.map(Double.init) }
        let expected = Self.referenceLoss(values[0], values[1], values[2])
        #expect(Swift.abs(Double(loss.item) - expected) <= 1e-5 * expected)
        let h = 1e-4
        for (k, tensor) in [x, w, b].enumerated() {
            for i in stride(from: 0, to: tensor.count, by: 7) {
                let saved = values[k][i]
                values[k][i] = saved + h
                let up = Self.referenceLoss(values[0], values[1], values[2])
                values[k][i] = saved - h
                let down = Self.referenceLoss(values[0], values[1], values[2])
                values[k][i] = saved
                let numeric = (up - down) / (2 * h)
                let analytic = Double(tensor.grad!.scalars[i])
                #expect(Swift.abs(analytic - numeric) <= 1e-4 + 1e-3 * Swift.abs(numeric), "input \(k) element \(i)")
            }
        }
    }

    @Test("equals linear then crossEntropy, forward and backward, for block heights 1, 8, 37 and 128, with and without bias")
    func matchesUnfused() {
        for rowsPerBlock in [1, 8, 37, 128] {
            for withBias in [true, false] {
                let (x1, w1, b1) = (sample([Self.rows, Self.features], seed: 4), sample([Self.classes, Self.features], seed: 5), sample([Self.classes], seed: 6))
                let (x2, w2, b2) = (sample([Self.rows, Self.features], seed: 4), sample([Self.classes, Self.features], seed: 5), sample([Self.classes], seed: 6))
                let fused = linearCrossEntropy(
                    x1, weight: w1, bias: withBias ? b1 : nil, targets: Self.targets, rowsPerBlock: rowsPerBlock)
                let unfused = crossEntropy(linear(x2, weight: w2, bias: withBias ? b2 : nil), Self.targets)
                #expect(Swift.abs(fused.item - unfused.item) <= 1e-6 * Swift.abs(unfused.item))
                fused.backward(Tensor(shape: [], scalars: [0.3]))
                unfused.backward(Tensor(shape: [], scalars: [0.3]))
                expectClose(x1.grad!.scalars, x2.grad!.scalars, rtol: 1e-5, atol: 1e-7)
                expectClose(w1.grad!.scalars, w2.grad!.scalars, rtol: 1e-5, atol: 1e-7)
                if withBias { expectClose(b1.grad!.scalars, b2.grad!.scalars, rtol: 1e-5, atol: 1e-7) }
                #expect(withBias || b1.grad == nil)
            }
        }
    }

    @Test("without gradient recording only the loss is computed, the same value")
    func evaluationOnly() {
        let x = sample([Self.rows, Self.features], seed: 7), w = sample([Self.classes, Self.features], seed: 8)
        let recorded = linearCrossEntropy(x, weight: w, bias: nil, targets: Self.targets)
        let unrecorded = noGrad { linearCrossEntropy(x, weight: w, bias: nil, targets: Self.targets) }
        #expect(recorded.item == unrecorded.item)
        #expect(!unrecorded.requiresGrad && recorded.requiresGrad)
    }

    @Test("without gradients, blocks of 1, 4, 7, 23 and 64 classes give the Double reference's loss, with and without bias")
    func lossOnlyClassBlocks() {
        let x = sample([Self.rows, Self.features], seed: 9), w = sample([Self.classes, Self.features], seed: 10)
        let b = sample([Self.classes], seed: 11)
        for withBias in [true, false] {
            let zeros = [Double](repeating: 0, count: Self.classes)
            let reference = Self.referenceLoss(
                x.scalars.map(Double.init), w.scalars.map(Double.init), withBias ? b.scalars.map(Double.init) : zeros)
            for classesPerBlock in [1, 4, 7, 23, 64] {
                let loss = noGrad {
                    linearCrossEntropy(x, weight: w, bias: withBias ? b : nil, targets: Self.targets,
                                       rowsPerBlock: 128, classesPerBlock: classesPerBlock)
                }
                #expect(Swift.abs(Double(loss.item) - reference) <= 1e-6 * Swift.abs(reference),
                        "\(classesPerBlock) classes per block, bias \(withBias): \(loss.item) vs \(reference)")
            }
        }
    }

    @Test("the loss-only block holds about 1 MB of scores: 736 classes for 350 rows, at least 256, at most V")
    func lossOnlyBlockWidth() {
        #expect(LinearCrossEntropyPass.lossOnlyClassBlock(rows: 350, classes: 10_000) == 736)
        #expect(LinearCrossEntropyPass.lossOnlyClassBlock(rows: 5_000, classes: 10_000) == 256)
        #expect(LinearCrossEntropyPass.lossOnlyClassBlock(rows: 10, classes: 10_000) == 10_000)
    }

    @Test("the word model's fused loss is the cross-entropy of its logits")
    func wordModelLoss() throws {
        let model = try WordLanguageModel(
            cell: .lstm, vocabularySize: 30, embeddingSize: 6, hiddenSize: 6, layers: 2, dropout: 0, tied: true,
            generator: RandomGenerator(seed: 9))
        let input = (0..<24).map { $0 % 30 }, targets = (0..<24).map { ($0 * 5 + 1) % 30 }
        let fused = model.loss(input, targets: targets, steps: 6, batchSize: 4, state: nil).loss
        let logits = model(input, steps: 6, batchSize: 4, state: nil).logits
        let unfused = crossEntropy(logits, targets)
        #expect(Swift.abs(fused.item - unfused.item) <= 1e-6 * unfused.item)
        #expect(unfused.item > 3 && unfused.item < 3.8, "untrained, near log 30 = 3.40")
    }

    @Test("a second backward with another incoming gradient rescales, and leaves the first backward's gradients as they were")
    func repeatedBackward() {
        let (x, w, b) = (sample([Self.rows, Self.features], seed: 10), sample([Self.classes, Self.features], seed: 11), sample([Self.classes], seed: 12))
        let (xr, wr, br) = (sample([Self.rows, Self.features], seed: 10), sample([Self.classes, Self.features], seed: 11), sample([Self.classes], seed: 12))
        let fused = linearCrossEntropy(x, weight: w, bias: b, targets: Self.targets)
        let reference = crossEntropy(linear(xr, weight: wr, bias: br), Self.targets)
        reference.backward(Tensor(shape: [], scalars: [1]), retainGraph: true)
        let unit = [xr, wr, br].map { $0.grad!.scalars }
        for g: Float in [0.3, 0.3, 0, -2] {
            for tensor in [x, w, b] { tensor.zeroGrad() }
            fused.backward(Tensor(shape: [], scalars: [g]), retainGraph: true)
            for (tensor, expected) in zip([x, w, b], unit) {
                expectClose(tensor.grad!.scalars, expected.map { $0 * g }, rtol: 1e-5, atol: 1e-7)
            }
        }
        // The tensors one backward returned keep their values when a later backward rescales.
        for tensor in [x, w, b] { tensor.zeroGrad() }
        fused.backward(Tensor(shape: [], scalars: [0.5]), retainGraph: true)
        let kept = x.grad!
        x.zeroGrad()
        fused.backward(Tensor(shape: [], scalars: [4]), retainGraph: true)
        expectClose(kept.scalars, unit[0].map { $0 * 0.5 }, rtol: 1e-5, atol: 1e-7)
        expectClose(x.grad!.scalars, unit[0].map { $0 * 4 }, rtol: 1e-5, atol: 1e-7)
    }

    @Test("the block height keeps a block of scores near 16 MB and at least 128 rows")
    func blockRows() {
        #expect(linearCrossEntropyBlockRows(classes: 10_000) == 419)
        #expect(linearCrossEntropyBlockRows(classes: 100_000) == 128)
        #expect(linearCrossEntropyBlockRows(classes: 23) == (4 << 20) / 23)
    }
}
