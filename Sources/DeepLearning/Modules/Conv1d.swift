/// A 1-D convolution layer, PyTorch's `nn.Conv1d` (no dilation, no groups): (N, C_in, L) → (N, C_out, L_out).
///
/// Initialised like PyTorch: weight and bias uniform in ±1/√(C_in·K) (kaiming-uniform with a = √5).
public final class Conv1d: Module {
    /// (C_out, C_in, K)
    public var weight: Tensor
    /// (C_out), or `nil` when made with `bias: false`.
    public var bias: Tensor?
    /// Step between windows.
    public let stride: Int
    /// Zeros added at both ends.
    public let padding: Int

    /// Makes the layer with freshly initialised parameters, drawn from `generator` or the default one.
    public init(
        inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0, bias: Bool = true,
        generator: RandomGenerator? = nil
    ) {
        precondition(inChannels > 0 && outChannels > 0 && kernelSize > 0,
                     "Conv1d: channels and kernel size must be positive, got \(inChannels), \(outChannels), \(kernelSize)")
        let bound = 1 / Float(inChannels * kernelSize).squareRoot()
        weight = Tensor.uniform([outChannels, inChannels, kernelSize], low: -bound, high: bound, generator: generator, requiresGrad: true)
        self.bias = bias ? Tensor.uniform([outChannels], low: -bound, high: bound, generator: generator, requiresGrad: true) : nil
        self.stride = stride
        self.padding = padding
        super.init()
    }

    /// `conv1d(input, weight, bias:, stride:, padding:)`.
    public override func forward(_ input: Tensor) -> Tensor {
        conv1d(input, weight, bias: bias, stride: stride, padding: padding)
    }
}
