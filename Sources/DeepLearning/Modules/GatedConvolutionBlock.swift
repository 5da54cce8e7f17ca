/// One residual block of Dauphin et al.'s gated convolutional language model: a causal convolution
/// to 2·C_out channels, the gated linear unit, and the block's input added back when the widths agree:
///
///     h_out = h_in + (h_in ∗ W + b) ⊗ σ(h_in ∗ V + c)      (without h_in when C_in ≠ C_out)
///
/// Shapes: (T, N, C_in) → (T, N, C_out). W and V are the two halves of one `CausalConv1d`.
public final class GatedConvolutionBlock: Module {
    /// The causal convolution to 2·C_out channels: the linear path, then the gate.
    public let convolution: CausalConv1d
    /// Whether the block adds its input to its output (C_in == C_out).
    public let isResidual: Bool

    /// Makes the block with PyTorch's convolution initialisation from `generator`.
    public init(inChannels: Int, outChannels: Int, kernelWidth: Int, generator: RandomGenerator? = nil) {
        convolution = CausalConv1d(
            inChannels: inChannels, outChannels: 2 * outChannels, kernelWidth: kernelWidth, generator: generator)
        isResidual = inChannels == outChannels
        super.init()
    }

    /// (T, N, C_in) → (T, N, C_out), zeros before the first step.
    public override func forward(_ input: Tensor) -> Tensor { self(input, history: nil).output }

    /// The block over `input` (T, N, C_in) with `history` (K − 1, N, C_in), its inputs at the K − 1
    /// positions before the chunk, read in place of the zeros (nil: zeros). Returns the output
    /// (T, N, C_out) and the history for the next chunk: the last K − 1 rows of [history; input]
    /// (nil when K = 1).
    public func callAsFunction(_ input: Tensor, history: Tensor?) -> (output: Tensor, history: Tensor?) {
        let taps = convolution.weight.shape[0], steps = input.shape[0]
        guard taps > 1 else { return (combine(input, convolution(input)), nil) }
        let before = history ?? Tensor.zeros([taps - 1, input.shape[1], input.shape[2]])
        let window = cat([before, input], dim: 0)  // (K − 1 + T, N, C_in)
        let convolved = convolution(window).slice(dim: 0, start: taps - 1, end: taps - 1 + steps)  // (T, N, 2·C_out)
        return (combine(input, convolved), window.slice(dim: 0, start: steps, end: steps + taps - 1))
    }

    /// The gated linear unit of the convolution, plus the input when the block is residual.
    private func combine(_ input: Tensor, _ convolved: Tensor) -> Tensor {
        let gated = convolved.gatedLinearUnit()
        return isResidual ? input + gated : gated
    }
}
