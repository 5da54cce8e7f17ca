import Foundation
import Testing
@testable import DeepLearning

/// Softmax of each row (along `dim`) of a Double tensor, plain loops.
func softmaxReference(_ x: DoubleTensor, dim: Int, log: Bool = false) -> DoubleTensor {
    let outer = x.shape[..<dim].reduce(1, *), n = x.shape[dim], inner = x.shape[(dim + 1)...].reduce(1, *)
    var out = x
    for o in 0..<outer {
        for i in 0..<inner {
            let idx = (0..<n).map { (o * n + $0) * inner + i }
            let m = idx.map { x.values[$0] }.max()!
            let total = idx.reduce(0.0) { $0 + Foundation.exp(x.values[$1] - m) }
            for j in idx {
                out.values[j] = log ? x.values[j] - m - Foundation.log(total) : Foundation.exp(x.values[j] - m) / total
            }
        }
    }
    return out
}

@Suite("Activations and losses")
struct ActivationLossTests {
    @Test("relu, tanh and sigmoid values and gradients")
    func activations() {
        let x = sample([6, 11], seed: 51, low: -4, high: 4)
        expectMatchesReference([x], { relu($0[0]) }) { mapReference($0[0]) { max($0, 0) } }
        expectMatchesReference([x], { tanh($0[0]) }) { mapReference($0[0], Foundation.tanh) }
        expectMatchesReference([x], { sigmoid($0[0]) }) { mapReference($0[0]) { 1 / (1 + Foundation.exp(-$0)) } }
    }

    @Test("softmax and logSoftmax along each dimension", arguments: [0, 1, 2])
    func softmaxes(dim: Int) {
        let x = sample([3, 4, 5], seed: 52, low: -3, high: 3)
        expectMatchesReference([x], { softmax($0[0], dim: dim) }) { softmaxReference($0[0], dim: dim) }
        expectMatchesReference([x], { logSoftmax($0[0], dim: dim) }) { softmaxReference($0[0], dim: dim, log: true) }
    }

    @Test("crossEntropy, nllLoss and mseLoss match their Double definitions, for every reduction")
    func losses() {
        let logits = sample([5, 7], seed: 53, low: -3, high: 3)
        let targets = [0, 6, 3, 3, 1]
        func crossEntropyReference(_ x: DoubleTensor) -> [Double] {
            let logp = softmaxReference(x, dim: 1, log: true)
            return targets.enumerated().map { -logp[$0.offset, $0.element] }
        }
        expectMatchesReference([logits], { crossEntropy($0[0], targets) }) {
            DoubleTensor(shape: [], values: [crossEntropyReference($0[0]).reduce(0, +) / 5])
        }
        expectMatchesReference([logits], { crossEntropy($0[0], targets, reduction: .sum) }) {
            DoubleTensor(shape: [], values: [crossEntropyReference($0[0]).reduce(0, +)])
        }
        expectMatchesReference([logits], { crossEntropy($0[0], targets, reduction: .none) }) {
            DoubleTensor(shape: [5], values: crossEntropyReference($0[0]))
        }
        expectMatchesReference([logits], { nllLoss($0[0], Tensor(targets.map(Float.init))) }) { inputs in
            DoubleTensor(shape: [], values: [-targets.enumerated().map { inputs[0][$0.offset, $0.element] }.reduce(0, +) / 5])
        }
        let target = sample([5, 7], seed: 54, requiresGrad: false)
        expectMatchesReference([logits], { mseLoss($0[0], target) }) { inputs in
            DoubleTensor(shape: [], values: [zip(inputs[0].values, target.scalars).reduce(0) { $0 + ($1.0 - Double($1.1)) * ($1.0 - Double($1.1)) } / 35])
        }
    }

    @Test("crossEntropy and logSoftmax stay finite for logits of ±1000 (values from PyTorch)")
    func stability() {
        // python3: x = torch.tensor([[1000., 0, -1000], [1, 2, 3]], requires_grad=True)
        //   l = F.cross_entropy(x, torch.tensor([1, 2])); l.backward()
        //   → 500.20379638671875, x.grad = [[0.5, -0.5, 0.0], [0.04501529, 0.12236425, -0.16737950]]
        //   torch.log_softmax(torch.tensor([[1000., 0, -1000]]), 1) → [[0, -1000, -2000]]
        let x = Tensor([[1000, 0, -1000], [1, 2, 3]], requiresGrad: true)
        let loss = crossEntropy(x, [1, 2])
        expectClose([loss.item], [500.20379638671875])
        loss.backward()
        expectClose(x.grad!.scalars, [0.5, -0.5, 0.0, 0.04501529, 0.12236425, -0.16737950])
        #expect(logSoftmax(Tensor([[1000, 0, -1000]]), dim: 1).scalars == [0, -1000, -2000])
    }

    @Test("a large crossEntropy (parallel rows) matches logSoftmax followed by nllLoss")
    func largeCrossEntropy() {
        let logits = sample([64, 1000], seed: 55, low: -5, high: 5, requiresGrad: false)
        let targets = (0..<64).map { ($0 * 37) % 1000 }
        expectClose([crossEntropy(logits, targets).item], [nllLoss(logSoftmax(logits, dim: 1), targets).item], rtol: 1e-5)
    }

    @Test("dropout zeroes about p of the elements, scales the rest by 1/(1−p), repeats with a seed, and is the identity in eval")
    func dropoutBehaviour() {
        let x = Tensor.ones([10_000], requiresGrad: true)
        let y = dropout(x, p: 0.3, generator: RandomGenerator(seed: 5))
        let zeros = y.scalars.filter { $0 == 0 }.count
        #expect(abs(Double(zeros) / 10_000 - 0.3) < 0.02)  // binomial sd ≈ 0.0046
        #expect(y.scalars.allSatisfy { $0 == 0 || abs($0 - 1 / 0.7) < 1e-6 })
        #expect(dropout(x, p: 0.3, generator: RandomGenerator(seed: 5)).scalars == y.scalars)
        y.sum().backward()
        #expect(x.grad!.scalars == y.scalars)  // gradient of Σ y = the mask
        #expect(dropout(x, p: 0.3, training: false) === x)
        let layer = Dropout(p: 0.5)
        layer.eval()
        #expect(layer(x) === x)
    }

    @Test("embedding gathers rows and scatters gradients, repeated indices accumulating")
    func embeddingLookup() {
        let weight = sample([5, 3], seed: 56)
        let indices = [4, 0, 4, 2, 1, 1]
        expectMatchesReference([weight], { embedding(indices, shape: [2, 3], weight: $0[0]) }) { inputs in
            var out = DoubleTensor.zeros([2, 3, 3])
            for (row, index) in indices.enumerated() { for j in 0..<3 { out.values[row * 3 + j] = inputs[0][index, j] } }
            return out
        }
        let table = Embedding(numEmbeddings: 5, embeddingDim: 3)
        #expect(table(Tensor([[1, 2]])).shape == [1, 2, 3])
        #expect(table([3]).scalars == Array(table.weight.scalars[9..<12]))
    }
}
