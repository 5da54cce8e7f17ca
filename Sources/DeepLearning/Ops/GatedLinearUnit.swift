// The gated linear unit of Dauphin et al. (2017), PyTorch's `F.glu(x, dim=-1)`: the last axis is cut
// into halves a and b, and the output is a ⊗ σ(b). With a = X∗W + c and b = X∗V + d from one
// convolution of 2F output channels, this is the gated convolution (X∗W + c) ⊗ σ(X∗V + d).
//
//   x (…, 2F) → y (…, F),   y = a ⊗ σ(b),  a = x[…, 0 ..< F],  b = x[…, F ..< 2F]
// Backward:  ∂a = g ⊗ σ(b),   ∂b = g ⊗ a ⊗ σ(b) ⊗ (1 − σ(b))

extension Tensor {
    /// a ⊗ σ(b) with a and b the first and second halves of the last axis (`F.glu(x, dim=-1)`):
    /// (…, 2F) → (…, F). See the notes at the top of the file for the backward pass.
    public func gatedLinearUnit() -> Tensor {
        precondition(
            rank >= 1 && shape[rank - 1] % 2 == 0,
            "gatedLinearUnit: the last axis must have an even size, got shape \(shape)")
        let half = shape[rank - 1] / 2, rows = count / Swift.max(2 * half, 1)
        let x = scalars
        // σ(b) for every row, (rows, F).
        var gate = [Float](repeating: 0, count: rows * half)
        for r in 0..<rows { for f in 0..<half { gate[r * half + f] = x[r * 2 * half + half + f] } }
        gate = VectorMath.sigmoid(gate)
        var y = [Float](repeating: 0, count: rows * half)
        for r in 0..<rows { for f in 0..<half { y[r * half + f] = x[r * 2 * half + f] * gate[r * half + f] } }
        let inputShape = shape
        let outShape = Array(shape.dropLast()) + [half]
        return Tensor.result(shape: outShape, scalars: y, operation: "gatedLinearUnit", inputs: [self]) { g in
            let gv = g.scalars
            var gx = [Float](repeating: 0, count: rows * 2 * half)
            for r in 0..<rows {
                for f in 0..<half {
                    let o = r * half + f, s = gate[o]
                    gx[r * 2 * half + f] = gv[o] * s
                    gx[r * 2 * half + half + f] = gv[o] * x[r * 2 * half + f] * s * (1 - s)
                }
            }
            return [Tensor(shape: inputShape, scalars: gx)]
        }
    }
}
