// The combination step of a highway layer (Srivastava et al. 2015), as Kim et al. (2016) use it
// between the character CNN and the LSTM: the transform gate t chooses, per feature, between the
// transformed input h and the input x itself (the carry).
//
//   x, h, t (…, D) → y (…, D),   y = t ⊗ h + (1 − t) ⊗ x
// Backward:  ∂x = g ⊗ (1 − t),   ∂h = g ⊗ t,   ∂t = g ⊗ (h − x)

/// t ⊗ h + (1 − t) ⊗ x for three tensors of one shape: the input x, its transform h = f(W_H x + b_H)
/// and the transform gate t = σ(W_T x + b_T). See the notes at the top of the file.
public func highwayCombine(input x: Tensor, transform h: Tensor, gate t: Tensor) -> Tensor {
    precondition(
        x.shape == h.shape && x.shape == t.shape,
        "highwayCombine: input \(x.shape), transform \(h.shape) and gate \(t.shape) must have one shape")
    let xv = x.scalars, hv = h.scalars, tv = t.scalars
    let y = (0..<xv.count).map { tv[$0] * hv[$0] + (1 - tv[$0]) * xv[$0] }
    let shape = x.shape
    return Tensor.result(shape: shape, scalars: y, operation: "highwayCombine", inputs: [x, h, t]) { g in
        let gv = g.scalars
        return [
            Tensor(shape: shape, scalars: (0..<gv.count).map { gv[$0] * (1 - tv[$0]) }),
            Tensor(shape: shape, scalars: (0..<gv.count).map { gv[$0] * tv[$0] }),
            Tensor(shape: shape, scalars: (0..<gv.count).map { gv[$0] * (hv[$0] - xv[$0]) }),
        ]
    }
}
