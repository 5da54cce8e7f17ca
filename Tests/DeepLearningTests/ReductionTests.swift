import Testing
@testable import DeepLearning

@Suite("Reductions")
struct ReductionTests {
    /// Sum over one dimension of a Double tensor, as plain loops.
    static func sumReference(_ x: DoubleTensor, dim: Int, keepDim: Bool, mean: Bool = false) -> DoubleTensor {
        let outer = x.shape[..<dim].reduce(1, *), n = x.shape[dim], inner = x.shape[(dim + 1)...].reduce(1, *)
        var shape = x.shape
        if keepDim { shape[dim] = 1 } else { shape.remove(at: dim) }
        var out = DoubleTensor.zeros(shape)
        for o in 0..<outer {
            for k in 0..<n {
                for i in 0..<inner { out.values[o * inner + i] += x.values[(o * n + k) * inner + i] / (mean ? Double(n) : 1) }
            }
        }
        return out
    }

    @Test("sum and mean over everything and over each dimension", arguments: [0, 1, 2])
    func sums(dim: Int) {
        let x = sample([3, 4, 5], seed: 11)
        expectMatchesReference([x], { $0[0].sum() }) { DoubleTensor(shape: [], values: [$0[0].values.reduce(0, +)]) }
        expectMatchesReference([x], { $0[0].mean() }) {
            DoubleTensor(shape: [], values: [$0[0].values.reduce(0, +) / 60])
        }
        for keepDim in [false, true] {
            expectMatchesReference([x], { $0[0].sum(dim: dim, keepDim: keepDim) }) {
                Self.sumReference($0[0], dim: dim, keepDim: keepDim)
            }
            expectMatchesReference([x], { $0[0].mean(dim: dim, keepDim: keepDim) }) {
                Self.sumReference($0[0], dim: dim, keepDim: keepDim, mean: true)
            }
        }
        expectMatchesReference([x], { $0[0].sum(dim: -1) }) { Self.sumReference($0[0], dim: 2, keepDim: false) }
    }

    @Test("max and min along a dimension give PyTorch's values and indices, and route the gradient")
    func maxMin() {
        let x = Tensor([[1, 5, 3], [7, 2, 9]], requiresGrad: true)
        let (values, indices) = x.max(dim: 1)
        #expect(values.scalars == [5, 9])
        #expect(indices == [1, 2])
        values.sum().backward()
        #expect(x.grad?.scalars == [0, 1, 0, 0, 0, 1])
        #expect(x.min(dim: 0).values.scalars == [1, 2, 3])
        #expect(x.min(dim: 0).indices == [0, 1, 0])
        #expect(x.argmax(dim: 0) == [1, 0, 1])
        #expect(x.argmax() == 5)
        #expect(x.max().item == 9)
        let y = sample([4, 6], seed: 12)
        expectMatchesReference([y], { $0[0].max(dim: 0, keepDim: true).values }) { inputs in
            let t = inputs[0]
            var out = DoubleTensor.zeros([1, 6])
            for j in 0..<6 { out.values[j] = (0..<4).map { t[$0, j] }.max()! }
            return out
        }
    }

    @Test("variance: unbiased by default, biased on request (torch.var)")
    func variance() {
        // python3 -c "import torch; x=torch.tensor([[1.,2,4],[3,5,11]]); print(x.var(), x.var(unbiased=False), x.var(1))"
        // tensor(12.6667) tensor(10.5556) tensor([ 2.3333, 17.3333])
        let x = Tensor([[1, 2, 4], [3, 5, 11]])
        expectClose([x.variance().item], [12.6667], rtol: 1e-4)
        expectClose([x.variance(unbiased: false).item], [10.5556], rtol: 1e-4)
        expectClose(x.variance(dim: 1).scalars, [2.3333, 17.3333], rtol: 1e-4)
    }
}
