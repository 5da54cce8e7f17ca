/// 1-D max pooling as a layer, PyTorch's `nn.MaxPool1d`; see `maxPool1d`.
public final class MaxPool1d: Module {
    /// The pooling arguments, as given to the functional form (`stride` nil means the kernel size).
    public let kernelSize: Int, stride: Int?, padding: Int

    /// `stride` defaults to `kernelSize`.
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        super.init()
    }

    /// Pools `input` with the layer's arguments.
    public override func forward(_ input: Tensor) -> Tensor {
        maxPool1d(input, kernelSize: kernelSize, stride: stride, padding: padding)
    }
}

/// 2-D max pooling as a layer, PyTorch's `nn.MaxPool2d`; see `maxPool2d`.
public final class MaxPool2d: Module {
    /// The pooling arguments, as given to the functional form (`stride` nil means the kernel size).
    public let kernelSize: (Int, Int), stride: (Int, Int)?, padding: (Int, Int)

    /// A kernel, stride and padding per axis; `stride` defaults to `kernelSize`.
    public init(kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) {
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        super.init()
    }

    /// A square kernel with the same stride and padding on both axes.
    public convenience init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        self.init(kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) }, padding: (padding, padding))
    }

    /// Pools `input` with the layer's arguments.
    public override func forward(_ input: Tensor) -> Tensor {
        maxPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding)
    }
}
