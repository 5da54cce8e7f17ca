/// Scales the gradients of `parameters` so that their joint L2 norm is at most `maxNorm`
/// (`torch.nn.utils.clip_grad_norm_`), and returns the norm before clipping.
///
/// As PyTorch: coefficient = maxNorm / (norm + 1e-6), applied only when below 1.
///
/// Both loops run over raw pointers (one access to each gradient's storage, not one per element): the
/// sum of squares in 8-wide Float blocks of at most 4096 elements, each block added into a Double total;
/// the scaling as one vectorised multiply.
@discardableResult
public func clipGradNorm(_ parameters: [Tensor], maxNorm: Float) -> Float {
    var squares: Double = 0
    for parameter in parameters {
        guard let grad = parameter.grad else { continue }
        grad.scalars.withUnsafeBufferPointer { values in
            squares += GradientNorm.parallelSumOfSquares(values)
        }
    }
    let norm = Float(squares.squareRoot())
    let coefficient = maxNorm / (norm + 1e-6)
    if coefficient < 1 {
        for parameter in parameters {
            guard let grad = parameter.grad else { continue }
            grad.scalars.withUnsafeMutableBufferPointer { values in
                let v = values.baseAddress!
                Parallel.forEachChunk(values.count) { range in
                    for i in range { v[i] *= coefficient }
                }
            }
        }
    }
    return norm
}

/// The sum of squares behind `clipGradNorm`.
enum GradientNorm {
    /// `sumOfSquares` of block-aligned chunks on the threads, the chunks' totals added in chunk order
    /// (the same blocks as one thread's, so the result differs from it only in the Double sum's order).
    static func parallelSumOfSquares(_ values: UnsafeBufferPointer<Float>) -> Double {
        let blocks = (values.count + 4095) / 4096
        let chunks = Swift.max(1, Swift.min(Parallel.threadCount, blocks))
        if chunks == 1 || values.count < Parallel.minimumParallelWork { return sumOfSquares(values) }
        var totals = [Double](repeating: 0, count: chunks)
        totals.withUnsafeMutableBufferPointer { totalsBuffer in
            let out = totalsBuffer.baseAddress!
            Parallel.forEachChunk(chunks, costPerItem: Parallel.minimumParallelWork, threads: chunks) { range in
                for chunk in range {
                    let start = Swift.min(values.count, blocks * chunk / chunks * 4096)
                    let end = Swift.min(values.count, blocks * (chunk + 1) / chunks * 4096)
                    out[chunk] = sumOfSquares(UnsafeBufferPointer(rebasing: values[start..<end]))
                }
            }
        }
        return totals.reduce(0, +)
    }

    /// Σ vᵢ², accumulated in SIMD8<Float> over blocks of 4096 elements and in Double across blocks, so
    /// the rounding error stays that of a 4096-term Float sum however long the vector is.
    static func sumOfSquares(_ values: UnsafeBufferPointer<Float>) -> Double {
        guard let base = values.baseAddress else { return 0 }
        let count = values.count, block = 4096
        var total: Double = 0
        var start = 0
        while start < count {
            let end = Swift.min(start + block, count)
            var lanes = SIMD8<Float>()
            var i = start
            while i + 8 <= end {
                let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<Float>.self)
                lanes += v * v
                i += 8
            }
            var partial = lanes.sum()
            while i < end {
                partial += base[i] * base[i]
                i += 1
            }
            total += Double(partial)
            start = end
        }
        return total
    }
}
