// Recurrent layers over a whole sequence, each layer ONE autograd node with a hand-written backward
// through time (PyTorch's cuDNN-style fused layer, on the CPU).
//
// Shapes (seq-first, as PyTorch's default): x (T, N, I), h (N, H), c (N, H); with G gates per cell
// (Elman RNN 1, LSTM 4, GRU 3) weightIH (G·H, I), weightHH (G·H, H), biasIH (G·H), biasHH (G·H).
//
// Files: this one (the op and its autograd node), `RecurrentDimensions.swift` (sizes and shape checks),
// `RecurrentForward.swift` (the forward and backward passes over time, step by step),
// `RecurrentCellMath.swift` (each cell's elementwise maths, forward beside backward).

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
    let dims = RecurrentDimensions(
        validating: kind, input: input, hidden: hidden, cell: cell,
        weightIH: weightIH, weightHH: weightHH, biasIH: biasIH, biasHH: biasHH)
    let saved = RecurrentForward(
        kind: kind, dims: dims, x: input.scalars, h0: hidden.scalars,
        c0: kind.hasCellState ? cell!.scalars : [], weightIH: weightIH.scalars, weightHH: weightHH.scalars,
        biasIH: biasIH?.scalars, biasHH: biasHH?.scalars)

    // One node, one packed result: (T, N, H) outputs, then for the LSTM one more (N, H) slab with c_T.
    // The node's inputs, in the order of `RecurrentGradients.tensors`: x, h0, (c0), W_ih, W_hh, (b_ih), (b_hh).
    let steps = dims.steps, packedSteps = steps + (kind.hasCellState ? 1 : 0)
    var inputs = [input, hidden]
    if kind.hasCellState { inputs.append(cell!) }
    inputs += [weightIH, weightHH]
    if let biasIH { inputs.append(biasIH) }
    if let biasHH { inputs.append(biasHH) }
    let hasBiasIH = biasIH != nil, hasBiasHH = biasHH != nil
    let packed = Tensor.result(
        shape: [packedSteps, dims.batch, dims.hiddenSize], scalars: saved.packedResult(), operation: "recurrent",
        inputs: inputs
    ) { g in
        saved.backward(g.scalars).tensors(dims, kind: kind, hasBiasIH: hasBiasIH, hasBiasHH: hasBiasHH)
    }
    if !kind.hasCellState {
        return RecurrentLayerOutput(output: packed, hidden: packed.select(dim: 0, index: steps - 1), cell: nil)
    }
    return RecurrentLayerOutput(
        output: packed.slice(dim: 0, start: 0, end: steps),
        hidden: packed.select(dim: 0, index: steps - 1),
        cell: packed.select(dim: 0, index: steps))
}

/// The gradients of one recurrent layer's inputs.
struct RecurrentGradients {
    var x: [Float], h0: [Float], c0: [Float]
    var weightIH: [Float], weightHH: [Float], biasIH: [Float], biasHH: [Float]

    /// The gradients as tensors, one per input of the layer's node in its order: ∂x (T, N, I),
    /// ∂h0 (N, H), ∂c0 (N, H) for the LSTM, ∂W_ih (G·H, I), ∂W_hh (G·H, H), then ∂b_ih and ∂b_hh (G·H)
    /// for the biases the layer has.
    func tensors(_ dims: RecurrentDimensions, kind: RecurrentCell, hasBiasIH: Bool, hasBiasHH: Bool) -> [Tensor?] {
        let T = dims.steps, N = dims.batch, I = dims.inputSize, H = dims.hiddenSize, GH = dims.gateWidth
        var result: [Tensor?] = [
            Tensor(shape: [T, N, I], scalars: x),
            Tensor(shape: [N, H], scalars: h0),
        ]
        if kind.hasCellState { result.append(Tensor(shape: [N, H], scalars: c0)) }
        result.append(Tensor(shape: [GH, I], scalars: weightIH))
        result.append(Tensor(shape: [GH, H], scalars: weightHH))
        if hasBiasIH { result.append(Tensor(shape: [GH], scalars: biasIH)) }
        if hasBiasHH { result.append(Tensor(shape: [GH], scalars: biasHH)) }
        return result
    }
}
