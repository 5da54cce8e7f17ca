import Foundation

// Activations: relu, tanh, sigmoid, softmax and logSoftmax. The transcendental ones run on the SIMD
// `VectorMath` kernels; softmax-like rows are split over threads.

extension Tensor {
    /// max(0, x). Backward: g where x > 0, else 0 (PyTorch's choice at 0).
    public func relu() -> Tensor {
        unary("relu", { $0 > 0 ? $0 : 0 }) { g, x, _ in x > 0 ? g : 0 }
    }

    /// Hyperbolic tangent. Backward: g·(1 − y²).
    public func tanh() -> Tensor {
        let output = VectorMath.tanh(scalars)
        return Tensor.result(shape: shape, scalars: output, operation: "tanh", inputs: [self]) { [shape] g in
            [Tensor(shape: shape, scalars: Kernels.zip(g.scalars, output) { g, y in g * (1 - y * y) })]
        }
    }

    /// The logistic function 1/(1 + e^{−x}). Backward: g·y·(1 − y).
    public func sigmoid() -> Tensor {
        let output = VectorMath.sigmoid(scalars)
        return Tensor.result(shape: shape, scalars: output, operation: "sigmoid", inputs: [self]) { [shape] g in
            [Tensor(shape: shape, scalars: Kernels.zip(g.scalars, output) { g, y in g * y * (1 - y) })]
        }
    }

    /// Softmax along `dim`: yᵢ = e^{xᵢ − m} / Σⱼ e^{xⱼ − m} with m the row maximum.
    /// Backward: ∂xᵢ = yᵢ·(gᵢ − Σⱼ gⱼyⱼ).
    ///
    /// Per row (n elements, `RowKernels`): forward makes three passes, the max, e^{x − m} stored into
    /// the output while summing, and the scale by 1/Σ; backward two, the dot product and the result.
    public func softmax(dim: Int) -> Tensor {
        let d = normalizedDimension(dim)
        if d != rank - 1 { return transpose(d, -1).softmax(dim: -1).transpose(d, -1) }
        let n = shape[d], rows = count / Swift.max(n, 1)
        // (rows, n) → (rows, n)
        let output = Tensor.rowwise(scalars, rows: rows, n: n) { x, y, n in
            let maximum = RowKernels.maximum(x, n)
            let total = RowKernels.storeExponentials(x, y, n, shift: maximum)
            RowKernels.scale(y, y, n, by: 1 / total)
        }
        return Tensor.result(shape: shape, scalars: output, operation: "softmax", inputs: [self]) { [shape] g in
            // g (rows, n), y (rows, n) → ∂x (rows, n)
            let gx = Tensor.rowwise2(g.scalars, output, rows: rows, n: n) { g, y, out, n in
                RowKernels.softmaxBackward(g, y, out, n, dot: RowKernels.dot(g, y, n))
            }
            return [Tensor(shape: shape, scalars: gx)]
        }
    }

    /// log-softmax along `dim`: yᵢ = xᵢ − m − log Σⱼ e^{xⱼ − m}, stable for large inputs.
    /// Backward: ∂xᵢ = gᵢ − e^{yᵢ}·Σⱼ gⱼ.
    ///
    /// Per row (`RowKernels`): forward makes three passes, the max, the sum of e^{x − m} (nothing
    /// stored) and the subtraction; backward two, Σ g and the result with its exponential.
    public func logSoftmax(dim: Int) -> Tensor {
        let d = normalizedDimension(dim)
        if d != rank - 1 { return transpose(d, -1).logSoftmax(dim: -1).transpose(d, -1) }
        let n = shape[d], rows = count / Swift.max(n, 1)
        // (rows, n) → (rows, n)
        let output = Tensor.rowwise(scalars, rows: rows, n: n) { x, y, n in
            let maximum = RowKernels.maximum(x, n)
            let logTotal = maximum + Foundation.log(RowKernels.sumOfExponentials(x, n, shift: maximum))
            RowKernels.subtract(x, y, n, logTotal)
        }
        return Tensor.result(shape: shape, scalars: output, operation: "logSoftmax", inputs: [self]) { [shape] g in
            // g (rows, n), y (rows, n) → ∂x (rows, n)
            let gx = Tensor.rowwise2(g.scalars, output, rows: rows, n: n) { g, y, out, n in
                RowKernels.logSoftmaxBackward(g, y, out, n, gradientSum: RowKernels.sum(g, n))
            }
            return [Tensor(shape: shape, scalars: gx)]
        }
    }

    // MARK: Row drivers (shared with the losses)

    /// Runs `body(inputRow, outputRow, n)` for every row of a (rows, n) array, rows split over threads.
    @inline(__always)
    static func rowwise(
        _ input: [Float], rows: Int, n: Int,
        _ body: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
    ) -> [Float] {
        if rows * n == 0 { return [] }
        return [Float](unsafeUninitializedCapacity: rows * n) { out, initialized in
            input.withUnsafeBufferPointer { px in
                let x = px.baseAddress!, y = out.baseAddress!
                Parallel.forEachChunk(rows, costPerItem: n * 8) { range in
                    for r in range { body(x + r * n, y + r * n, n) }
                }
            }
            initialized = rows * n
        }
    }

    /// Like `rowwise`, with two input arrays of the same layout.
    @inline(__always)
    static func rowwise2(
        _ first: [Float], _ second: [Float], rows: Int, n: Int,
        _ body: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
    ) -> [Float] {
        if rows * n == 0 { return [] }
        return [Float](unsafeUninitializedCapacity: rows * n) { out, initialized in
            first.withUnsafeBufferPointer { pa in
                second.withUnsafeBufferPointer { pb in
                    let a = pa.baseAddress!, b = pb.baseAddress!, y = out.baseAddress!
                    Parallel.forEachChunk(rows, costPerItem: n * 8) { range in
                        for r in range { body(a + r * n, b + r * n, y + r * n, n) }
                    }
                }
            }
            initialized = rows * n
        }
    }
}

/// max(0, x) (`torch.relu`).
public func relu(_ x: Tensor) -> Tensor { x.relu() }
/// Hyperbolic tangent (`torch.tanh`).
public func tanh(_ x: Tensor) -> Tensor { x.tanh() }
/// The logistic function (`torch.sigmoid`).
public func sigmoid(_ x: Tensor) -> Tensor { x.sigmoid() }
/// Softmax along `dim` (`F.softmax`).
public func softmax(_ x: Tensor, dim: Int) -> Tensor { x.softmax(dim: dim) }
/// log-softmax along `dim` (`F.log_softmax`).
public func logSoftmax(_ x: Tensor, dim: Int) -> Tensor { x.logSoftmax(dim: dim) }
