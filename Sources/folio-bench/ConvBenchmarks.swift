import DeepLearning

/// The convolution and batch-normalization lines of `folio-bench ops`; `bench/pytorch_conv.py` times
/// the same work in PyTorch. Each figure is the median wall time of one forward + backward pass, in
/// milliseconds, after warm-up passes.
extension OpsBenchmarks {
    /// `kim_cnn_ms`: Kim's sentence CNN — batch 50, 50 words, embedding 300 (input (50, 300, 50) that
    /// requires gradients, as a fine-tuned embedding would), 100 filters each of widths 3, 4, 5, ReLU,
    /// max over time, concatenated to (50, 300); forward + backward.
    static let kimCNN = OpsBenchmark(key: "kim_cnn_ms") { repeats in
        let generator = RandomGenerator(seed: 1)
        let x = Tensor.randn([50, 300, 50], generator: generator, requiresGrad: true)
        let layers = [3, 4, 5].map { Conv1d(inChannels: 300, outChannels: 100, kernelSize: $0, generator: generator) }
        return Stopwatch.medianMilliseconds(warmup: 3, repeats: repeats) {
            let features = layers.map { maxOverTime(relu($0(x))) }
            Tensor.cat(features, dim: 1).sum().backward()
            x.grad = nil
            for layer in layers { layer.zeroGrad() }
        }
    }

    /// `conv2d_ms`: batch 32, 16 → 32 channels, 28×28, 3×3 kernel, padding 1; forward + backward
    /// (input, weight, bias).
    static let conv2dLayer = OpsBenchmark(key: "conv2d_ms") { repeats in
        let generator = RandomGenerator(seed: 2)
        let x = Tensor.randn([32, 16, 28, 28], generator: generator, requiresGrad: true)
        let layer = Conv2d(inChannels: 16, outChannels: 32, kernelSize: 3, padding: 1, generator: generator)
        let upstream = Tensor.ones([32, 32, 28, 28])
        return Stopwatch.medianMilliseconds(warmup: 3, repeats: repeats) {
            layer(x).backward(upstream)
            x.grad = nil
            layer.zeroGrad()
        }
    }

    /// `batchnorm_ms`: batch normalization in training mode on (256, 512), forward + backward
    /// (input, γ, β). Ten times the repeats: one pass is well under a millisecond.
    static let batchNormLayer = OpsBenchmark(key: "batchnorm_ms") { repeats in
        let x = Tensor.randn([256, 512], generator: RandomGenerator(seed: 3), requiresGrad: true)
        let layer = BatchNorm1d(numFeatures: 512)
        let upstream = Tensor.ones([256, 512])
        return Stopwatch.medianMilliseconds(warmup: 10, repeats: 10 * repeats + 1) {
            layer(x).backward(upstream)
            x.grad = nil
            layer.zeroGrad()
        }
    }
}
