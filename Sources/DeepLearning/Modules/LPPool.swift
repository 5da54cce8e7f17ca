/// 1-D power-average pooling as a layer, PyTorch's `nn.LPPool1d`: (Σ_window x^p)^(1/p); see `lpPool1d`.
public final class LPPool1d: Module {
    /// The pooling arguments, as given to the functional form (`stride` nil means the kernel size).
    public let normType: Float, kernelSize: Int, stride: Int?

    /// `normType` is p; `stride` defaults to `kernelSize`.
    public init(normType: Float, kernelSize: Int, stride: Int? = nil) {
        self.normType = normType
        self.kernelSize = kernelSize
        self.stride = stride
        super.init()
    }

    /// Pools `input` with the layer's arguments.
    public override func forward(_ input: Tensor) -> Tensor {
        lpPool1d(input, normType: normType, kernelSize: kernelSize, stride: stride)
    }
}

/// 2-D power-average pooling as a layer, PyTorch's `nn.LPPool2d`; see `lpPool2d`.
public final class LPPool2d: Module {
    /// The pooling arguments, as given to the functional form (`stride` nil means the kernel size).
    public let normType: Float, kernelSize: (Int, Int), stride: (Int, Int)?

    /// A kernel and stride per axis; `stride` defaults to `kernelSize`.
    public init(normType: Float, kernelSize: (Int, Int), stride: (Int, Int)? = nil) {
        self.normType = normType
        self.kernelSize = kernelSize
        self.stride = stride
        super.init()
    }

    /// A square kernel with the same stride on both axes.
    public convenience init(normType: Float, kernelSize: Int, stride: Int? = nil) {
        self.init(normType: normType, kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) })
    }

    /// Pools `input` with the layer's arguments.
    public override func forward(_ input: Tensor) -> Tensor {
        lpPool2d(input, normType: normType, kernelSize: kernelSize, stride: stride)
    }
}
