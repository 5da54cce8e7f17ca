/// A multi-layer GRU, PyTorch's `nn.GRU`, gates stacked in the order r, z, n:
///
///     r = σ(W_ir x + b_ir + W_hr h + b_hr)    z = σ(W_iz x + b_iz + W_hz h + b_hz)
///     n = tanh(W_in x + b_in + r∘(W_hn h + b_hn))
///     h' = (1 − z)∘n + z∘h
///
/// `gru(x, h0)` takes x (T, N, I) (or (N, T, I) with `batchFirst`) and h0 (layers, N, H) or nil for zeros,
/// and returns (output (T, N, H), h_T (layers, N, H)). `gru(x)` alone returns the output.
public final class GRU: RecurrentModule {
    /// Makes the layers; weights start uniform in ±1/√hiddenSize (from `generator`, or the default one).
    public init(
        inputSize: Int, hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
        dropout: Float = 0, generator: RandomGenerator? = nil
    ) {
        super.init(
            cell: .gru, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
            batchFirst: batchFirst, dropout: dropout, generator: generator)
    }

    /// The last layer's outputs at every step, from a zero initial state.
    public override func forward(_ input: Tensor) -> Tensor { run(input, hidden: nil, cellState: nil).output }

    /// Outputs of the last layer (T, N, H) and the final hidden state of every layer (layers, N, H).
    public func callAsFunction(_ input: Tensor, _ hidden: Tensor?) -> (Tensor, Tensor) {
        let result = run(input, hidden: hidden, cellState: nil)
        return (result.output, result.hidden)
    }
}
