import Testing
@testable import DeepLearning

@Suite("Movement: reshape, permute, slice, cat, stack")
struct MovementTests {
    /// Permutes a Double tensor with plain index arithmetic.
    static func permuteReference(_ x: DoubleTensor, _ order: [Int]) -> DoubleTensor {
        let shape = order.map { x.shape[$0] }
        var out = DoubleTensor.zeros(shape)
        for flat in 0..<out.values.count {
            var rest = flat
            var index = [Int](repeating: 0, count: shape.count)
            for d in stride(from: shape.count - 1, through: 0, by: -1) {
                index[d] = rest % shape[d]
                rest /= shape[d]
            }
            var source = [Int](repeating: 0, count: shape.count)
            for (i, d) in order.enumerated() { source[d] = index[i] }
            out.values[flat] = x.values[x.offset(source)]
        }
        return out
    }

    @Test("reshape infers -1, keeps the order of elements and passes the gradient back")
    func reshape() {
        let x = sample([2, 3, 4], seed: 21)
        #expect(x.reshape([4, -1]).shape == [4, 6])
        #expect(x.view([-1]).scalars == x.scalars)
        expectMatchesReference([x], { $0[0].reshape([6, -1]) }) { DoubleTensor(shape: [6, 4], values: $0[0].values) }
        #expect(x.flatten(startDim: 1).shape == [2, 12])
        #expect(x.unsqueeze(dim: 1).shape == [2, 1, 3, 4])
        #expect(x.unsqueeze(dim: -1).shape == [2, 3, 4, 1])
        #expect(x.unsqueeze(dim: 0).squeeze(dim: 0).shape == [2, 3, 4])
        #expect(Tensor.zeros([1, 3, 1]).squeeze().shape == [3])
    }

    @Test("transpose, permute and t() move elements like PyTorch", arguments: [[1, 0, 2], [2, 0, 1], [0, 2, 1], [2, 1, 0]])
    func permute(order: [Int]) {
        let x = sample([2, 3, 4], seed: 22)
        expectMatchesReference([x], { $0[0].permute(order) }) { Self.permuteReference($0[0], order) }
    }

    @Test("matrix transpose")
    func transpose() {
        let m = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(m.t().shape == [3, 2])
        #expect(m.t().scalars == [1, 4, 2, 5, 3, 6])
        #expect(m.transpose(0, 1).scalars == m.T.scalars)
    }

    @Test("slice, narrow, select and subscripts pick the right elements; gradients fill the rest with zeros")
    func slicing() {
        let m = Tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
        #expect(m[1].scalars == [4, 5, 6])
        #expect(m[1, 2].item == 6)
        #expect(m[0..<2].shape == [2, 3])
        #expect(m.slice(dim: 1, start: 1, end: 3).scalars == [2, 3, 5, 6, 8, 9])
        #expect(m.narrow(dim: 0, start: 2, length: 1).scalars == [7, 8, 9])
        #expect(m.select(dim: 1, index: -1).scalars == [3, 6, 9])
        let x = sample([3, 5, 2], seed: 23)
        expectMatchesReference([x], { $0[0].slice(dim: 1, start: 1, end: 4) }) { inputs in
            var out = DoubleTensor.zeros([3, 3, 2])
            for i in 0..<3 { for j in 0..<3 { for k in 0..<2 { out[i, j, k] = inputs[0][i, j + 1, k] } } }
            return out
        }
    }

    @Test("cat and stack join along a dimension and split the gradient back", arguments: [0, 1])
    func catStack(dim: Int) {
        let a = sample([2, 3], seed: 24), b = sample([2, 3], seed: 25)
        expectMatchesReference([a, b], { cat($0, dim: dim) }) { inputs in
            var out = DoubleTensor.zeros(dim == 0 ? [4, 3] : [2, 6])
            for (k, t) in inputs.enumerated() {
                for i in 0..<2 { for j in 0..<3 { if dim == 0 { out[i + 2 * k, j] = t[i, j] } else { out[i, j + 3 * k] = t[i, j] } } }
            }
            return out
        }
        expectMatchesReference([a, b], { stack($0, dim: dim) }) { inputs in
            var out = DoubleTensor.zeros(dim == 0 ? [2, 2, 3] : [2, 2, 3])
            for (k, t) in inputs.enumerated() {
                for i in 0..<2 { for j in 0..<3 { if dim == 0 { out[k, i, j] = t[i, j] } else { out[i, k, j] = t[i, j] } } }
            }
            return out
        }
        let c = sample([2, 1], seed: 26)
        #expect(cat([a, c], dim: 1).shape == [2, 4])
    }

    @Test("expand broadcasts and sums the gradient back")
    func expand() {
        let x = sample([3, 1], seed: 27)
        expectMatchesReference([x], { $0[0].expand([2, 3, 4]) }) { inputs in
            var out = DoubleTensor.zeros([2, 3, 4])
            for a in 0..<2 { for i in 0..<3 { for j in 0..<4 { out[a, i, j] = inputs[0][i, 0] } } }
            return out
        }
    }

    @Test("split and chunk cover the dimension")
    func splitChunk() {
        let x = Tensor.arange(10)
        #expect(x.split(4).map(\.shape) == [[4], [4], [2]])
        #expect(x.chunk(2).map(\.scalars) == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]])
    }
}
