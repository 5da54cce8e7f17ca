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

    /// (T, N, C_in) → (T, N, C_out).
    public override func forward(_ input: Tensor) -> Tensor {
        let gated = convolution(input).gatedLinearUnit()
        return isResidual ? input + gated : gated
    }
}
