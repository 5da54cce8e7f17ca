// Causal 1-D convolution over time, in the time-major layout of the language models: position t sees
// positions t−K+1 … t only (K−1 zeros padded on the left, none on the right), so the output has as
// many steps as the input. One GEMM per kernel tap on shifted rows, no unfolding:
//
//   x (T, N, C) viewed as X (T·N, C), weight (K, F, C) with W_k (F, C) the tap at offset k, bias (F)
//   y[t, n, :] = b + Σ_k W_k · x[t − (K−1) + k, n, :]      (terms with a negative time index are 0)
//
// With the shift s = K−1−k, tap k adds X[0 ..< (T−s)·N] · W_kᵀ into the output rows s·N ..< T·N.
//
// Forward:   Y (T·N, F)  = 1·bᵀ + Σ_k  shift_s(X) · W_kᵀ
// Backward:  ∂X[0 ..< (T−s)·N] += G[s·N ..< T·N] · W_k           (G = ∂Y, (T·N, F))
//            ∂W_k (F, C)        = G[s·N ..< T·N]ᵀ · X[0 ..< (T−s)·N]
//            ∂b (F)             = Σ_rows G
//
// PyTorch: the same as `F.conv1d(F.pad(x.permute(1, 2, 0), (K−1, 0)), w)` with w[f, c, k] = W_k[f, c],
// permuted back to (T, N, F).

/// A causal convolution over the time axis of x (T, N, C) with weight (K, F, C) and bias (F):
/// y (T, N, F), y[t] = b + Σ_k W_k·x[t − (K−1) + k] with x before step 0 taken as 0.
/// See the notes at the top of the file for the layout and the backward pass.
public func causalConv1d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
    precondition(input.rank == 3, "causalConv1d: input must be (T, N, C), got shape \(input.shape)")
    precondition(
        weight.rank == 3 && weight.shape[2] == input.shape[2],
        "causalConv1d: weight of shape \(weight.shape) must be (K, F, C) with C = \(input.shape[2]) for input \(input.shape)")
    let (steps, columns, inChannels) = (input.shape[0], input.shape[1], input.shape[2])
    let (taps, outChannels) = (weight.shape[0], weight.shape[1])
    if let bias {
        precondition(bias.shape == [outChannels], "causalConv1d: bias of shape \(bias.shape) for weight \(weight.shape)")
    }
    let geometry = CausalConvolutionGeometry(
        steps: steps, columns: columns, inChannels: inChannels, outChannels: outChannels, taps: taps)
    let x = input.scalars, w = weight.scalars
    let y = geometry.forward(x, w, bias: bias?.scalars)
    let inputs = bias.map { [input, weight, $0] } ?? [input, weight]
    let needInput = input.requiresGrad, needWeight = weight.requiresGrad, hasBias = bias != nil
    return Tensor.result(
        shape: [steps, columns, outChannels], scalars: y, operation: "causalConv1d", inputs: inputs
    ) { g in
        let gv = g.scalars
        var gradients: [Tensor?] = [
            needInput ? Tensor(shape: [steps, columns, inChannels], scalars: geometry.inputGradient(gv, w)) : nil,
            needWeight ? Tensor(shape: [taps, outChannels, inChannels], scalars: geometry.weightGradient(gv, x)) : nil,
        ]
        if hasBias {
            gradients.append(Tensor(
                shape: [outChannels],
                scalars: Kernels.sumToShape(gv, from: [steps * columns, outChannels], to: [outChannels])))
        }
        return gradients
    }
}

/// The sizes of one causal convolution and its three GEMM loops (forward, ∂x, ∂W).
struct CausalConvolutionGeometry {
    let steps: Int, columns: Int, inChannels: Int, outChannels: Int, taps: Int

    /// The taps that reach into the chunk: (k, s) with shift s = K−1−k below T.
    var shifts: [(tap: Int, shift: Int)] {
        (0..<taps).compactMap { k in
            let s = taps - 1 - k
            return s < steps ? (k, s) : nil
        }
    }

    /// Calls `body(a, b, c, k, s)` with the arrays' base pointers for every tap k (shift s) that
    /// reaches into the chunk: the one loop of the three products below.
    func forEachTap(
        _ a: [Float], _ b: [Float], _ c: inout [Float],
        _ body: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int, Int) -> Void
    ) {
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    for (k, s) in shifts { body(pa.baseAddress!, pb.baseAddress!, pc.baseAddress!, k, s) }
                }
            }
        }
    }

    /// Y (T·N, F) = bias rows + Σ_k shift_s(X) · W_kᵀ: (T−s)·N rows of X times W_kᵀ (C, F), added into
    /// the output rows from s·N.
    func forward(_ x: [Float], _ w: [Float], bias: [Float]?) -> [Float] {
        let rows = steps * columns
        var y = [Float](repeating: 0, count: rows * outChannels)
        if let bias {
            for r in 0..<rows { for f in 0..<outChannels { y[r * outChannels + f] = bias[f] } }
        }
        forEachTap(x, w, &y) { px, pw, py, k, s in
            BLAS.gemm(
                transposeA: false, transposeB: true, m: (steps - s) * columns, n: outChannels, k: inChannels,
                a: px, lda: inChannels, b: pw + k * outChannels * inChannels, ldb: inChannels, beta: 1,
                c: py + s * columns * outChannels, ldc: outChannels)
        }
        return y
    }

    /// ∂X (T·N, C): for each tap, G[s·N …] (·, F) · W_k (F, C) added into rows 0 ..< (T−s)·N.
    func inputGradient(_ g: [Float], _ w: [Float]) -> [Float] {
        var gx = [Float](repeating: 0, count: steps * columns * inChannels)
        forEachTap(g, w, &gx) { pg, pw, pgx, k, s in
            BLAS.gemm(
                transposeA: false, transposeB: false, m: (steps - s) * columns, n: inChannels, k: outChannels,
                a: pg + s * columns * outChannels, lda: outChannels, b: pw + k * outChannels * inChannels,
                ldb: inChannels, beta: 1, c: pgx, ldc: inChannels)
        }
        return gx
    }

    /// ∂W (K, F, C): ∂W_k = G[s·N …]ᵀ (F, ·) · X[0 ..< (T−s)·N] (·, C); taps past the chunk stay 0.
    func weightGradient(_ g: [Float], _ x: [Float]) -> [Float] {
        var gw = [Float](repeating: 0, count: taps * outChannels * inChannels)
        forEachTap(g, x, &gw) { pg, px, pgw, k, s in
            BLAS.gemm(
                transposeA: true, transposeB: false, m: outChannels, n: inChannels, k: (steps - s) * columns,
                a: pg + s * columns * outChannels, lda: outChannels, b: px, ldb: inChannels,
                c: pgw + k * outChannels * inChannels, ldc: inChannels)
        }
        return gw
    }
}
