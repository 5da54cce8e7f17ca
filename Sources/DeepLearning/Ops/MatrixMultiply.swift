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
        let product = BatchedProductSizes(
            batch: batch, m: m, k: k, n: n, strideA: strideA, strideB: strideB)
        return Tensor.result(shape: outShape, scalars: c, operation: "matmul", inputs: [a, b]) { g in
            let (ga, gb) = Tensor.batchedProductGradients(g.scalars, aValues, bValues, product)
            return [Tensor(shape: aShape, scalars: ga), Tensor(shape: bShape, scalars: gb)]
        }
    }

    /// ∂A = G·Bᵀ, (m, n)·(n, k) per batch, and ∂B = Aᵀ·G, (k, m)·(m, n) per batch; each summed over
    /// the batch when its operand is shared (stride 0).
    fileprivate static func batchedProductGradients(
        _ gv: [Float], _ aValues: [Float], _ bValues: [Float], _ s: BatchedProductSizes
    ) -> (a: [Float], b: [Float]) {
        var ga = [Float](repeating: 0, count: aValues.count)
        var gb = [Float](repeating: 0, count: bValues.count)
        gv.withUnsafeBufferPointer { pg in
            aValues.withUnsafeBufferPointer { pa in
                bValues.withUnsafeBufferPointer { pb in
                    ga.withUnsafeMutableBufferPointer { pga in
                        Tensor.batchedGEMM(
                            pg.baseAddress!, pb.baseAddress!, pga.baseAddress!, batch: s.batch, m: s.m, n: s.k, k: s.n,
                            transposeB: true, strideA: s.m * s.n, strideB: s.strideB, strideC: s.strideA)
                    }
                    gb.withUnsafeMutableBufferPointer { pgb in
                        Tensor.batchedGEMM(
                            pa.baseAddress!, pg.baseAddress!, pgb.baseAddress!, batch: s.batch, m: s.k, n: s.n, k: s.m,
                            transposeA: true, strideA: s.strideA, strideB: s.m * s.n, strideC: s.strideB)
                    }
                }
            }
        }
        return (ga, gb)
    }
}

/// The sizes of a batched (b, m, k)·(b, k, n) product; a stride of 0 marks a shared operand.
private struct BatchedProductSizes {
    let batch: Int, m: Int, k: Int, n: Int, strideA: Int, strideB: Int
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
    let sizes = LinearSizes(rows: input.count / Swift.max(inFeatures, 1), inFeatures: inFeatures, outFeatures: outFeatures)
    let x = input.scalars, w = weight.scalars  // (rows, in), (out, in)
    let y = linearForward(x, w, bias: bias?.scalars, sizes)  // (rows, out)
    let inputShape = input.shape, weightShape = weight.shape
    let outShape = Array(input.shape.dropLast()) + [outFeatures]
    let inputs = bias.map { [input, weight, $0] } ?? [input, weight]
    let needInput = input.requiresGrad, needWeight = weight.requiresGrad, hasBias = bias != nil
    return Tensor.result(shape: outShape, scalars: y, operation: "linear", inputs: inputs) { g in
        let gv = g.scalars  // G (rows, out)
        var gradients: [Tensor?] = [
            needInput ? Tensor(shape: inputShape, scalars: linearInputGradient(gv, w, sizes)) : nil,
            needWeight ? Tensor(shape: weightShape, scalars: linearWeightGradient(gv, x, sizes)) : nil,
        ]
        if hasBias {
            // ∂b = Σ_rows G: (rows, out) → (out)
            gradients.append(Tensor(shape: [outFeatures], scalars: Kernels.sumToShape(gv, from: [sizes.rows, outFeatures], to: [outFeatures])))
        }
        return gradients
    }
}

/// The sizes of one `linear`: x flattened to (rows, in), weight (out, in).
private struct LinearSizes {
    let rows: Int, inFeatures: Int, outFeatures: Int
}

/// y (rows, out) = x (rows, in) · Wᵀ (in, out) + b, the bias copied into every row as the GEMM's
/// starting value (β = 1), or zeros without a bias.
private func linearForward(_ x: [Float], _ w: [Float], bias: [Float]?, _ s: LinearSizes) -> [Float] {
    var y: [Float]
    if let bias {
        y = [Float](unsafeUninitializedCapacity: s.rows * s.outFeatures) { buffer, initialized in
            bias.withUnsafeBufferPointer { pb in
                for r in 0..<s.rows {
                    (buffer.baseAddress! + r * s.outFeatures).update(from: pb.baseAddress!, count: s.outFeatures)
                }
            }
            initialized = s.rows * s.outFeatures
        }
    } else {
        y = [Float](repeating: 0, count: s.rows * s.outFeatures)
    }
    x.withUnsafeBufferPointer { px in
        w.withUnsafeBufferPointer { pw in
            y.withUnsafeMutableBufferPointer { py in
                BLAS.gemm(
                    transposeA: false, transposeB: true, m: s.rows, n: s.outFeatures, k: s.inFeatures,
                    a: px.baseAddress!, lda: s.inFeatures, b: pw.baseAddress!, ldb: s.inFeatures,
                    beta: bias == nil ? 0 : 1, c: py.baseAddress!, ldc: s.outFeatures)
            }
        }
    }
    return y
}

/// ∂x (rows, in) = G (rows, out) · W (out, in).
private func linearInputGradient(_ g: [Float], _ w: [Float], _ s: LinearSizes) -> [Float] {
    product(g, w, transposeA: false, m: s.rows, n: s.inFeatures, k: s.outFeatures, lda: s.outFeatures)
}

/// ∂W (out, in) = Gᵀ (out, rows) · x (rows, in).
private func linearWeightGradient(_ g: [Float], _ x: [Float], _ s: LinearSizes) -> [Float] {
    product(g, x, transposeA: true, m: s.outFeatures, n: s.inFeatures, k: s.rows, lda: s.outFeatures)
}

/// A fresh row-major (m, n) array holding op(A)·B, op(A) = Aᵀ when `transposeA`; B is (k, n).
private func product(_ a: [Float], _ b: [Float], transposeA: Bool, m: Int, n: Int, k: Int, lda: Int) -> [Float] {
    var c = [Float](repeating: 0, count: m * n)
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                BLAS.gemm(
                    transposeA: transposeA, transposeB: false, m: m, n: n, k: k,
                    a: pa.baseAddress!, lda: lda, b: pb.baseAddress!, ldb: n, c: pc.baseAddress!, ldc: n)
            }
        }
    }
    return c
}
