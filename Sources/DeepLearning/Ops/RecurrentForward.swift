// One recurrent layer's passes over time, forward beside backward (shapes as in `RecurrentLayer.swift`).
//
// Forward:
//   1. P = X·W_ihᵀ + b_ih (+ b_hh where it is not inside a reset gate): ONE GEMM (T·N, I)·(I, G·H).
//   2. for t in 0..<T: A_t = P_t + h_{t−1}·W_hhᵀ (one GEMM (N, H)·(H, G·H)), then the cell's
//      elementwise maths in tight, vectorised loops (VectorMath.sigmoid / tanh).
// Backward, given ∂out (T, N, H), ∂h_T and ∂c_T (both folded into the packed result):
//   for t = T−1 … 0: ∂A_t from the saved gates (elementwise), ∂h_{t−1} = ∂A_t·W_hh (one GEMM);
//   then ∂W_ih = ∂Aᵀ·X, ∂X = ∂A·W_ih, ∂W_hh = Σ_t ∂A_tᵀ·h_{t−1} — three GEMMs over the whole sequence.

/// One layer's forward pass and the values it saves for the backward pass.
final class RecurrentForward {
    let kind: RecurrentCell
    let dims: RecurrentDimensions
    let x: [Float], h0: [Float], c0: [Float], weightIH: [Float], weightHH: [Float]
    /// Activated gates of every step (T, N, G·H): i, f, g, o for the LSTM; r, z, n for the GRU.
    let gates: FixedBuffer<Float>
    /// h_t for every step (T, N, H).
    let outputs: FixedBuffer<Float>
    /// LSTM: c_t (T, N, H). Others: empty.
    let cells: FixedBuffer<Float>
    /// LSTM: tanh(c_t) (T, N, H). GRU: W_hn h_{t−1} + b_hn (T, N, H). RNN: empty.
    let auxiliary: FixedBuffer<Float>

    /// Runs the forward pass: the input projection, then the T steps.
    init(
        kind: RecurrentCell, dims: RecurrentDimensions, x: [Float], h0: [Float], c0: [Float],
        weightIH: [Float], weightHH: [Float], biasIH: [Float]?, biasHH: [Float]?
    ) {
        self.kind = kind
        self.dims = dims
        self.x = x
        self.h0 = h0
        self.c0 = c0
        self.weightIH = weightIH
        self.weightHH = weightHH
        let T = dims.steps, N = dims.batch, H = dims.hiddenSize, GH = dims.gateWidth
        gates = FixedBuffer<Float>(uninitializedCount: T * N * GH)
        outputs = FixedBuffer<Float>(uninitializedCount: T * N * H)
        cells = FixedBuffer<Float>(uninitializedCount: kind == .lstm ? T * N * H : 0)
        auxiliary = FixedBuffer<Float>(uninitializedCount: kind == .lstm || kind == .gru ? T * N * H : 0)
        projectInputs(biasIH: biasIH, biasHH: biasHH)
        forwardSteps(biasHH: biasHH)
    }

    /// The layer's packed result: the outputs (T, N, H), then for the LSTM c_T (N, H).
    func packedResult() -> [Float] {
        let steps = dims.steps, stateCount = dims.stateCount
        let packedCount = (steps + (kind.hasCellState ? 1 : 0)) * stateCount
        return [Float](unsafeUninitializedCapacity: packedCount) { buffer, initialized in
            buffer.baseAddress!.update(from: outputs.pointer, count: steps * stateCount)
            if kind.hasCellState {
                (buffer.baseAddress! + steps * stateCount).update(
                    from: cells.pointer + (steps - 1) * stateCount, count: stateCount)
            }
            initialized = packedCount
        }
    }

    // MARK: Forward

    /// P = X·W_ihᵀ + b_ih (+ b_hh unless the GRU keeps it inside the reset gate), written into `gates`:
    /// (T·N, I)·(I, G·H) → (T·N, G·H).
    private func projectInputs(biasIH: [Float]?, biasHH: [Float]?) {
        let rows = dims.steps * dims.batch, I = dims.inputSize, GH = dims.gateWidth
        let P = gates.pointer
        var inputBias = biasIH ?? [Float](repeating: 0, count: GH)
        if kind != .gru, let biasHH {
            for j in 0..<GH { inputBias[j] += biasHH[j] }
        }
        inputBias.withUnsafeBufferPointer { pb in
            for row in 0..<rows { (P + row * GH).update(from: pb.baseAddress!, count: GH) }
        }
        withInputs { p in
            BLAS.gemm(
                transposeA: false, transposeB: true, m: rows, n: GH, k: I,
                a: p.x, lda: I, b: p.weightIH, ldb: I, beta: 1, c: P, ldc: GH)
        }
    }

    /// The T steps, in order. The step GEMMs are small: one OpenBLAS thread (see `BLAS.singleThreaded`),
    /// and W_hh is transposed once, (G·H, H) → (H, G·H), so that each step's product reads it untransposed
    /// (`SmallMatrixProduct`, which packs nothing; where it falls back to OpenBLAS, the untransposed
    /// product is still faster: 2.2× at 10 × 100 · 100 × 400 with the SkylakeX small-matrix kernels).
    private func forwardSteps(biasHH: [Float]?) {
        // GRU scratch: W_hh h + b_hh for one step (N, 3H).
        let hiddenProjection = FixedBuffer<Float>(uninitializedCount: kind == .gru ? dims.batch * dims.gateWidth : 0)
        let hiddenBias = biasHH ?? [Float](repeating: 0, count: dims.gateWidth)
        let weightHHTransposed = FixedBuffer<Float>(uninitializedCount: dims.hiddenSize * dims.gateWidth)
        BLAS.singleThreaded {
            withInputs { p in
                Kernels.transpose(p.weightHH, rows: dims.gateWidth, columns: dims.hiddenSize, into: weightHHTransposed.pointer)
                hiddenBias.withUnsafeBufferPointer { pbhh in
                    for t in 0..<dims.steps {
                        forwardStep(
                            t, p, weightHHTransposed: weightHHTransposed.pointer, hiddenBias: pbhh.baseAddress!,
                            hiddenProjection: hiddenProjection.pointer)
                    }
                }
            }
        }
    }

    /// Step t: A_t (already P_t) += h_{t−1}·W_hhᵀ, then the cell turns A_t into its gates and h_t (and c_t).
    /// `weightHHTransposed` is W_hhᵀ (H, G·H).
    private func forwardStep(
        _ t: Int, _ p: RecurrentInputPointers, weightHHTransposed Wt: UnsafePointer<Float>,
        hiddenBias: UnsafePointer<Float>, hiddenProjection Q: UnsafeMutablePointer<Float>
    ) {
        let N = dims.batch, H = dims.hiddenSize, GH = dims.gateWidth
        let hPrev = previousHidden(t, p)
        let A = gates.pointer + t * N * GH
        let h = outputs.pointer + t * N * H
        switch kind {
        case .rnnTanh, .rnnReLU:
            addHiddenProjection(hPrev, Wt, to: A)  // (N, H)·(H, H)
            RecurrentCellMath.rnnForward(kind, preactivation: A, h: h, count: N * H)
        case .lstm:
            addHiddenProjection(hPrev, Wt, to: A)  // (N, H)·(H, 4H)
            RecurrentCellMath.lstmForward(
                gates: A, cPrev: previousCell(t, p), c: cells.pointer + t * N * H,
                tanhC: auxiliary.pointer + t * N * H, h: h, batch: N, hiddenSize: H)
        case .gru:
            // Q = h_{t−1}·W_hhᵀ + b_hh: (N, H)·(H, 3H), kept apart because r multiplies its n block.
            for n in 0..<N { (Q + n * GH).update(from: hiddenBias, count: GH) }
            addHiddenProjection(hPrev, Wt, to: Q)
            RecurrentCellMath.gruForward(
                gates: A, hiddenProjection: Q, hPrev: hPrev,
                savedHiddenN: auxiliary.pointer + t * N * H, h: h, batch: N, hiddenSize: H)
        }
    }

    /// C += h_{t−1}·W_hhᵀ: (N, H)·(H, G·H) → C (N, G·H), given `Wt` = W_hhᵀ (H, G·H).
    private func addHiddenProjection(
        _ hPrev: UnsafePointer<Float>, _ Wt: UnsafePointer<Float>, to C: UnsafeMutablePointer<Float>
    ) {
        let N = dims.batch, H = dims.hiddenSize, GH = dims.gateWidth
        SmallMatrixProduct.multiply(
            m: N, n: GH, k: H, a: hPrev, lda: H, b: Wt, ldb: GH, accumulate: true, c: C, ldc: GH)
    }

    // MARK: Backward

    /// Backpropagation through time. `packedGradient` is ∂L/∂(packed result): (T, N, H) for the outputs
    /// (∂h_T included, since h_T is the last output), then for the LSTM ∂c_T (N, H).
    func backward(_ packedGradient: [Float]) -> RecurrentGradients {
        let scratch = RecurrentBackwardScratch(kind: kind, dims: dims)
        packedGradient.withUnsafeBufferPointer { pg in
            if kind == .lstm {
                scratch.dcNext.pointer.update(from: pg.baseAddress! + dims.steps * dims.stateCount, count: dims.stateCount)
            }
            withInputs { p in
                BLAS.singleThreaded {
                    for t in stride(from: dims.steps - 1, through: 0, by: -1) {
                        backwardStep(t, p, dOut: pg.baseAddress! + t * dims.stateCount, scratch)
                    }
                }
            }
        }
        return weightAndInputGradients(scratch)
    }

    /// Step t backwards: ∂A_t (and for the GRU ∂B_t) from the saved gates, then ∂h_{t−1} into `dhNext`
    /// (and ∂c_{t−1} into `dcNext`).
    private func backwardStep(_ t: Int, _ p: RecurrentInputPointers, dOut: UnsafePointer<Float>, _ s: RecurrentBackwardScratch) {
        let N = dims.batch, H = dims.hiddenSize, GH = dims.gateWidth, stateCount = dims.stateCount
        let dA = s.dInputGates.pointer + t * N * GH
        switch kind {
        case .rnnTanh, .rnnReLU:
            RecurrentCellMath.rnnBackward(
                kind, h: outputs.pointer + t * stateCount, dOut: dOut, dhNext: s.dhNext.pointer,
                dA: dA, count: stateCount)
            backpropagateHidden(dA, p.weightHH, beta: 0, to: s.dhNext.pointer)  // (N, H)·(H, H)
        case .lstm:
            RecurrentCellMath.lstmBackward(
                gates: gates.pointer + t * N * GH, cPrev: previousCell(t, p),
                tanhC: auxiliary.pointer + t * stateCount, dOut: dOut,
                dhNext: s.dhNext.pointer, dcNext: s.dcNext.pointer, dA: dA, batch: N, hiddenSize: H)
            backpropagateHidden(dA, p.weightHH, beta: 0, to: s.dhNext.pointer)  // (N, 4H)·(4H, H)
        case .gru:
            let dB = s.dHiddenGates.pointer + t * N * GH
            RecurrentCellMath.gruBackward(
                gates: gates.pointer + t * N * GH, savedHiddenN: auxiliary.pointer + t * stateCount,
                hPrev: previousHidden(t, p), dOut: dOut, dhNext: s.dhNext.pointer, dInputGates: dA,
                dHiddenGates: dB, batch: N, hiddenSize: H)
            // ∂h_{t−1} = ∂h·z (already in dhNext) + ∂B_t·W_hh: (N, 3H)·(3H, H)
            backpropagateHidden(dB, p.weightHH, beta: 1, to: s.dhNext.pointer)
        }
    }

    /// ∂h_{t−1} = ∂A_t·W_hh + beta·∂h_{t−1}: (N, G·H)·(G·H, H) → dh (N, H).
    private func backpropagateHidden(
        _ dA: UnsafePointer<Float>, _ W: UnsafePointer<Float>, beta: Float, to dh: UnsafeMutablePointer<Float>
    ) {
        let N = dims.batch, H = dims.hiddenSize, GH = dims.gateWidth
        SmallMatrixProduct.multiply(
            m: N, n: H, k: GH, a: dA, lda: GH, b: W, ldb: H, accumulate: beta != 0, c: dh, ldc: H)
    }

    /// After the steps: the whole-sequence GEMMs and sums that give the weights', biases' and inputs'
    /// gradients from ∂A (T·N, G·H) (and the GRU's ∂B).
    private func weightAndInputGradients(_ s: RecurrentBackwardScratch) -> RecurrentGradients {
        let T = dims.steps, N = dims.batch, H = dims.hiddenSize, I = dims.inputSize, GH = dims.gateWidth
        return withInputs { p in
            // ∂W_hh = Σ_t ∂B_tᵀ·h_{t−1}: (G·H, (T−1)·N)·((T−1)·N, H) over steps 1…T−1, plus ∂B_0ᵀ·h_0.
            let weightHH = gemmResult(count: GH * H) { c in
                BLAS.gemm(
                    transposeA: true, transposeB: false, m: GH, n: H, k: N,
                    a: s.dHiddenGates.pointer, lda: GH, b: p.h0, ldb: H, beta: 0, c: c, ldc: H)
                if T > 1 {
                    BLAS.gemm(
                        transposeA: true, transposeB: false, m: GH, n: H, k: (T - 1) * N,
                        a: s.dHiddenGates.pointer + N * GH, lda: GH, b: outputs.pointer, ldb: H,
                        beta: 1, c: c, ldc: H)
                }
            }
            // ∂W_ih = ∂Aᵀ·X: (G·H, T·N)·(T·N, I)
            let weightIH = gemmResult(count: GH * I) { c in
                BLAS.gemm(
                    transposeA: true, transposeB: false, m: GH, n: I, k: T * N,
                    a: s.dInputGates.pointer, lda: GH, b: p.x, ldb: I, beta: 0, c: c, ldc: I)
            }
            // ∂X = ∂A·W_ih: (T·N, G·H)·(G·H, I)
            let x = gemmResult(count: T * N * I) { c in
                BLAS.gemm(
                    transposeA: false, transposeB: false, m: T * N, n: I, k: GH,
                    a: s.dInputGates.pointer, lda: GH, b: p.weightIH, ldb: I, beta: 0, c: c, ldc: I)
            }
            // ∂b = column sums of ∂A (T·N, G·H).
            let biasIH = RecurrentCellMath.columnSums(s.dInputGates.pointer, rows: T * N, columns: GH)
            let biasHH = kind == .gru
                ? RecurrentCellMath.columnSums(s.dHiddenGates.pointer, rows: T * N, columns: GH)
                : biasIH
            return RecurrentGradients(
                x: x, h0: s.dhNext.array, c0: kind == .lstm ? s.dcNext.array : [],
                weightIH: weightIH, weightHH: weightHH, biasIH: biasIH, biasHH: biasHH)
        }
    }

    // MARK: Shared

    /// h_{t−1} (N, H): h0 at the first step, else the previous output.
    private func previousHidden(_ t: Int, _ p: RecurrentInputPointers) -> UnsafePointer<Float> {
        t == 0 ? p.h0 : UnsafePointer(outputs.pointer + (t - 1) * dims.stateCount)
    }

    /// c_{t−1} (N, H), LSTM only: c0 at the first step, else the previous cell state.
    private func previousCell(_ t: Int, _ p: RecurrentInputPointers) -> UnsafePointer<Float> {
        t == 0 ? p.c0! : UnsafePointer(cells.pointer + (t - 1) * dims.stateCount)
    }

    /// Runs `body` with pointers to the saved inputs.
    private func withInputs<Result>(_ body: (RecurrentInputPointers) -> Result) -> Result {
        x.withUnsafeBufferPointer { px in
            h0.withUnsafeBufferPointer { ph0 in
                c0.withUnsafeBufferPointer { pc0 in
                    weightIH.withUnsafeBufferPointer { pwih in
                        weightHH.withUnsafeBufferPointer { pwhh in
                            body(RecurrentInputPointers(
                                x: px.baseAddress!, h0: ph0.baseAddress!, c0: pc0.baseAddress,
                                weightIH: pwih.baseAddress!, weightHH: pwhh.baseAddress!))
                        }
                    }
                }
            }
        }
    }
}

/// Pointers to a layer's saved inputs, valid inside `RecurrentForward.withInputs`: x (T, N, I),
/// h0 (N, H), c0 (N, H) (nil when empty: the cell has no cell state), W_ih (G·H, I), W_hh (G·H, H).
struct RecurrentInputPointers {
    let x: UnsafePointer<Float>, h0: UnsafePointer<Float>, c0: UnsafePointer<Float>?
    let weightIH: UnsafePointer<Float>, weightHH: UnsafePointer<Float>
}

/// The backward pass's working buffers.
struct RecurrentBackwardScratch {
    /// ∂A for the input projection (T, N, G·H).
    let dInputGates: FixedBuffer<Float>
    /// ∂B for the hidden projection (T, N, G·H): its own buffer for the GRU, because r multiplies
    /// W_hn h + b_hn; the same buffer as `dInputGates` for the other cells.
    let dHiddenGates: FixedBuffer<Float>
    /// ∂h of the step after the current one (N, H), then ∂h_0.
    let dhNext: FixedBuffer<Float>
    /// LSTM: ∂c of the step after the current one (N, H), then ∂c_0. Others: empty.
    let dcNext: FixedBuffer<Float>

    init(kind: RecurrentCell, dims: RecurrentDimensions) {
        let count = dims.steps * dims.batch * dims.gateWidth
        dInputGates = FixedBuffer<Float>(uninitializedCount: count)
        dHiddenGates = kind == .gru ? FixedBuffer<Float>(uninitializedCount: count) : dInputGates
        dhNext = FixedBuffer<Float>(repeating: 0, count: dims.stateCount)
        dcNext = FixedBuffer<Float>(repeating: 0, count: kind == .lstm ? dims.stateCount : 0)
    }
}

/// An array of `count` floats that `fill` writes completely (a GEMM with beta 0 into it).
private func gemmResult(count: Int, _ fill: (UnsafeMutablePointer<Float>) -> Void) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        fill(buffer.baseAddress!)
        initialized = count
    }
}
