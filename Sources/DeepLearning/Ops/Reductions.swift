// Reductions: sum, mean, max/min with indices, argmax. A reduction over dimension `dim` views the
// tensor as (outer, n, inner), with n = shape[dim], and produces (outer, inner).

extension Tensor {
    /// The (outer, n, inner) split of the shape around `dim`.
    func splitAround(_ dim: Int) -> (outer: Int, n: Int, inner: Int) {
        let d = normalizedDimension(dim)
        return (shape[..<d].reduce(1, *), shape[d], shape[(d + 1)...].reduce(1, *))
    }

    /// The shape after reducing `dim`: kept as size 1 or removed.
    func reducedShape(_ dim: Int, keepDim: Bool) -> [Int] {
        let d = normalizedDimension(dim)
        var result = shape
        if keepDim { result[d] = 1 } else { result.remove(at: d) }
        return result
    }

    /// The sum of all elements, as a scalar tensor. Backward: g broadcast to every element.
    public func sum() -> Tensor {
        var total: Float = 0
        // Pairwise-ish accumulation in 8 lanes keeps Float32 rounding error small on long sums.
        scalars.withUnsafeBufferPointer { p in
            var lanes = SIMD8<Float>(repeating: 0)
            var i = 0
            while i + 8 <= p.count {
                lanes += UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self)
                i += 8
            }
            total = lanes.sum()
            while i < p.count { total += p[i]; i += 1 }
        }
        let shape = self.shape
        return Tensor.result(shape: [], scalars: [total], operation: "sum", inputs: [self]) { g in
            [Tensor.full(shape, g.scalars[0])]
        }
    }

    /// The sum over dimension `dim` (`tensor.sum(dim, keepdim)`).
    /// Shapes: (…, n, …) → (…, …), or (…, 1, …) with `keepDim`. Backward: g repeated along `dim`.
    public func sum(dim: Int, keepDim: Bool = false) -> Tensor {
        let (outer, n, inner) = splitAround(dim)
        let values = scalars
        var out = [Float](repeating: 0, count: outer * inner)
        values.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                for o in 0..<outer {
                    for k in 0..<n {
                        let row = (o * n + k) * inner
                        for i in 0..<inner { y[o * inner + i] += x[row + i] }
                    }
                }
            }
        }
        let inputShape = shape
        return Tensor.result(
            shape: reducedShape(dim, keepDim: keepDim), scalars: out, operation: "sum", inputs: [self]
        ) { g in
            let gv = g.scalars
            var gx = [Float](repeating: 0, count: outer * n * inner)
            for o in 0..<outer {
                for k in 0..<n {
                    for i in 0..<inner { gx[(o * n + k) * inner + i] = gv[o * inner + i] }
                }
            }
            return [Tensor(shape: inputShape, scalars: gx)]
        }
    }

    /// The mean of all elements, as a scalar tensor.
    public func mean() -> Tensor {
        sum() / Float(Swift.max(count, 1))
    }

    /// The mean over dimension `dim` (`tensor.mean(dim, keepdim)`).
    public func mean(dim: Int, keepDim: Bool = false) -> Tensor {
        sum(dim: dim, keepDim: keepDim) / Float(shape[normalizedDimension(dim)])
    }

    /// The variance over all elements; `unbiased` divides by n − 1 (PyTorch's default), else by n.
    public func variance(unbiased: Bool = true) -> Tensor {
        let centered = self - mean()
        return (centered * centered).sum() / Float(count - (unbiased ? 1 : 0))
    }

    /// The variance over dimension `dim`; `unbiased` divides by n − 1 (PyTorch's default), else by n.
    public func variance(dim: Int, unbiased: Bool = true, keepDim: Bool = false) -> Tensor {
        let n = shape[normalizedDimension(dim)]
        let centered = self - mean(dim: dim, keepDim: true)
        return (centered * centered).sum(dim: dim, keepDim: keepDim) / Float(n - (unbiased ? 1 : 0))
    }

    /// Largest or smallest values along `dim` with their indices. Backward: g to the chosen element.
    func extremum(dim: Int, keepDim: Bool, largest: Bool, name: String) -> (values: Tensor, indices: [Int]) {
        let (outer, n, inner) = splitAround(dim)
        precondition(n > 0, "\(name) over an empty dimension \(dim) of shape \(shape)")
        let x = scalars
        var values = [Float](repeating: 0, count: outer * inner)
        var indices = [Int](repeating: 0, count: outer * inner)
        for o in 0..<outer {
            for i in 0..<inner {
                var best = x[o * n * inner + i]
                var bestIndex = 0
                for k in 1..<Swift.max(n, 1) {
                    let v = x[(o * n + k) * inner + i]
                    // NaN wins, as in PyTorch.
                    if (largest ? v > best : v < best) || (v != v && best == best) {
                        best = v
                        bestIndex = k
                    }
                }
                values[o * inner + i] = best
                indices[o * inner + i] = bestIndex
            }
        }
        let inputShape = shape
        let chosen = indices
        let result = Tensor.result(
            shape: reducedShape(dim, keepDim: keepDim), scalars: values, operation: name, inputs: [self]
        ) { g in
            let gv = g.scalars
            var gx = [Float](repeating: 0, count: outer * n * inner)
            for o in 0..<outer {
                for i in 0..<inner { gx[(o * n + chosen[o * inner + i]) * inner + i] = gv[o * inner + i] }
            }
            return [Tensor(shape: inputShape, scalars: gx)]
        }
        return (result, indices)
    }

    /// The largest values along `dim` and their indices (`torch.max(x, dim)`).
    public func max(dim: Int, keepDim: Bool = false) -> (values: Tensor, indices: [Int]) {
        extremum(dim: dim, keepDim: keepDim, largest: true, name: "max")
    }

    /// The smallest values along `dim` and their indices (`torch.min(x, dim)`).
    public func min(dim: Int, keepDim: Bool = false) -> (values: Tensor, indices: [Int]) {
        extremum(dim: dim, keepDim: keepDim, largest: false, name: "min")
    }

    /// The largest element, as a scalar tensor (`torch.max(x)`).
    public func max() -> Tensor {
        reshape([-1]).max(dim: 0).values
    }

    /// The smallest element, as a scalar tensor (`torch.min(x)`).
    public func min() -> Tensor {
        reshape([-1]).min(dim: 0).values
    }

    /// The indices of the largest values along `dim` (`torch.argmax(x, dim)`), in row-major order of the
    /// remaining dimensions.
    public func argmax(dim: Int) -> [Int] {
        noGrad { max(dim: dim).indices }
    }

    /// The flat index of the largest element (`torch.argmax(x)`).
    public func argmax() -> Int {
        noGrad { reshape([-1]).max(dim: 0).indices[0] }
    }
}
