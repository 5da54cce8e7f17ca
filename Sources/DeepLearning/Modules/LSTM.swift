/// A multi-layer LSTM, PyTorch's `nn.LSTM`, gates stacked in the order i, f, g, o:
///
///     i = σ(W_ii x + b_ii + W_hi h + b_hi)    f = σ(W_if x + b_if + W_hf h + b_hf)
///     g = tanh(W_ig x + b_ig + W_hg h + b_hg) o = σ(W_io x + b_io + W_ho h + b_ho)
///     c' = f∘c + i∘g                          h' = o∘tanh(c')
///
/// `lstm(x, (h0, c0))` takes x (T, N, I) (or (N, T, I) with `batchFirst`) and states (layers, N, H), or
/// nil for zeros, and returns (output (T, N, H), (h_T, c_T)). `lstm(x)` alone returns the output.
/// Each layer runs as one fused autograd node (see `recurrentLayer`).
public final class LSTM: RecurrentModule {
    /// Makes the layers; weights start uniform in ±1/√hiddenSize (from `generator`, or the default one).
    public init(
        inputSize: Int, hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
        dropout: Float = 0, generator: RandomGenerator? = nil
    ) {
        super.init(
            cell: .lstm, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
            batchFirst: batchFirst, dropout: dropout, generator: generator)
    }

    /// The last layer's outputs at every step, from zero initial states.
    public override func forward(_ input: Tensor) -> Tensor { run(input, hidden: nil, cellState: nil).output }

    /// Outputs of the last layer (T, N, H) and the final (hidden, cell) states of every layer, each
    /// (layers, N, H).
    public func callAsFunction(_ input: Tensor, _ state: (Tensor, Tensor)?) -> (Tensor, (Tensor, Tensor)) {
        let result = run(input, hidden: state?.0, cellState: state?.1)
        return (result.output, (result.hidden, result.cell!))
    }
}
