import DeepLearning

/// One timed quantity of `folio-bench ops`: its output key and how to measure it with `repeats` runs.
struct OpsBenchmark {
    let key: String
    let measure: (_ repeats: Int) -> Double
}

/// The benchmarks of `folio-bench ops`, in output order. The PyTorch side is `bench/pytorch_ops.py`,
/// printing the same keys.
enum OpsBenchmarks {
    static let all: [OpsBenchmark] = [
        gemm, logSoftmax, crossEntropyStep,
        // Hooks: convolution, pooling and batch-norm benchmarks (`kim_cnn_ms`, `conv2d_ms`,
        // `batchnorm_ms`) are added here, each defined in its own file as `static let` in an
        // `extension OpsBenchmarks`.
    ]

    /// `gemm_gflops`: (700×200)·(200×10000), the size of an LM decoder on 35×20 tokens.
    static let gemm = OpsBenchmark(key: "gemm_gflops") { repeats in
        let m = 700, k = 200, n = 10_000
        let generator = RandomGenerator(seed: 1)
        let a = Tensor.randn([m, k], generator: generator).scalars
        let b = Tensor.randn([k, n], generator: generator).scalars
        var c = [Float](repeating: 0, count: m * n)
        let milliseconds = Stopwatch.medianMilliseconds(repeats: repeats) {
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        BLAS.gemm(transposeA: false, transposeB: false, m: m, n: n, k: k,
                                  a: pa.baseAddress!, lda: k, b: pb.baseAddress!, ldb: n, c: pc.baseAddress!, ldc: n)
                    }
                }
            }
        }
        return 2.0 * Double(m * n * k) / (milliseconds / 1000) / 1e9
    }

    /// `log_softmax_ms`: log-softmax forward of (700, 10000) along the last dimension.
    static let logSoftmax = OpsBenchmark(key: "log_softmax_ms") { repeats in
        let x = Tensor.randn([700, 10_000], generator: RandomGenerator(seed: 2))
        return Stopwatch.medianMilliseconds(repeats: repeats) { _ = x.logSoftmax(dim: 1) }
    }

    /// `cross_entropy_ms`: cross-entropy forward + backward of (700, 10000) logits.
    static let crossEntropyStep = OpsBenchmark(key: "cross_entropy_ms") { repeats in
        let x = Tensor.randn([700, 10_000], generator: RandomGenerator(seed: 3), requiresGrad: true)
        let targets = (0..<700).map { ($0 * 7919) % 10_000 }
        return Stopwatch.medianMilliseconds(repeats: repeats) {
            x.grad = nil
            crossEntropy(x, targets).backward()
        }
    }
}
