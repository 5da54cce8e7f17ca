import DeepLearning
import Foundation

/// The convolution, pooling and batch-normalization lines of `folio-bench ops`; `bench/pytorch_conv.py`
/// times the same work in PyTorch. Each figure is the median wall time of one forward + backward pass, in
/// milliseconds, after warm-up passes.
enum ConvBenchmarks {
    /// Median milliseconds of `body` over `repetitions` runs after `warmUp` runs.
    static func medianMilliseconds(warmUp: Int = 3, repetitions: Int = 15, _ body: () -> Void) -> Double {
        for _ in 0..<warmUp { body() }
        var times: [Double] = []
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times.sorted()[times.count / 2]
    }

    /// Kim's sentence CNN: batch 50, 50 words, embedding 300 (input (50, 300, 50) that requires gradients, as
    /// a fine-tuned embedding would), 100 filters each of widths 3, 4, 5, ReLU, max over time, concatenated
    /// to (50, 300); forward + backward.
    static func kimCNN() -> Double {
        let generator = RandomGenerator(seed: 1)
        let x = Tensor.randn([50, 300, 50], generator: generator, requiresGrad: true)
        let layers = [3, 4, 5].map { Conv1d(inChannels: 300, outChannels: 100, kernelSize: $0, generator: generator) }
        return medianMilliseconds {
            let features = layers.map { maxOverTime($0(x).clamp(min: 0)) }
            Tensor.cat(features, dim: 1).sum().backward()
            x.grad = nil
            for layer in layers { layer.zeroGrad() }
        }
    }

    /// conv2d: batch 32, 16 → 32 channels, 28×28, 3×3 kernel, padding 1; forward + backward (input, weight, bias).
    static func conv2dLayer() -> Double {
        let generator = RandomGenerator(seed: 2)
        let x = Tensor.randn([32, 16, 28, 28], generator: generator, requiresGrad: true)
        let layer = Conv2d(inChannels: 16, outChannels: 32, kernelSize: 3, padding: 1, generator: generator)
        let upstream = Tensor.ones([32, 32, 28, 28])
        return medianMilliseconds {
            layer(x).backward(upstream)
            x.grad = nil
            layer.zeroGrad()
        }
    }

    /// Batch normalization in training mode on (256, 512), forward + backward (input, γ, β).
    static func batchNormLayer() -> Double {
        let x = Tensor.randn([256, 512], generator: RandomGenerator(seed: 3), requiresGrad: true)
        let layer = BatchNorm1d(numFeatures: 512)
        let upstream = Tensor.ones([256, 512])
        return medianMilliseconds(warmUp: 10, repetitions: 101) {
            layer(x).backward(upstream)
            x.grad = nil
            layer.zeroGrad()
        }
    }

    /// Prints `kim_cnn_ms=`, `conv2d_ms=` and `batchnorm_ms=` lines.
    static func run() {
        print(String(format: "kim_cnn_ms=%.3f", kimCNN()))
        print(String(format: "conv2d_ms=%.3f", conv2dLayer()))
        print(String(format: "batchnorm_ms=%.3f", batchNormLayer()))
    }
}
