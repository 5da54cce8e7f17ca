/// A causal convolution over time as a layer (see `causalConv1d`): (T, N, C_in) → (T, N, C_out), each
/// step seeing itself and the `kernelWidth − 1` steps before it.
///
/// Initialised like PyTorch's `nn.Conv1d`: weight and bias uniform in ±1/√(C_in·K).
public final class CausalConv1d: Module {
    /// (K, C_out, C_in): one (C_out, C_in) matrix per tap, the last tap on the current step.
    public var weight: Tensor
    /// (C_out), or `nil` when made with `bias: false`.
    public var bias: Tensor?

    /// Makes the layer with fresh parameters drawn from `generator` (or the default generator).
    public init(inChannels: Int, outChannels: Int, kernelWidth: Int, bias: Bool = true, generator: RandomGenerator? = nil) {
        precondition(inChannels > 0 && outChannels > 0 && kernelWidth > 0,
                     "CausalConv1d: channels and kernel width must be positive, got \(inChannels), \(outChannels), \(kernelWidth)")
        let bound = 1 / Float(inChannels * kernelWidth).squareRoot()
        weight = Tensor.uniform(
            [kernelWidth, outChannels, inChannels], low: -bound, high: bound, generator: generator, requiresGrad: true)
        self.bias = bias ? Tensor.uniform([outChannels], low: -bound, high: bound, generator: generator, requiresGrad: true) : nil
        super.init()
    }

    /// `causalConv1d(input, weight:, bias:)`: (T, N, C_in) → (T, N, C_out).
    public override func forward(_ input: Tensor) -> Tensor { causalConv1d(input, weight: weight, bias: bias) }
}
