import Foundation
import Testing
@testable import DeepLearning

/// PyTorch 2.15 (CPU, OMP_NUM_THREADS=1) values for `causalAdditiveAttention`, written in PyTorch with
/// masking (PyTorch has no such operation), `pattern` as in `GatedConvolutionPyTorchReference`:
///
///     T, N, H, A = 4, 2, 3, 2
///     V = pattern((T, N, H), 6).requires_grad_(); Kt = (pattern((T, N, A), 7) * 3).requires_grad_()
///     Q = (pattern((T, N, A), 8) * 3).requires_grad_(); wv = (pattern((A,), 9) * 4).requires_grad_()
///     e = torch.einsum('a,tsna->tsn', wv, torch.tanh(Kt[None] + Q[:, None]))
///     mask = torch.tril(torch.ones(T, T), diagonal=-1).bool()[:, :, None].expand(T, T, N)
///     alpha = torch.softmax(e.masked_fill(~mask, float('-inf'))[1:], dim=1)
///     r = torch.cat([torch.zeros(1, N, H), torch.einsum('tsn,snh->tnh', alpha, V)])
///     (r * pattern(r.shape, 10)).sum().backward()
///     print("att r", fmt(r)); print("att dV", fmt(V.grad)); print("att dK", fmt(Kt.grad))
///     print("att dQ", fmt(Q.grad)); print("att dw", fmt(wv.grad))
enum CausalAttentionPyTorchReference {
    static let context: [Float] = [0, 0, 0, 0, 0, 0, 0.25, -0.25, 0.1, -0.40000001, -0.050000001, 0.30000001, -0.08258944, 0.045635052, -0.23258944, -0.29219678, 0.05780321, 0.17872138, -0.10389668, 0.055618603, -0.25389668, -0.2454415, -0.020165309, 0.25084549]
    static let valueGradient: [Float] = [0.028392419, 0.29318047, -0.18013482, 0.0068861768, -0.61761045, 0.25417989, 0.18109062, 0.083111942, -0.046157554, -0.071559563, -0.023695987, 0.1031568, -0.0094830533, 0.023707632, -0.023707632, 0.014673389, -0.058693558, -0.0073366947, 0, 0, 0, 0, 0, 0]
    static let keyGradient: [Float] = [0.022509899, -0.0064846128, 0.010191273, -0.049090531, 0.012220826, -0.050434969, -0.035783723, 0.0065319929, -0.0066283369, 0.0061189537, 0.0011660815, -0.016298575, 0, 0, 0, 0]
    static let queryGradient: [Float] = [0, 0, 0, 0, 0, 0, 0, 0, 0.011484694, -0.025817445, -0.019482825, -0.051561207, 0.016617695, -0.024983183, -0.0049435413, -0.0072959075]
    static let scoreGradient: [Float] = [-0.0092339758, -0.05785327]
}

/// r[t, n] = Σ_{s<t} softmax_s(wᵀ tanh(K[s, n] + Q[t, n]))·V[s, n], r[0] = 0, in Double.
func causalAttentionReference(_ v: DoubleTensor, _ k: DoubleTensor, _ q: DoubleTensor, _ w: DoubleTensor) -> DoubleTensor {
    let (steps, columns, width, a) = (v.shape[0], v.shape[1], v.shape[2], w.shape[0])
    var r = DoubleTensor.zeros(v.shape)
    for n in 0..<columns {
        for t in 1..<steps {
            let e = (0..<t).map { s in (0..<a).reduce(0.0) { $0 + w[$1] * Foundation.tanh(k[s, n, $1] + q[t, n, $1]) } }
            let largest = e.max()!
            let weights = e.map { Foundation.exp($0 - largest) }
            let total = weights.reduce(0, +)
            for s in 0..<t { for h in 0..<width { r[t, n, h] += weights[s] / total * v[s, n, h] } }
        }
    }
    return r
}

@Suite("Causal additive attention")
struct CausalAttentionTests {
    @Test("the op matches attention written in PyTorch with a mask, values and gradients")
    func againstPyTorch() {
        let v = Tensor(shape: [4, 2, 3], scalars: recurrentPattern([4, 2, 3], 6), requiresGrad: true)
        let k = Tensor(shape: [4, 2, 2], scalars: recurrentPattern([4, 2, 2], 7).map { $0 * 3 }, requiresGrad: true)
        let q = Tensor(shape: [4, 2, 2], scalars: recurrentPattern([4, 2, 2], 8).map { $0 * 3 }, requiresGrad: true)
        let w = Tensor(shape: [2], scalars: recurrentPattern([2], 9).map { $0 * 4 }, requiresGrad: true)
        let r = causalAdditiveAttention(values: v, keys: k, queries: q, score: w)
        expectClose(r.scalars, CausalAttentionPyTorchReference.context, atol: 1e-6)
        r.backward(Tensor(shape: r.shape, scalars: recurrentPattern(r.shape, 10)))
        expectClose(v.grad!.scalars, CausalAttentionPyTorchReference.valueGradient, atol: 1e-6)
        expectClose(k.grad!.scalars, CausalAttentionPyTorchReference.keyGradient, atol: 1e-6)
        expectClose(q.grad!.scalars, CausalAttentionPyTorchReference.queryGradient, atol: 1e-6)
        expectClose(w.grad!.scalars, CausalAttentionPyTorchReference.scoreGradient, atol: 1e-6)
    }

    @Test("the op against finite differences in Double")
    func finiteDifferences() {
        let inputs = [sample([5, 2, 3], seed: 1), sample([5, 2, 4], seed: 2), sample([5, 2, 4], seed: 3), sample([4], seed: 4)]
        expectMatchesReference(inputs, { causalAdditiveAttention(values: $0[0], keys: $0[1], queries: $0[2], score: $0[3]) }) {
            causalAttentionReference($0[0], $0[1], $0[2], $0[3])
        }
    }

    @Test("the layer tanh(W^r r + W^x h) against finite differences in Double, and causal")
    func layer() {
        let layer = CausalAttention(size: 3, generator: RandomGenerator(seed: 5))
        #expect(layer.parameterCount == 4 * 9 + 3)
        let parameters = [layer.memory.weight, layer.query.weight, layer.score, layer.context.weight, layer.current.weight]
        expectMatchesReference([sample([4, 2, 3], seed: 6)] + parameters, { inputs in
            (layer.memory.weight, layer.query.weight, layer.score) = (inputs[1], inputs[2], inputs[3])
            (layer.context.weight, layer.current.weight) = (inputs[4], inputs[5])
            return layer(inputs[0])
        }) { x in
            let r = causalAttentionReference(x[0], project(x[0], x[1]), project(x[0], x[2]), x[3])
            let combined = zip(project(r, x[4]).values, project(x[0], x[5]).values).map { Foundation.tanh($0 + $1) }
            return DoubleTensor(shape: x[0].shape, values: combined)
        }
        let h = sample([4, 1, 3], seed: 7, requiresGrad: false)
        var changed = h.scalars
        changed[11] += 1
        let before = layer(h).scalars, after = layer(Tensor(shape: h.shape, scalars: changed)).scalars
        #expect(Array(before.prefix(9)) == Array(after.prefix(9)))
    }
}

/// x (…, in) · Wᵀ with W (out, in), in Double.
func project(_ x: DoubleTensor, _ w: DoubleTensor) -> DoubleTensor {
    let (outputs, inputs) = (w.shape[0], w.shape[1]), rows = x.values.count / inputs
    var y = DoubleTensor.zeros(Array(x.shape.dropLast()) + [outputs])
    for r in 0..<rows {
        for o in 0..<outputs {
            y.values[r * outputs + o] = (0..<inputs).reduce(0.0) { $0 + x.values[r * inputs + $1] * w[o, $1] }
        }
    }
    return y
}
