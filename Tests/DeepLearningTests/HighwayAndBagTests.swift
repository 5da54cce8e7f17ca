import Foundation
import Testing
@testable import DeepLearning

/// PyTorch 2.15 (CPU, OMP_NUM_THREADS=1) values of `F.embedding_bag(mode="mean")`, `pattern` as in
/// `GatedConvolutionPyTorchReference`:
///
///     W = pattern((5, 3), 11).requires_grad_()
///     y = F.embedding_bag(torch.tensor([0, 2, 4, 1, 1, 3]), W, torch.tensor([0, 2, 3, 3]), mode='mean')
///     (y * pattern(y.shape, 12)).sum().backward()
///     print("bag y", fmt(y)); print("bag dW", fmt(W.grad))
enum MeanEmbeddingPyTorchReference {
    static let bags = [[0, 2], [4], [], [1, 1, 3]]
    static let output: [Float] = [0, -0.075000003, -0.14999999, -0.25, 0.1, -0.40000001, 0, 0, 0, 0.13333334, 0.19999999, -0.016666671]
    static let weightGradient: [Float] = [0.025, 0.2, -0.050000001, -0.13333334, 0.10000001, -0.23333333, 0.025, 0.2, -0.050000001, -0.06666667, 0.050000004, -0.11666667, 0.25, -0.25, 0.1]
}

@Suite("Highway layers and mean embeddings")
struct HighwayAndBagTests {
    @Test("highwayCombine is t⊗h + (1−t)⊗x, against finite differences in Double")
    func combine() {
        let inputs = [sample([3, 4], seed: 1), sample([3, 4], seed: 2), sample([3, 4], seed: 3, low: 0, high: 1)]
        expectMatchesReference(inputs, { highwayCombine(input: $0[0], transform: $0[1], gate: $0[2]) }) { x in
            DoubleTensor(shape: x[0].shape, values: (0..<x[0].values.count).map {
                x[2].values[$0] * x[1].values[$0] + (1 - x[2].values[$0]) * x[0].values[$0]
            })
        }
    }

    @Test("two highway layers against finite differences in Double; the gate bias starts at −2")
    func layers() {
        let highway = Highway(size: 3, layers: 2, generator: RandomGenerator(seed: 4))
        #expect(highway.parameterCount == 2 * 2 * (9 + 3))
        #expect(highway.gates.allSatisfy { $0.bias!.scalars == [-2, -2, -2] })
        let parameters = highway.parameters()  // transforms.0.weight, .bias, transforms.1…, gates.0…, gates.1…
        expectMatchesReference([sample([2, 3], seed: 5)] + parameters, { inputs in highway(inputs[0]) }) { x in
            var y = x[0]
            for layer in 0..<2 {
                let h = linearReference(y, x[1 + 2 * layer], x[2 + 2 * layer]).values.map { Swift.max(0, $0) }
                let t = linearReference(y, x[5 + 2 * layer], x[6 + 2 * layer]).values.map { 1 / (1 + Foundation.exp(-$0)) }
                y = DoubleTensor(shape: y.shape, values: (0..<h.count).map { t[$0] * h[$0] + (1 - t[$0]) * y.values[$0] })
            }
            return y
        }
    }

    @Test("meanEmbedding matches PyTorch's embedding_bag(mode='mean'), an empty bag giving zeros")
    func againstPyTorch() {
        let weight = Tensor(shape: [5, 3], scalars: recurrentPattern([5, 3], 11), requiresGrad: true)
        let y = meanEmbedding(MeanEmbeddingPyTorchReference.bags, weight: weight)
        expectClose(y.scalars, MeanEmbeddingPyTorchReference.output, atol: 1e-6)
        y.backward(Tensor(shape: y.shape, scalars: recurrentPattern(y.shape, 12)))
        expectClose(weight.grad!.scalars, MeanEmbeddingPyTorchReference.weightGradient, atol: 1e-6)
        expectMatchesReference([sample([5, 3], seed: 6)], { meanEmbedding(MeanEmbeddingPyTorchReference.bags, weight: $0[0]) }) { x in
            var y = DoubleTensor.zeros([4, 3])
            for (b, bag) in MeanEmbeddingPyTorchReference.bags.enumerated() {
                for index in bag { for j in 0..<3 { y[b, j] += x[0][index, j] / Double(bag.count) } }
            }
            return y
        }
    }

    @Test("embedding with a padding index gives that row no gradient (PyTorch's padding_idx)")
    func paddingIndex() {
        let weight = sample([4, 2], seed: 7)
        embedding([0, 2, 0, 1], weight: weight, paddingIndex: 0).sum().backward()
        #expect(weight.grad!.scalars == [0, 0, 1, 1, 1, 1, 0, 0])
    }
}

/// x (rows, in) · Wᵀ + b in Double.
func linearReference(_ x: DoubleTensor, _ w: DoubleTensor, _ b: DoubleTensor) -> DoubleTensor {
    let projected = project(x, w)
    let outputs = w.shape[0]
    return DoubleTensor(shape: projected.shape, values: projected.values.enumerated().map { $1 + b.values[$0 % outputs] })
}
