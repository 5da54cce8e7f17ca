/// A 1-D pooling layer: the arguments of the functional form, kept for `forward`. `MaxPool1d`,
/// `AvgPool1d` and `LPPool1d` are this class with their rule; only their initializers differ.
public class Pool1dLayer: Module {
    /// The pooling arguments, as given to the functional form (`stride` nil means the kernel size;
    /// `padding` is 0 for `LPPool1d`, which has none).
    public let kernelSize: Int, stride: Int?, padding: Int
    /// Max, average or power average.
    let kind: PoolingKind

    init(_ kind: PoolingKind, kernelSize: Int, stride: Int?, padding: Int) {
        self.kind = kind
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        super.init()
    }

    /// Pools `input` with the layer's arguments.
    public override func forward(_ input: Tensor) -> Tensor {
        switch kind {
        case .max: return maxPool1d(input, kernelSize: kernelSize, stride: stride, padding: padding)
        case .average: return avgPool1d(input, kernelSize: kernelSize, stride: stride, padding: padding)
        case .power(let p): return lpPool1d(input, normType: p, kernelSize: kernelSize, stride: stride)
        }
    }
}

/// A 2-D pooling layer: a kernel, stride and padding per axis, kept for `forward`. `MaxPool2d`,
/// `AvgPool2d` and `LPPool2d` are this class with their rule; only their initializers differ.
public class Pool2dLayer: Module {
    /// The pooling arguments, as given to the functional form (`stride` nil means the kernel size;
    /// `padding` is (0, 0) for `LPPool2d`, which has none).
    public let kernelSize: (Int, Int), stride: (Int, Int)?, padding: (Int, Int)
    /// Max, average or power average.
    let kind: PoolingKind

    init(_ kind: PoolingKind, kernelSize: (Int, Int), stride: (Int, Int)?, padding: (Int, Int)) {
        self.kind = kind
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        super.init()
    }

    /// Pools `input` with the layer's arguments.
    public override func forward(_ input: Tensor) -> Tensor {
        switch kind {
        case .max: return maxPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding)
        case .average: return avgPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding)
        case .power(let p): return lpPool2d(input, normType: p, kernelSize: kernelSize, stride: stride)
        }
    }
}

/// 1-D max pooling as a layer, PyTorch's `nn.MaxPool1d`; see `maxPool1d`.
public final class MaxPool1d: Pool1dLayer {
    /// `stride` defaults to `kernelSize`.
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        super.init(.max, kernelSize: kernelSize, stride: stride, padding: padding)
    }
}

/// 1-D average pooling as a layer, PyTorch's `nn.AvgPool1d`; see `avgPool1d`.
public final class AvgPool1d: Pool1dLayer {
    /// `stride` defaults to `kernelSize`.
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        super.init(.average, kernelSize: kernelSize, stride: stride, padding: padding)
    }
}

/// 1-D power-average pooling as a layer, PyTorch's `nn.LPPool1d`: (Σ_window x^p)^(1/p); see `lpPool1d`.
public final class LPPool1d: Pool1dLayer {
    /// p.
    public let normType: Float

    /// `normType` is p; `stride` defaults to `kernelSize`.
    public init(normType: Float, kernelSize: Int, stride: Int? = nil) {
        self.normType = normType
        super.init(.power(normType), kernelSize: kernelSize, stride: stride, padding: 0)
    }
}

/// 2-D max pooling as a layer, PyTorch's `nn.MaxPool2d`; see `maxPool2d`.
public final class MaxPool2d: Pool2dLayer {
    /// A kernel, stride and padding per axis; `stride` defaults to `kernelSize`.
    public init(kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) {
        super.init(.max, kernelSize: kernelSize, stride: stride, padding: padding)
    }

    /// A square kernel with the same stride and padding on both axes.
    public convenience init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        self.init(kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) }, padding: (padding, padding))
    }
}

/// 2-D average pooling as a layer, PyTorch's `nn.AvgPool2d`; see `avgPool2d`.
public final class AvgPool2d: Pool2dLayer {
    /// A kernel, stride and padding per axis; `stride` defaults to `kernelSize`.
    public init(kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) {
        super.init(.average, kernelSize: kernelSize, stride: stride, padding: padding)
    }

    /// A square kernel with the same stride and padding on both axes.
    public convenience init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        self.init(kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) }, padding: (padding, padding))
    }
}

/// 2-D power-average pooling as a layer, PyTorch's `nn.LPPool2d`; see `lpPool2d`.
public final class LPPool2d: Pool2dLayer {
    /// p.
    public let normType: Float

    /// A kernel and stride per axis; `stride` defaults to `kernelSize`.
    public init(normType: Float, kernelSize: (Int, Int), stride: (Int, Int)? = nil) {
        self.normType = normType
        super.init(.power(normType), kernelSize: kernelSize, stride: stride, padding: (0, 0))
    }

    /// A square kernel with the same stride on both axes.
    public convenience init(normType: Float, kernelSize: Int, stride: Int? = nil) {
        self.init(normType: normType, kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) })
    }
}
