/// A 2-D convolution layer, PyTorch's `nn.Conv2d` (no dilation, no groups):
/// (N, C_in, H, W) → (N, C_out, H_out, W_out).
///
/// Initialised like PyTorch: weight and bias uniform in ±1/√(C_in·kH·kW) (kaiming-uniform with a = √5).
public final class Conv2d: Module {
    /// (C_out, C_in, kH, kW)
    public var weight: Tensor
    /// (C_out), or `nil` when made with `bias: false`.
    public var bias: Tensor?
    /// Step between windows (rows, columns).
    public let stride: (Int, Int)
    /// Zeros added on each side (rows, columns).
    public let padding: (Int, Int)

    /// Makes the layer with a kernel, stride and padding per axis; parameters drawn from `generator` or
    /// the default one.
    public init(
        inChannels: Int, outChannels: Int, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
        padding: (Int, Int) = (0, 0), bias: Bool = true, generator: RandomGenerator? = nil
    ) {
        precondition(inChannels > 0 && outChannels > 0 && kernelSize.0 > 0 && kernelSize.1 > 0,
                     "Conv2d: channels and kernel size must be positive, got \(inChannels), \(outChannels), \(kernelSize)")
        let bound = 1 / Float(inChannels * kernelSize.0 * kernelSize.1).squareRoot()
        weight = Tensor.uniform(
            [outChannels, inChannels, kernelSize.0, kernelSize.1], low: -bound, high: bound, generator: generator,
            requiresGrad: true)
        self.bias = bias ? Tensor.uniform([outChannels], low: -bound, high: bound, generator: generator, requiresGrad: true) : nil
        self.stride = stride
        self.padding = padding
        super.init()
    }

    /// Makes the layer with a square kernel and the same stride and padding on both axes.
    public convenience init(
        inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0, bias: Bool = true,
        generator: RandomGenerator? = nil
    ) {
        self.init(
            inChannels: inChannels, outChannels: outChannels, kernelSize: (kernelSize, kernelSize),
            stride: (stride, stride), padding: (padding, padding), bias: bias, generator: generator)
    }

    /// `conv2d(input, weight, bias:, stride:, padding:)`.
    public override func forward(_ input: Tensor) -> Tensor {
        conv2d(input, weight, bias: bias, stride: stride, padding: padding)
    }
}
