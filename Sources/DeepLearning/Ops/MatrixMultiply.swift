// Matrix products on the BLAS seam: `matmul` (1-D, 2-D, batched 3-D and more) and the fused `linear`.

extension Tensor {
    /// C[b] = op(A[b])·op(B[b]) for `batch` matrices; a batch stride of 0 shares one matrix across the
    /// batch. With `accumulate`, C += instead of C =.
    static func batchedGEMM(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        batch: Int, m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false,
        strideA: Int, strideB: Int, strideC: Int, accumulate: Bool = false
    ) {
        for i in 0..<batch {
            BLAS.gemm(
                transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                a: a + i * strideA, lda: transposeA ? m : k, b: b + i * strideB, ldb: transposeB ? k : n,
                beta: accumulate || (strideC == 0 && i > 0) ? 1 : 0, c: c + i * strideC, ldc: n)
        }
    }

    /// The matrix product with PyTorch's `torch.matmul` rules for the common cases:
    /// (k)·(k) → (), (m, k)·(k) → (m), (k)·(k, n) → (n), (m, k)·(k, n) → (m, n),
    /// (…, m, k)·(k, n) → (…, m, n), and batched (b, m, k)·(b, k, n) → (b, m, n) where either batch may
    /// be missing or 1 (shared).
    /// Backward: ∂A = G·Bᵀ, ∂B = Aᵀ·G, summed over the batch for a shared operand.
    public func matmul(_ other: Tensor) -> Tensor {
        let a = self, b = other
        if a.rank == 1 && b.rank == 1 {
            return a.unsqueeze(dim: 0).matmul(b.unsqueeze(dim: 1)).reshape([])
        }
        if a.rank == 1 { return a.unsqueeze(dim: 0).matmul(b).squeeze(dim: -2) }
        if b.rank == 1 { return a.matmul(b.unsqueeze(dim: 1)).squeeze(dim: -1) }
        precondition(
            a.shape[a.rank - 1] == b.shape[b.rank - 2],
            "matmul: shapes \(a.shape) and \(b.shape) do not match (inner sizes \(a.shape[a.rank - 1]) and \(b.shape[b.rank - 2]))")
        if b.rank == 2 && a.rank > 2 {
            // Fold the leading dimensions of A into its rows: one large GEMM.
            let rows = a.shape.dropLast().reduce(1, *)
            let folded = a.reshape([rows, a.shape[a.rank - 1]]).matmul(b)
            return folded.reshape(Array(a.shape.dropLast()) + [b.shape[1]])
        }
        precondition(a.rank <= 3 && b.rank <= 3, "matmul: ranks above 3 are supported only as (…, m, k)·(k, n); got \(a.shape) and \(b.shape)")
        let batchA = a.rank == 3 ? a.shape[0] : 1
        let batchB = b.rank == 3 ? b.shape[0] : 1
        precondition(
            batchA == batchB || batchA == 1 || batchB == 1,
            "matmul: batch sizes of \(a.shape) and \(b.shape) do not broadcast")
        let batch = Swift.max(batchA, batchB)
        let m = a.shape[a.rank - 2], k = a.shape[a.rank - 1], n = b.shape[b.rank - 1]
        let strideA = batchA == 1 ? 0 : m * k, strideB = batchB == 1 ? 0 : k * n
        let outShape = a.rank == 2 && b.rank == 2 ? [m, n] : [batch, m, n]
        let aValues = a.scalars, bValues = b.scalars
        var c = [Float](repeating: 0, count: batch * m * n)
        aValues.withUnsafeBufferPointer { pa in
            bValues.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    Tensor.batchedGEMM(
                        pa.baseAddress!, pb.baseAddress!, pc.baseAddress!, batch: batch, m: m, n: n, k: k,
                        strideA: strideA, strideB: strideB, strideC: m * n)
                }
            }
        }
        let aShape = a.shape, bShape = b.shape
        return Tensor.result(shape: outShape, scalars: c, operation: "matmul", inputs: [a, b]) { g in
            let gv = g.scalars
            // ∂A = G·Bᵀ: (m, n)·(n, k) per batch; summed over the batch when A is shared.
            var ga = [Float](repeating: 0, count: aValues.count)
            // ∂B = Aᵀ·G: (k, m)·(m, n) per batch; summed over the batch when B is shared.
            var gb = [Float](repeating: 0, count: bValues.count)
            gv.withUnsafeBufferPointer { pg in
                aValues.withUnsafeBufferPointer { pa in
                    bValues.withUnsafeBufferPointer { pb in
                        ga.withUnsafeMutableBufferPointer { pga in
                            Tensor.batchedGEMM(
                                pg.baseAddress!, pb.baseAddress!, pga.baseAddress!, batch: batch, m: m, n: k, k: n,
                                transposeB: true, strideA: m * n, strideB: strideB, strideC: strideA)
                        }
                        gb.withUnsafeMutableBufferPointer { pgb in
                            Tensor.batchedGEMM(
                                pa.baseAddress!, pg.baseAddress!, pgb.baseAddress!, batch: batch, m: k, n: n, k: m,
                                transposeA: true, strideA: strideA, strideB: m * n, strideC: strideB)
                        }
                    }
                }
            }
            return [Tensor(shape: aShape, scalars: ga), Tensor(shape: bShape, scalars: gb)]
        }
    }
}

/// The matrix product (`torch.matmul`); see `Tensor.matmul(_:)` for the shapes.
public func matmul(_ a: Tensor, _ b: Tensor) -> Tensor { a.matmul(b) }

/// y = x·Wᵀ + b, PyTorch's `F.linear`, fused into one GEMM with the bias as its starting value.
///
/// Shapes: x (…, in), weight (out, in), bias (out) → (…, out).
/// Backward: ∂x = G·W, ∂W = Gᵀ·x, ∂b = column sums of G (G flattened to (rows, out)).
public func linear(_ input: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
    precondition(weight.rank == 2, "linear: weight must be (out, in), got shape \(weight.shape)")
    let outFeatures = weight.shape[0], inFeatures = weight.shape[1]
    precondition(
        input.rank >= 1 && input.shape[input.rank - 1] == inFeatures,
        "linear: input of shape \(input.shape) does not match weight of shape \(weight.shape) (expects last size \(inFeatures))")
    if let bias {
        precondition(bias.shape == [outFeatures], "linear: bias of shape \(bias.shape) for weight of shape \(weight.shape)")
    }
    let rows = input.count / Swift.max(inFeatures, 1)
    let x = input.scalars, w = weight.scalars
    var y: [Float]
    if let bias {
        y = [Float](unsafeUninitializedCapacity: rows * outFeatures) { buffer, initialized in
            bias.scalars.withUnsafeBufferPointer { pb in
                for r in 0..<rows {
                    (buffer.baseAddress! + r * outFeatures).update(from: pb.baseAddress!, count: outFeatures)
                }
            }
            initialized = rows * outFeatures
        }
    } else {
        y = [Float](repeating: 0, count: rows * outFeatures)
    }
    x.withUnsafeBufferPointer { px in
        w.withUnsafeBufferPointer { pw in
            y.withUnsafeMutableBufferPointer { py in
                BLAS.gemm(
                    transposeA: false, transposeB: true, m: rows, n: outFeatures, k: inFeatures,
                    a: px.baseAddress!, lda: inFeatures, b: pw.baseAddress!, ldb: inFeatures,
                    beta: bias == nil ? 0 : 1, c: py.baseAddress!, ldc: outFeatures)
            }
        }
    }
    let inputShape = input.shape, weightShape = weight.shape
    let outShape = Array(input.shape.dropLast()) + [outFeatures]
    let inputs = bias.map { [input, weight, $0] } ?? [input, weight]
    let needInput = input.requiresGrad, needWeight = weight.requiresGrad
    return Tensor.result(shape: outShape, scalars: y, operation: "linear", inputs: inputs) { g in
        let gv = g.scalars
        var gx: [Float]? = nil, gw: [Float]? = nil
        gv.withUnsafeBufferPointer { pg in
            if needInput {
                // ∂x = G·W: (rows, out)·(out, in)
                gx = w.withUnsafeBufferPointer { pw in
                    [Float](unsafeUninitializedCapacity: rows * inFeatures) { pgx, initialized in
                        BLAS.gemm(
                            transposeA: false, transposeB: false, m: rows, n: inFeatures, k: outFeatures,
                            a: pg.baseAddress!, lda: outFeatures, b: pw.baseAddress!, ldb: inFeatures,
                            beta: 0, c: pgx.baseAddress!, ldc: inFeatures)
                        initialized = rows * inFeatures
                    }
                }
            }
            if needWeight {
                // ∂W = Gᵀ·x: (out, rows)·(rows, in)
                gw = x.withUnsafeBufferPointer { px in
                    [Float](unsafeUninitializedCapacity: outFeatures * inFeatures) { pgw, initialized in
                        BLAS.gemm(
                            transposeA: true, transposeB: false, m: outFeatures, n: inFeatures, k: rows,
                            a: pg.baseAddress!, lda: outFeatures, b: px.baseAddress!, ldb: inFeatures,
                            beta: 0, c: pgw.baseAddress!, ldc: inFeatures)
                        initialized = outFeatures * inFeatures
                    }
                }
            }
        }
        var gradients: [Tensor?] = [
            gx.map { Tensor(shape: inputShape, scalars: $0) }, gw.map { Tensor(shape: weightShape, scalars: $0) },
        ]
        if bias != nil {
            // ∂b = Σ_rows G: (rows, out) → (out)
            gradients.append(Tensor(shape: [outFeatures], scalars: Kernels.sumToShape(gv, from: [rows, outFeatures], to: [outFeatures])))
        }
        return gradients
    }
}
