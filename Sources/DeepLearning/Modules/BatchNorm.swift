/// What `BatchNorm1d` and `BatchNorm2d` share, like PyTorch's `_BatchNorm`: affine parameters γ (`weight`,
/// ones) and β (`bias`, zeros), and running statistics kept as buffers (tensors without gradients).
///
/// In training mode (`train()`) a forward pass normalizes with the batch's statistics and updates the
/// running ones; in evaluation mode (`eval()`) it normalizes with the running ones.
open class BatchNormBase: Module {
    /// The number of channels C.
    public let numFeatures: Int
    /// Added to the variance before the square root.
    public let eps: Float
    /// Weight of each new batch in the running statistics.
    public let momentum: Float
    /// γ (C), or `nil` without affine parameters.
    public var weight: Tensor?
    /// β (C), or `nil` without affine parameters.
    public var bias: Tensor?
    /// Running mean (C), a buffer; starts at zeros.
    public var runningMean: Tensor?
    /// Running (unbiased) variance (C), a buffer; starts at ones.
    public var runningVar: Tensor?
    /// How many training batches updated the running statistics.
    public private(set) var numBatchesTracked = 0

    /// Makes the layer; `affine: false` drops γ and β, `trackRunningStats: false` always uses batch statistics.
    public init(numFeatures: Int, eps: Float = 1e-5, momentum: Float = 0.1, affine: Bool = true, trackRunningStats: Bool = true) {
        precondition(numFeatures > 0, "BatchNorm: numFeatures must be positive, got \(numFeatures)")
        self.numFeatures = numFeatures
        self.eps = eps
        self.momentum = momentum
        weight = affine ? Tensor.ones([numFeatures], requiresGrad: true) : nil
        bias = affine ? Tensor.zeros([numFeatures], requiresGrad: true) : nil
        runningMean = trackRunningStats ? Tensor.zeros([numFeatures]) : nil
        runningVar = trackRunningStats ? Tensor.ones([numFeatures]) : nil
        super.init()
    }

    /// The input ranks the layer accepts, for its error message.
    open var acceptedRanks: (ranks: Set<Int>, description: String) { ([2, 3, 4], "(N, C), (N, C, L) or (N, C, H, W)") }

    /// `batchNorm` with this layer's parameters and statistics, in the mode set by `train()`/`eval()`.
    open override func forward(_ input: Tensor) -> Tensor {
        let accepted = acceptedRanks
        precondition(
            accepted.ranks.contains(input.rank),
            "\(type(of: self)): input of shape \(input.shape) must be \(accepted.description)")
        let useBatchStatistics = isTraining || runningMean == nil
        if isTraining && runningMean != nil { numBatchesTracked += 1 }
        return batchNorm(
            input, runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias, training: useBatchStatistics,
            momentum: momentum, eps: eps)
    }
}
