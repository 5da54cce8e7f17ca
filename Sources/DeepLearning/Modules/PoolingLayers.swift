/// A pooling layer: the arguments of the functional form, kept for `forward`. `Size` is `Int` for
/// the 1-D layers and `(Int, Int)` (height, width) for the 2-D ones; `MaxPool1d`, `AvgPool2d`, … are
/// this class with their rule, and differ only in their initializers.
public class PoolingLayer<Size>: Module {
    /// The pooling arguments, as given to the functional form (`stride` nil means the kernel size;
    /// `padding` is zero for the Lp layers, which have none).
    public let kernelSize: Size, stride: Size?, padding: Size
    /// Max, average or power average.
    let kind: PoolingKind
    /// The functional form for the layer's rank.
    private let pool: (Tensor, PoolingKind, Size, Size?, Size) -> Tensor

    init(
        _ kind: PoolingKind, kernelSize: Size, stride: Size?, padding: Size,
        pool: @escaping (Tensor, PoolingKind, Size, Size?, Size) -> Tensor
    ) {
        self.kind = kind
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.pool = pool
        super.init()
    }

    /// Pools `input` with the layer's arguments.
    public override func forward(_ input: Tensor) -> Tensor {
        pool(input, kind, kernelSize, stride, padding)
    }
}

/// The 1-D functional form of each rule.
private func pool1d(_ input: Tensor, _ kind: PoolingKind, _ kernelSize: Int, _ stride: Int?, _ padding: Int) -> Tensor {
    switch kind {
    case .max: return maxPool1d(input, kernelSize: kernelSize, stride: stride, padding: padding)
    case .average: return avgPool1d(input, kernelSize: kernelSize, stride: stride, padding: padding)
    case .power(let p): return lpPool1d(input, normType: p, kernelSize: kernelSize, stride: stride)
    }
}

/// The 2-D functional form of each rule.
private func pool2d(
    _ input: Tensor, _ kind: PoolingKind, _ kernelSize: (Int, Int), _ stride: (Int, Int)?, _ padding: (Int, Int)
) -> Tensor {
    switch kind {
    case .max: return maxPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding)
    case .average: return avgPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding)
    case .power(let p): return lpPool2d(input, normType: p, kernelSize: kernelSize, stride: stride)
    }
}

/// 1-D max pooling as a layer, PyTorch's `nn.MaxPool1d`; see `maxPool1d`.
public final class MaxPool1d: PoolingLayer<Int> {
    /// `stride` defaults to `kernelSize`.
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        super.init(.max, kernelSize: kernelSize, stride: stride, padding: padding, pool: pool1d)
    }
}

/// 1-D average pooling as a layer, PyTorch's `nn.AvgPool1d`; see `avgPool1d`.
public final class AvgPool1d: PoolingLayer<Int> {
    /// `stride` defaults to `kernelSize`.
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        super.init(.average, kernelSize: kernelSize, stride: stride, padding: padding, pool: pool1d)
    }
}

/// 1-D power-average pooling as a layer, PyTorch's `nn.LPPool1d`: (Σ_window x^p)^(1/p); see `lpPool1d`.
public final class LPPool1d: PoolingLayer<Int> {
    /// p.
    public let normType: Float

    /// `normType` is p; `stride` defaults to `kernelSize`.
    public init(normType: Float, kernelSize: Int, stride: Int? = nil) {
        self.normType = normType
        super.init(.power(normType), kernelSize: kernelSize, stride: stride, padding: 0, pool: pool1d)
    }
}

/// 2-D max pooling as a layer, PyTorch's `nn.MaxPool2d`; see `maxPool2d`.
public final class MaxPool2d: PoolingLayer<(Int, Int)> {
    /// A kernel, stride and padding per axis; `stride` defaults to `kernelSize`.
    public init(kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) {
        super.init(.max, kernelSize: kernelSize, stride: stride, padding: padding, pool: pool2d)
    }

    /// A square kernel with the same stride and padding on both axes.
    public convenience init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        self.init(kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) }, padding: (padding, padding))
    }
}

/// 2-D average pooling as a layer, PyTorch's `nn.AvgPool2d`; see `avgPool2d`.
public final class AvgPool2d: PoolingLayer<(Int, Int)> {
    /// A kernel, stride and padding per axis; `stride` defaults to `kernelSize`.
    public init(kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) {
        super.init(.average, kernelSize: kernelSize, stride: stride, padding: padding, pool: pool2d)
    }

    /// A square kernel with the same stride and padding on both axes.
    public convenience init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        self.init(kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) }, padding: (padding, padding))
    }
}

/// 2-D power-average pooling as a layer, PyTorch's `nn.LPPool2d`; see `lpPool2d`.
public final class LPPool2d: PoolingLayer<(Int, Int)> {
    /// p.
    public let normType: Float

    /// A kernel and stride per axis; `stride` defaults to `kernelSize`.
    public init(normType: Float, kernelSize: (Int, Int), stride: (Int, Int)? = nil) {
        self.normType = normType
        super.init(.power(normType), kernelSize: kernelSize, stride: stride, padding: (0, 0), pool: pool2d)
    }

    /// A square kernel with the same stride on both axes.
    public convenience init(normType: Float, kernelSize: Int, stride: Int? = nil) {
        self.init(normType: normType, kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) })
    }
}
