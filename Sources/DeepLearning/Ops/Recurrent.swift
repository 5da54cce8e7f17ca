// Recurrent layers over a whole sequence, each layer ONE autograd node with a hand-written backward
// through time (PyTorch's cuDNN-style fused layer, on the CPU).
//
// Shapes (seq-first, as PyTorch's default): x (T, N, I), h (N, H), c (N, H); with G gates per cell
// (Elman RNN 1, LSTM 4, GRU 3) weightIH (G·H, I), weightHH (G·H, H), biasIH (G·H), biasHH (G·H).
//
// Forward of one layer:
//   1. P = X·W_ihᵀ + b_ih (+ b_hh where it is not inside a reset gate): ONE GEMM (T·N, I)·(I, G·H).
//   2. for t in 0..<T: A_t = P_t + h_{t−1}·W_hhᵀ (one GEMM (N, H)·(H, G·H)), then the cell's
//      elementwise maths in tight, vectorised loops (VectorMath.sigmoid / tanh).
// Backward of one layer, given ∂out (T, N, H), ∂h_T and ∂c_T (both folded into the packed result):
//   for t = T−1 … 0: ∂A_t from the saved gates (elementwise), ∂h_{t−1} = ∂A_t·W_hh (one GEMM);
//   then ∂W_ih = ∂Aᵀ·X, ∂X = ∂A·W_ih, ∂W_hh = Σ_t ∂A_tᵀ·h_{t−1} — three GEMMs over the whole sequence.

/// The cell that a recurrent layer runs at every step, with PyTorch's equations and gate order.
public enum RecurrentCell: Sendable, Equatable {
    /// Elman RNN: h' = tanh(W_ih x + b_ih + W_hh h + b_hh).
    case rnnTanh
    /// Elman RNN: h' = relu(W_ih x + b_ih + W_hh h + b_hh).
    case rnnReLU
    /// LSTM, gates i, f, g, o: c' = f∘c + i∘g, h' = o∘tanh(c').
    case lstm
    /// GRU, gates r, z, n: n = tanh(W_in x + b_in + r∘(W_hn h + b_hn)), h' = (1 − z)∘n + z∘h.
    case gru

    /// How many blocks of H rows the weight matrices stack.
    public var gateCount: Int {
        switch self {
        case .rnnTanh, .rnnReLU: 1
        case .lstm: 4
        case .gru: 3
        }
    }

    /// Whether the cell carries a second state (the LSTM's cell state c).
    public var hasCellState: Bool { self == .lstm }
}

/// The result of one recurrent layer: every step's hidden state and the final state.
public struct RecurrentLayerOutput {
    /// Hidden states of every step, (T, N, H).
    public let output: Tensor
    /// The last hidden state, (N, H).
    public let hidden: Tensor
    /// The last cell state (N, H), LSTM only.
    public let cell: Tensor?
}

/// Runs one recurrent layer over a sequence as a single autograd node.
///
/// - Parameters:
///   - kind: the cell: `.rnnTanh`, `.rnnReLU`, `.lstm` or `.gru` (G gates: 1, 1, 4, 3).
///   - input: (T, N, I), sequence first.
///   - hidden: the initial hidden state (N, H).
///   - cell: the initial cell state (N, H); required for `.lstm`, ignored otherwise.
///   - weightIH: (G·H, I), input to hidden.
///   - weightHH: (G·H, H), hidden to hidden.
///   - biasIH: (G·H), or nil for no bias.
///   - biasHH: (G·H), or nil for no bias.
/// - Returns: output (T, N, H), the last hidden state and, for the LSTM, the last cell state.
public func recurrentLayer(
    _ kind: RecurrentCell, input: Tensor, hidden: Tensor, cell: Tensor? = nil,
    weightIH: Tensor, weightHH: Tensor, biasIH: Tensor?, biasHH: Tensor?
) -> RecurrentLayerOutput {
    precondition(input.rank == 3, "recurrent layer: input must be (T, N, I), got shape \(input.shape)")
    let steps = input.shape[0], batch = input.shape[1], inputSize = input.shape[2]
    precondition(steps >= 1, "recurrent layer: the sequence is empty (input shape \(input.shape))")
    let gates = kind.gateCount
    precondition(
        weightIH.rank == 2 && weightIH.shape[0] % gates == 0 && weightIH.shape[1] == inputSize,
        "recurrent layer: weightIH of shape \(weightIH.shape) does not fit input of shape \(input.shape) (expects (\(gates)·H, \(inputSize)))")
    let hiddenSize = weightIH.shape[0] / gates
    let gateWidth = gates * hiddenSize
    precondition(
        weightHH.shape == [gateWidth, hiddenSize],
        "recurrent layer: weightHH of shape \(weightHH.shape) does not match weightIH of shape \(weightIH.shape) (expects [\(gateWidth), \(hiddenSize)])")
    for bias in [biasIH, biasHH].compactMap({ $0 }) {
        precondition(bias.shape == [gateWidth], "recurrent layer: bias of shape \(bias.shape), expected [\(gateWidth)]")
    }
    precondition(
        hidden.shape == [batch, hiddenSize],
        "recurrent layer: hidden state of shape \(hidden.shape) for input \(input.shape) and hidden size \(hiddenSize) (expects [\(batch), \(hiddenSize)])")
    if kind.hasCellState {
        precondition(cell != nil, "LSTM layer: the initial cell state is missing")
        precondition(
            cell!.shape == [batch, hiddenSize],
            "LSTM layer: cell state of shape \(cell!.shape), expected [\(batch), \(hiddenSize)]")
    }
    let dims = RecurrentDimensions(steps: steps, batch: batch, inputSize: inputSize, hiddenSize: hiddenSize, gates: gates)
    let saved = RecurrentForward(
        kind: kind, dims: dims, x: input.scalars, h0: hidden.scalars,
        c0: kind.hasCellState ? cell!.scalars : [], weightIH: weightIH.scalars, weightHH: weightHH.scalars,
        biasIH: biasIH?.scalars, biasHH: biasHH?.scalars)

    // One node, one packed result: (T, N, H) outputs, then for the LSTM one more (N, H) slab with c_T.
    let stateCount = batch * hiddenSize
    let packedSteps = steps + (kind.hasCellState ? 1 : 0)
    let packedValues = [Float](unsafeUninitializedCapacity: packedSteps * stateCount) { buffer, initialized in
        buffer.baseAddress!.update(from: saved.outputs.pointer, count: steps * stateCount)
        if kind.hasCellState {
            (buffer.baseAddress! + steps * stateCount).update(
                from: saved.cells.pointer + (steps - 1) * stateCount, count: stateCount)
        }
        initialized = packedSteps * stateCount
    }
    var inputs = [input, hidden]
    if kind.hasCellState { inputs.append(cell!) }
    inputs += [weightIH, weightHH]
    if let biasIH { inputs.append(biasIH) }
    if let biasHH { inputs.append(biasHH) }
    let hasBiasIH = biasIH != nil, hasBiasHH = biasHH != nil
    let packed = Tensor.result(
        shape: [packedSteps, batch, hiddenSize], scalars: packedValues, operation: "recurrent", inputs: inputs
    ) { g in
        let grads = saved.backward(g.scalars)
        var result: [Tensor?] = [
            Tensor(shape: [steps, batch, inputSize], scalars: grads.x),
            Tensor(shape: [batch, hiddenSize], scalars: grads.h0),
        ]
        if kind.hasCellState { result.append(Tensor(shape: [batch, hiddenSize], scalars: grads.c0)) }
        result.append(Tensor(shape: [gateWidth, inputSize], scalars: grads.weightIH))
        result.append(Tensor(shape: [gateWidth, hiddenSize], scalars: grads.weightHH))
        if hasBiasIH { result.append(Tensor(shape: [gateWidth], scalars: grads.biasIH)) }
        if hasBiasHH { result.append(Tensor(shape: [gateWidth], scalars: grads.biasHH)) }
        return result
    }
    if !kind.hasCellState {
        return RecurrentLayerOutput(output: packed, hidden: packed.select(dim: 0, index: steps - 1), cell: nil)
    }
    return RecurrentLayerOutput(
        output: packed.slice(dim: 0, start: 0, end: steps),
        hidden: packed.select(dim: 0, index: steps - 1),
        cell: packed.select(dim: 0, index: steps))
}

/// The sizes of one recurrent layer.
struct RecurrentDimensions {
    let steps: Int, batch: Int, inputSize: Int, hiddenSize: Int, gates: Int
    var gateWidth: Int { gates * hiddenSize }
}

/// The gradients of one recurrent layer's inputs.
struct RecurrentGradients {
    var x: [Float], h0: [Float], c0: [Float]
    var weightIH: [Float], weightHH: [Float], biasIH: [Float], biasHH: [Float]
}

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

        // P = X·W_ihᵀ + b_ih (+ b_hh unless the GRU keeps it inside the reset gate), written into `gates`.
        let P = gates.pointer
        var inputBias = biasIH ?? [Float](repeating: 0, count: GH)
        if kind != .gru, let biasHH {
            for j in 0..<GH { inputBias[j] += biasHH[j] }
        }
        inputBias.withUnsafeBufferPointer { pb in
            for row in 0..<(T * N) { (P + row * GH).update(from: pb.baseAddress!, count: GH) }
        }
        x.withUnsafeBufferPointer { px in
            weightIH.withUnsafeBufferPointer { pw in
                BLAS.gemm(
                    transposeA: false, transposeB: true, m: T * N, n: GH, k: dims.inputSize,
                    a: px.baseAddress!, lda: dims.inputSize, b: pw.baseAddress!, ldb: dims.inputSize,
                    beta: 1, c: P, ldc: GH)
            }
        }
        // GRU scratch: W_hh h + b_hh for one step (N, 3H).
        let hiddenProjection = FixedBuffer<Float>(uninitializedCount: kind == .gru ? N * GH : 0)
        let zeroBias = [Float](repeating: 0, count: GH)
        let hiddenBias = biasHH ?? zeroBias
        // The T step GEMMs are small: one OpenBLAS thread (see `BLAS.singleThreaded`).
        BLAS.singleThreaded {
        h0.withUnsafeBufferPointer { ph0 in
            c0.withUnsafeBufferPointer { pc0 in
                weightHH.withUnsafeBufferPointer { pwhh in
                    hiddenBias.withUnsafeBufferPointer { pbhh in
                        let W = pwhh.baseAddress!
                        for t in 0..<T {
                            let hPrev = t == 0 ? ph0.baseAddress! : UnsafePointer(outputs.pointer + (t - 1) * N * H)
                            let A = P + t * N * GH
                            let h = outputs.pointer + t * N * H
                            switch kind {
                            case .rnnTanh, .rnnReLU:
                                // A_t += h_{t−1}·W_hhᵀ: (N, H)·(H, H)
                                BLAS.gemm(
                                    transposeA: false, transposeB: true, m: N, n: GH, k: H,
                                    a: hPrev, lda: H, b: W, ldb: H, beta: 1, c: A, ldc: GH)
                                RecurrentCellMath.rnnForward(kind, preactivation: A, h: h, count: N * H)
                            case .lstm:
                                // A_t += h_{t−1}·W_hhᵀ: (N, H)·(H, 4H)
                                BLAS.gemm(
                                    transposeA: false, transposeB: true, m: N, n: GH, k: H,
                                    a: hPrev, lda: H, b: W, ldb: H, beta: 1, c: A, ldc: GH)
                                let cPrev = t == 0 ? pc0.baseAddress! : UnsafePointer(cells.pointer + (t - 1) * N * H)
                                RecurrentCellMath.lstmForward(
                                    gates: A, cPrev: cPrev, c: cells.pointer + t * N * H,
                                    tanhC: auxiliary.pointer + t * N * H, h: h, batch: N, hiddenSize: H)
                            case .gru:
                                // Q = h_{t−1}·W_hhᵀ + b_hh: (N, H)·(H, 3H)
                                let Q = hiddenProjection.pointer
                                for n in 0..<N { (Q + n * GH).update(from: pbhh.baseAddress!, count: GH) }
                                BLAS.gemm(
                                    transposeA: false, transposeB: true, m: N, n: GH, k: H,
                                    a: hPrev, lda: H, b: W, ldb: H, beta: 1, c: Q, ldc: GH)
                                RecurrentCellMath.gruForward(
                                    gates: A, hiddenProjection: Q, hPrev: hPrev,
                                    savedHiddenN: auxiliary.pointer + t * N * H, h: h, batch: N, hiddenSize: H)
                            }
                        }
                    }
                }
            }
        }
        }
    }

    /// Backpropagation through time. `packedGradient` is ∂L/∂(packed result): (T, N, H) for the outputs
    /// (∂h_T included, since h_T is the last output), then for the LSTM ∂c_T (N, H).
    func backward(_ packedGradient: [Float]) -> RecurrentGradients {
        let T = dims.steps, N = dims.batch, H = dims.hiddenSize, I = dims.inputSize, GH = dims.gateWidth
        let stateCount = N * H
        // ∂A for the input projection (T, N, G·H); the GRU needs a second one for the hidden projection,
        // because r multiplies W_hn h + b_hn.
        let dInputGates = FixedBuffer<Float>(uninitializedCount: T * N * GH)
        let dHiddenGates = kind == .gru ? FixedBuffer<Float>(uninitializedCount: T * N * GH) : dInputGates
        let dhNext = FixedBuffer<Float>(repeating: 0, count: stateCount)
        let dcNext = FixedBuffer<Float>(repeating: 0, count: kind == .lstm ? stateCount : 0)
        if kind == .lstm {
            packedGradient.withUnsafeBufferPointer { pg in
                dcNext.pointer.update(from: pg.baseAddress! + T * stateCount, count: stateCount)
            }
        }
        var gradients = RecurrentGradients(x: [], h0: [], c0: [], weightIH: [], weightHH: [], biasIH: [], biasHH: [])
        packedGradient.withUnsafeBufferPointer { pg in
            h0.withUnsafeBufferPointer { ph0 in
                c0.withUnsafeBufferPointer { pc0 in
                    weightHH.withUnsafeBufferPointer { pwhh in
                        let W = pwhh.baseAddress!
                        // The T step GEMMs are small: one OpenBLAS thread (see `BLAS.singleThreaded`).
                        BLAS.singleThreaded {
                        for t in stride(from: T - 1, through: 0, by: -1) {
                            let dOut = pg.baseAddress! + t * stateCount
                            let hPrev = t == 0 ? ph0.baseAddress! : UnsafePointer(outputs.pointer + (t - 1) * stateCount)
                            let dA = dInputGates.pointer + t * N * GH
                            switch kind {
                            case .rnnTanh, .rnnReLU:
                                RecurrentCellMath.rnnBackward(
                                    kind, h: outputs.pointer + t * stateCount, dOut: dOut, dhNext: dhNext.pointer,
                                    dA: dA, count: stateCount)
                                // ∂h_{t−1} = ∂A_t·W_hh: (N, H)·(H, H)
                                BLAS.gemm(
                                    transposeA: false, transposeB: false, m: N, n: H, k: GH,
                                    a: dA, lda: GH, b: W, ldb: H, beta: 0, c: dhNext.pointer, ldc: H)
                            case .lstm:
                                let cPrev = t == 0 ? pc0.baseAddress! : UnsafePointer(cells.pointer + (t - 1) * stateCount)
                                RecurrentCellMath.lstmBackward(
                                    gates: gates.pointer + t * N * GH, cPrev: cPrev,
                                    tanhC: auxiliary.pointer + t * stateCount, dOut: dOut,
                                    dhNext: dhNext.pointer, dcNext: dcNext.pointer, dA: dA, batch: N, hiddenSize: H)
                                // ∂h_{t−1} = ∂A_t·W_hh: (N, 4H)·(4H, H)
                                BLAS.gemm(
                                    transposeA: false, transposeB: false, m: N, n: H, k: GH,
                                    a: dA, lda: GH, b: W, ldb: H, beta: 0, c: dhNext.pointer, ldc: H)
                            case .gru:
                                let dB = dHiddenGates.pointer + t * N * GH
                                RecurrentCellMath.gruBackward(
                                    gates: gates.pointer + t * N * GH, savedHiddenN: auxiliary.pointer + t * stateCount,
                                    hPrev: hPrev, dOut: dOut, dhNext: dhNext.pointer, dInputGates: dA,
                                    dHiddenGates: dB, batch: N, hiddenSize: H)
                                // ∂h_{t−1} = ∂h·z (already in dhNext) + ∂B_t·W_hh: (N, 3H)·(3H, H)
                                BLAS.gemm(
                                    transposeA: false, transposeB: false, m: N, n: H, k: GH,
                                    a: dB, lda: GH, b: W, ldb: H, beta: 1, c: dhNext.pointer, ldc: H)
                            }
                        }
                        }

                        // ∂W_hh = Σ_t ∂B_tᵀ·h_{t−1}: (G·H, (T−1)·N)·((T−1)·N, H) over steps 1…T−1, plus ∂B_0ᵀ·h_0.
                        var dWhh = [Float](repeating: 0, count: GH * H)
                        dWhh.withUnsafeMutableBufferPointer { pd in
                            BLAS.gemm(
                                transposeA: true, transposeB: false, m: GH, n: H, k: N,
                                a: dHiddenGates.pointer, lda: GH, b: ph0.baseAddress!, ldb: H,
                                beta: 0, c: pd.baseAddress!, ldc: H)
                            if T > 1 {
                                BLAS.gemm(
                                    transposeA: true, transposeB: false, m: GH, n: H, k: (T - 1) * N,
                                    a: dHiddenGates.pointer + N * GH, lda: GH, b: outputs.pointer, ldb: H,
                                    beta: 1, c: pd.baseAddress!, ldc: H)
                            }
                        }
                        gradients.weightHH = dWhh
                    }
                }
            }
        }
        gradients.h0 = dhNext.array
        gradients.c0 = kind == .lstm ? dcNext.array : []
        x.withUnsafeBufferPointer { px in
            weightIH.withUnsafeBufferPointer { pw in
                // ∂W_ih = ∂Aᵀ·X: (G·H, T·N)·(T·N, I)
                gradients.weightIH = [Float](unsafeUninitializedCapacity: GH * I) { buffer, initialized in
                    BLAS.gemm(
                        transposeA: true, transposeB: false, m: GH, n: I, k: T * N,
                        a: dInputGates.pointer, lda: GH, b: px.baseAddress!, ldb: I,
                        beta: 0, c: buffer.baseAddress!, ldc: I)
                    initialized = GH * I
                }
                // ∂X = ∂A·W_ih: (T·N, G·H)·(G·H, I)
                gradients.x = [Float](unsafeUninitializedCapacity: T * N * I) { buffer, initialized in
                    BLAS.gemm(
                        transposeA: false, transposeB: false, m: T * N, n: I, k: GH,
                        a: dInputGates.pointer, lda: GH, b: pw.baseAddress!, ldb: I,
                        beta: 0, c: buffer.baseAddress!, ldc: I)
                    initialized = T * N * I
                }
            }
        }
        // ∂b = column sums of ∂A (T·N, G·H).
        gradients.biasIH = RecurrentCellMath.columnSums(dInputGates.pointer, rows: T * N, columns: GH)
        gradients.biasHH = kind == .gru
            ? RecurrentCellMath.columnSums(dHiddenGates.pointer, rows: T * N, columns: GH)
            : gradients.biasIH
        return gradients
    }
}

/// The elementwise maths of one step of each cell, forward and backward side by side.
/// Gates are laid out per batch row as G blocks of H: row n of A is A[n·G·H ..< (n+1)·G·H].
enum RecurrentCellMath {
    typealias Pointer = UnsafeMutablePointer<Float>

    // MARK: Elman RNN

    /// h = act(A), in place on the preactivation A (N·H) → h (N·H).
    @inline(__always)
    static func rnnForward(_ kind: RecurrentCell, preactivation A: Pointer, h: Pointer, count: Int) {
        if kind == .rnnTanh {
            VectorMath.apply(VectorMath.tanh, A, h, count: count)
        } else {
            for i in 0..<count { h[i] = Swift.max(A[i], 0) }
        }
    }

    /// ∂A = (∂out + ∂h_next)·act′, with tanh′ = 1 − h², relu′ = [h > 0].
    @inline(__always)
    static func rnnBackward(
        _ kind: RecurrentCell, h: Pointer, dOut: UnsafePointer<Float>, dhNext: Pointer, dA: Pointer, count: Int
    ) {
        if kind == .rnnTanh {
            for i in 0..<count { dA[i] = (dOut[i] + dhNext[i]) * (1 - h[i] * h[i]) }
        } else {
            for i in 0..<count { dA[i] = h[i] > 0 ? dOut[i] + dhNext[i] : 0 }
        }
    }

    // MARK: LSTM

    /// i, f, o = σ(A_i, A_f, A_o), g = tanh(A_g) (in place in `gates`); c = f∘c_prev + i∘g;
    /// h = o∘tanh(c). Shapes: gates (N, 4H), c_prev, c, tanhC, h (N, H).
    @inline(__always)
    static func lstmForward(
        gates: Pointer, cPrev: UnsafePointer<Float>, c: Pointer, tanhC: Pointer, h: Pointer,
        batch: Int, hiddenSize H: Int
    ) {
        for n in 0..<batch {
            let row = gates + n * 4 * H
            VectorMath.apply(VectorMath.sigmoid, row, row, count: 2 * H)
            VectorMath.apply(VectorMath.tanh, row + 2 * H, row + 2 * H, count: H)
            VectorMath.apply(VectorMath.sigmoid, row + 3 * H, row + 3 * H, count: H)
            let i = row, f = row + H, g = row + 2 * H
            let cp = cPrev + n * H, cn = c + n * H
            for j in 0..<H { cn[j] = f[j] * cp[j] + i[j] * g[j] }
            VectorMath.apply(VectorMath.tanh, cn, tanhC + n * H, count: H)
        }
        for n in 0..<batch {
            let o = gates + n * 4 * H + 3 * H, tc = tanhC + n * H, hn = h + n * H
            for j in 0..<H { hn[j] = o[j] * tc[j] }
        }
    }

    /// With ∂h = ∂out + ∂h_next and ∂c = ∂c_next + ∂h∘o∘(1 − tanh²c):
    /// ∂A_i = ∂c∘g∘i(1−i), ∂A_f = ∂c∘c_prev∘f(1−f), ∂A_g = ∂c∘i∘(1−g²), ∂A_o = ∂h∘tanh c∘o(1−o);
    /// ∂c_prev = ∂c∘f is written to `dcNext`. (∂h_prev = ∂A·W_hh is the caller's GEMM.)
    @inline(__always)
    static func lstmBackward(
        gates: Pointer, cPrev: UnsafePointer<Float>, tanhC: Pointer, dOut: UnsafePointer<Float>,
        dhNext: Pointer, dcNext: Pointer, dA: Pointer, batch: Int, hiddenSize H: Int
    ) {
        for n in 0..<batch {
            let row = gates + n * 4 * H, dRow = dA + n * 4 * H
            let i = row, f = row + H, g = row + 2 * H, o = row + 3 * H
            let tc = tanhC + n * H, cp = cPrev + n * H
            let dOutRow = dOut + n * H, dhRow = dhNext + n * H, dcRow = dcNext + n * H
            for j in 0..<H {
                let dh = dOutRow[j] + dhRow[j]
                let dc = dcRow[j] + dh * o[j] * (1 - tc[j] * tc[j])
                dRow[j] = dc * g[j] * i[j] * (1 - i[j])
                dRow[H + j] = dc * cp[j] * f[j] * (1 - f[j])
                dRow[2 * H + j] = dc * i[j] * (1 - g[j] * g[j])
                dRow[3 * H + j] = dh * tc[j] * o[j] * (1 - o[j])
                dcRow[j] = dc * f[j]
            }
        }
    }

    // MARK: GRU

    /// r = σ(A_r + Q_r), z = σ(A_z + Q_z), n = tanh(A_n + r∘Q_n), h = (1 − z)∘n + z∘h_prev, where
    /// A = W_ih x + b_ih and Q = W_hh h_prev + b_hh. r, z, n are stored in place in `gates`; Q_n is saved.
    /// Shapes: gates, Q (N, 3H); h_prev, savedHiddenN, h (N, H).
    @inline(__always)
    static func gruForward(
        gates: Pointer, hiddenProjection Q: Pointer, hPrev: UnsafePointer<Float>, savedHiddenN: Pointer,
        h: Pointer, batch: Int, hiddenSize H: Int
    ) {
        for n in 0..<batch {
            let row = gates + n * 3 * H, q = Q + n * 3 * H
            for j in 0..<(2 * H) { row[j] += q[j] }
            VectorMath.apply(VectorMath.sigmoid, row, row, count: 2 * H)
            let r = row, z = row + H, nGate = row + 2 * H, qn = q + 2 * H
            let saved = savedHiddenN + n * H
            for j in 0..<H {
                saved[j] = qn[j]
                nGate[j] += r[j] * qn[j]
            }
            VectorMath.apply(VectorMath.tanh, nGate, nGate, count: H)
            let hp = hPrev + n * H, hn = h + n * H
            for j in 0..<H { hn[j] = (1 - z[j]) * nGate[j] + z[j] * hp[j] }
        }
    }

    /// With ∂h = ∂out + ∂h_next: ∂A_n = ∂h∘(1−z)∘(1−n²), ∂A_r = ∂A_n∘Q_n∘r(1−r),
    /// ∂A_z = ∂h∘(h_prev − n)∘z(1−z); input-side gradients (∂A_r, ∂A_z, ∂A_n), hidden-side
    /// (∂A_r, ∂A_z, ∂A_n∘r); the direct part ∂h∘z of ∂h_prev is written to `dhNext`.
    @inline(__always)
    static func gruBackward(
        gates: Pointer, savedHiddenN: Pointer, hPrev: UnsafePointer<Float>, dOut: UnsafePointer<Float>,
        dhNext: Pointer, dInputGates dA: Pointer, dHiddenGates dB: Pointer, batch: Int, hiddenSize H: Int
    ) {
        for n in 0..<batch {
            let row = gates + n * 3 * H
            let r = row, z = row + H, nGate = row + 2 * H
            let qn = savedHiddenN + n * H, hp = hPrev + n * H
            let dOutRow = dOut + n * H, dhRow = dhNext + n * H
            let dARow = dA + n * 3 * H, dBRow = dB + n * 3 * H
            for j in 0..<H {
                let dh = dOutRow[j] + dhRow[j]
                let dAn = dh * (1 - z[j]) * (1 - nGate[j] * nGate[j])
                let dAr = dAn * qn[j] * r[j] * (1 - r[j])
                let dAz = dh * (hp[j] - nGate[j]) * z[j] * (1 - z[j])
                dARow[j] = dAr
                dARow[H + j] = dAz
                dARow[2 * H + j] = dAn
                dBRow[j] = dAr
                dBRow[H + j] = dAz
                dBRow[2 * H + j] = dAn * r[j]
                dhRow[j] = dh * z[j]
            }
        }
    }

    /// Sums of the columns of a (rows, columns) matrix.
    static func columnSums(_ matrix: Pointer, rows: Int, columns: Int) -> [Float] {
        Kernels.columnSums(matrix, rows: rows, columns: columns)
    }
}

