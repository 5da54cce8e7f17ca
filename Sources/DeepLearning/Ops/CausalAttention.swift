// Additive (Bahdanau-style) attention of each position over the earlier positions of its chunk, as
// Daniluk et al. (2017) attend over the previous outputs of an LSTM. For one column n (all tensors
// time-major, (T, N, ·)):
//
//   e[t, s] = wᵀ tanh(K[s] + Q[t])              for s < t   (K = keys, Q = queries, both (T, N, A))
//   α[t, ·] = softmax over s < t of e[t, s]
//   r[t]    = Σ_{s<t} α[t, s] · V[s]            r[0] = 0: the first position has nothing to attend to
//
// Shapes: values V (T, N, H), keys K (T, N, A), queries Q (T, N, A), score vector w (A) → r (T, N, H).
// The weights α (N, T, T, lower triangle) are kept for the backward pass; tanh(K[s] + Q[t]) is
// recomputed there rather than stored (T²·N·A values).
//
// Backward, for each (n, t) with G = ∂r[t]:
//   ∂α[t, s] = G · V[s]                 ∂V[s] += α[t, s] · G
//   ∂e[t, s] = α[t, s] · (∂α[t, s] − Σ_u α[t, u] ∂α[t, u])      (softmax)
//   m = tanh(K[s] + Q[t]):  ∂w += ∂e[t, s] · m,   ∂K[s] += ∂e[t, s] · w ⊗ (1 − m²),   ∂Q[t] += the same

/// The context vectors r (T, N, H) of additive attention over earlier positions: position t attends
/// over s < t with weights softmax_s(wᵀ tanh(keys[s] + queries[t])) and r[0] = 0. See the notes at the
/// top of the file.
public func causalAdditiveAttention(values: Tensor, keys: Tensor, queries: Tensor, score: Tensor) -> Tensor {
    precondition(values.rank == 3, "causalAdditiveAttention: values must be (T, N, H), got \(values.shape)")
    let (steps, columns, width) = (values.shape[0], values.shape[1], values.shape[2])
    let attentionWidth = score.count
    precondition(score.rank == 1, "causalAdditiveAttention: score must be a vector (A), got \(score.shape)")
    for (name, tensor) in [("keys", keys), ("queries", queries)] {
        precondition(
            tensor.shape == [steps, columns, attentionWidth],
            "causalAdditiveAttention: \(name) of shape \(tensor.shape) must be (T, N, A) = \([steps, columns, attentionWidth])")
    }
    let attention = CausalAttentionKernel(
        steps: steps, columns: columns, width: width, attentionWidth: attentionWidth,
        values: values.scalars, keys: keys.scalars, queries: queries.scalars, score: score.scalars)
    let (context, weights) = attention.forward()
    return Tensor.result(
        shape: values.shape, scalars: context, operation: "causalAdditiveAttention",
        inputs: [values, keys, queries, score]
    ) { g in
        let gradients = attention.backward(g.scalars, weights: weights)
        return [
            Tensor(shape: values.shape, scalars: gradients.values), Tensor(shape: keys.shape, scalars: gradients.keys),
            Tensor(shape: queries.shape, scalars: gradients.queries), Tensor(shape: score.shape, scalars: gradients.score),
        ]
    }
}

/// The loops of `causalAdditiveAttention` over plain arrays (see the notes at the top of the file).
struct CausalAttentionKernel {
    let steps: Int, columns: Int, width: Int, attentionWidth: Int
    let values: [Float], keys: [Float], queries: [Float], score: [Float]

    /// The gradients of the four inputs.
    struct Gradients { var values: [Float], keys: [Float], queries: [Float], score: [Float] }

    /// m[s, ·] = tanh(K[s, n] + Q[t, n]) for s < t, (t, A) row-major.
    func activations(column n: Int, step t: Int) -> [Float] {
        let a = attentionWidth
        var pre = [Float](repeating: 0, count: t * a)
        let q = (t * columns + n) * a
        for s in 0..<t {
            let k = (s * columns + n) * a
            for j in 0..<a { pre[s * a + j] = keys[k + j] + queries[q + j] }
        }
        return VectorMath.tanh(pre)
    }

    /// The context r (T, N, H) and the weights α, (N, T, T) with α[n, t, s] = 0 for s ≥ t.
    func forward() -> (context: [Float], weights: [Float]) {
        var context = [Float](repeating: 0, count: steps * columns * width)
        var weights = [Float](repeating: 0, count: columns * steps * steps)
        for n in 0..<columns {
            for t in 1..<Swift.max(steps, 1) {
                let m = activations(column: n, step: t)
                var e = (0..<t).map { s in (0..<attentionWidth).reduce(Float(0)) { $0 + score[$1] * m[s * attentionWidth + $1] } }
                let largest = e.max()!
                e = VectorMath.exp(e.map { $0 - largest })
                let total = e.reduce(0, +)
                let r = (t * columns + n) * width
                for s in 0..<t {
                    let alpha = e[s] / total
                    weights[(n * steps + t) * steps + s] = alpha
                    let v = (s * columns + n) * width
                    for h in 0..<width { context[r + h] += alpha * values[v + h] }
                }
            }
        }
        return (context, weights)
    }

    /// The gradients of values, keys, queries and score for ∂r = `g` (T, N, H).
    func backward(_ g: [Float], weights: [Float]) -> Gradients {
        let a = attentionWidth
        var grads = Gradients(
            values: [Float](repeating: 0, count: values.count), keys: [Float](repeating: 0, count: keys.count),
            queries: [Float](repeating: 0, count: queries.count), score: [Float](repeating: 0, count: a))
        for n in 0..<columns {
            for t in 1..<Swift.max(steps, 1) {
                let r = (t * columns + n) * width
                let alpha = (0..<t).map { weights[(n * steps + t) * steps + $0] }
                var dAlpha = [Float](repeating: 0, count: t)
                for s in 0..<t {
                    let v = (s * columns + n) * width
                    for h in 0..<width {
                        dAlpha[s] += g[r + h] * values[v + h]
                        grads.values[v + h] += alpha[s] * g[r + h]
                    }
                }
                let expected = zip(alpha, dAlpha).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                let m = activations(column: n, step: t)
                let q = (t * columns + n) * a
                for s in 0..<t {
                    let de = alpha[s] * (dAlpha[s] - expected)
                    let k = (s * columns + n) * a
                    for j in 0..<a {
                        let mj = m[s * a + j]
                        grads.score[j] += de * mj
                        let dPre = de * score[j] * (1 - mj * mj)
                        grads.keys[k + j] += dPre
                        grads.queries[q + j] += dPre
                    }
                }
            }
        }
        return grads
    }
}
