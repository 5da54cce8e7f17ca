import Foundation

// Batch normalization (Ioffe & Szegedy), as PyTorch's `F.batch_norm`.
//
// Input x (N, C) or (N, C, L) or (N, C, H, W), read as (N, C, S) with S the product of the trailing
// sizes; statistics are per channel c over the m = N·S values x[·, c, ·].
//
// Forward (training):  μ = Σx / m,  σ² = Σ(x − μ)² / m (biased),  x̂ = (x − μ) / √(σ² + ε)
//                      y = γ·x̂ + β
//                      running mean ← (1 − momentum)·running mean + momentum·μ
//                      running var  ← (1 − momentum)·running var  + momentum·σ²·m/(m − 1) (unbiased)
// Backward (training): ∂β = Σg,  ∂γ = Σ g·x̂
//                      ∂x = γ/(m·√(σ² + ε)) · (m·g − Σg − x̂·Σ g·x̂)
// Forward (eval):      y = γ·(x − running mean)/√(running var + ε) + β
// Backward (eval):     ∂x = g·γ/√(running var + ε),  ∂γ = Σ g·x̂,  ∂β = Σg
//
// Every per-element pass is y = x·a[c] + b[c] with per-channel constants, so each runs at memory speed.

/// A shape problem in the arguments of `batchNorm`; the description names the shapes involved.
public enum NormalizationError: Error, CustomStringConvertible, Equatable {
    /// The input is not (N, C), (N, C, L) or (N, C, H, W).
    case inputRank(input: [Int])
    /// A per-channel tensor (weight, bias, running statistic) is not a vector of C values.
    case channelShape(name: String, shape: [Int], input: [Int])
    /// Training needs more than one value per channel to estimate a variance.
    case singleValuePerChannel(input: [Int])

    public var description: String {
        switch self {
        case let .inputRank(input):
            return "batchNorm: input of shape \(input) must be (N, C), (N, C, L) or (N, C, H, W)"
        case let .channelShape(name, shape, input):
            return "batchNorm: \(name) of shape \(shape) does not match input of shape \(input) (expects [\(input[1])])"
        case let .singleValuePerChannel(input):
            return "batchNorm: training needs more than one value per channel, input has shape \(input)"
        }
    }

    /// Checks the shapes of `batchNorm`'s arguments.
    static func validate(
        input: [Int], perChannel: [(String, [Int]?)], training: Bool
    ) throws(NormalizationError) {
        guard (2...4).contains(input.count) else { throw .inputRank(input: input) }
        for (name, shape) in perChannel {
            if let shape, shape != [input[1]] { throw .channelShape(name: name, shape: shape, input: input) }
        }
        if training && input.count > 0 && input.reduce(1, *) / Swift.max(input[1], 1) <= 1 {
            throw .singleValuePerChannel(input: input)
        }
    }
}

/// The per-channel loops of batch normalization over x laid out as (N, C, S).
enum NormalizationKernels {
    /// Calls `body(channels)` on disjoint channel ranges, in parallel when the work is large.
    @inline(__always)
    static func forEachChannelBlock(_ channels: Int, elements: Int, _ body: (Range<Int>) -> Void) {
        Parallel.forEachChunk(channels, costPerItem: elements / Swift.max(channels, 1), body)
    }

    /// Per-channel Σ over (n, s) of `value(i, c)`, with i = n·C·S + c·S + s the element's flat index, for
    /// c in `block`, added into `sums[c]`.
    @inline(__always)
    static func channelSums(
        batch: Int, channels: Int, spatial: Int, block: Range<Int>, into sums: UnsafeMutablePointer<Float>,
        _ value: (Int, Int) -> Float
    ) {
        if spatial == 1 {
            // (N, C): accumulate row by row so that the inner loop runs over contiguous channels.
            for n in 0..<batch {
                let row = n * channels
                for c in block { sums[c] += value(row + c, c) }
            }
        } else {
            for c in block {
                var total: Float = 0
                for n in 0..<batch {
                    let start = (n * channels + c) * spatial
                    for s in 0..<spatial { total += value(start + s, c) }
                }
                sums[c] += total
            }
        }
    }

    /// Calls `body(i, c)` for every element i whose channel c is in `block`.
    @inline(__always)
    static func perElement(
        batch: Int, channels: Int, spatial: Int, block: Range<Int>, _ body: (Int, Int) -> Void
    ) {
        if spatial == 1 {
            for n in 0..<batch {
                let row = n * channels
                for c in block { body(row + c, c) }
            }
        } else {
            for n in 0..<batch {
                for c in block {
                    let start = (n * channels + c) * spatial
                    for s in 0..<spatial { body(start + s, c) }
                }
            }
        }
    }
}

/// Batch normalization, PyTorch's `F.batch_norm`.
///
/// - Parameters:
///   - input: (N, C), (N, C, L) or (N, C, H, W).
///   - runningMean, runningVar: (C) buffers. In training they are updated in place (the variance with the
///     unbiased estimate); in evaluation they are what the input is normalized with.
///   - weight, bias: (C) affine parameters γ and β, or `nil` for γ = 1, β = 0.
///   - training: normalize with the batch's own statistics (biased variance) and update the running ones.
///   - momentum: weight of the new batch in the running statistics.
///   - eps: added to the variance before the square root.
public func batchNorm(
    _ input: Tensor, runningMean: Tensor?, runningVar: Tensor?, weight: Tensor? = nil, bias: Tensor? = nil,
    training: Bool, momentum: Float = 0.1, eps: Float = 1e-5
) -> Tensor {
    do {
        try NormalizationError.validate(
            input: input.shape,
            perChannel: [("runningMean", runningMean?.shape), ("runningVar", runningVar?.shape),
                         ("weight", weight?.shape), ("bias", bias?.shape)],
            training: training)
    } catch {
        preconditionFailure(error.description)
    }
    precondition(
        training || (runningMean != nil && runningVar != nil),
        "batchNorm: evaluation needs runningMean and runningVar (or training: true)")
    let shape = input.shape
    let n = shape[0], channels = shape[1], spatial = shape.dropFirst(2).reduce(1, *)
    let m = n * spatial, count = input.count
    let x = input.scalars
    let gamma = weight?.scalars ?? [Float](repeating: 1, count: channels)
    let beta = bias?.scalars ?? [Float](repeating: 0, count: channels)

    // Per-channel mean μ and inverse standard deviation 1/√(σ² + ε) used to normalize.
    var mean = [Float](repeating: 0, count: channels)
    var inverseStd = [Float](repeating: 0, count: channels)
    if training {
        var variance = [Float](repeating: 0, count: channels)
        x.withUnsafeBufferPointer { px in
            mean.withUnsafeMutableBufferPointer { pm in
                variance.withUnsafeMutableBufferPointer { pv in
                    let xs = px.baseAddress!, means = pm.baseAddress!, variances = pv.baseAddress!
                    NormalizationKernels.forEachChannelBlock(channels, elements: count) { block in
                        // Two passes (mean, then squared deviations) for accuracy.
                        NormalizationKernels.channelSums(batch: n, channels: channels, spatial: spatial, block: block, into: means) { i, _ in xs[i] }
                        for c in block { means[c] /= Float(m) }
                        if spatial == 1 {
                            for row in 0..<n {
                                for c in block {
                                    let d = xs[row * channels + c] - means[c]
                                    variances[c] += d * d
                                }
                            }
                        } else {
                            for c in block {
                                let mu = means[c]
                                var total: Float = 0
                                for row in 0..<n {
                                    let start = (row * channels + c) * spatial
                                    for s in 0..<spatial {
                                        let d = xs[start + s] - mu
                                        total += d * d
                                    }
                                }
                                variances[c] = total
                            }
                        }
                        for c in block { variances[c] /= Float(m) }
                    }
                }
            }
        }
        for c in 0..<channels { inverseStd[c] = 1 / (variance[c] + eps).squareRoot() }
        // Running statistics, in place (buffers, never recorded).
        if let runningMean {
            for c in 0..<channels { runningMean.scalars[c] = (1 - momentum) * runningMean.scalars[c] + momentum * mean[c] }
        }
        if let runningVar {
            let correction = Float(m) / Float(m - 1)
            for c in 0..<channels {
                runningVar.scalars[c] = (1 - momentum) * runningVar.scalars[c] + momentum * variance[c] * correction
            }
        }
    } else {
        mean = runningMean!.scalars
        for c in 0..<channels { inverseStd[c] = 1 / (runningVar!.scalars[c] + eps).squareRoot() }
    }

    // y = x·scale[c] + shift[c], scale = γ/√(σ² + ε), shift = β − μ·scale
    let scale = (0..<channels).map { gamma[$0] * inverseStd[$0] }
    let shift = (0..<channels).map { beta[$0] - mean[$0] * scale[$0] }
    let y = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        x.withUnsafeBufferPointer { px in
            let out = buffer.baseAddress!, xs = px.baseAddress!
            NormalizationKernels.forEachChannelBlock(channels, elements: count) { block in
                NormalizationKernels.perElement(batch: n, channels: channels, spatial: spatial, block: block) { i, c in
                    out[i] = xs[i] * scale[c] + shift[c]
                }
            }
        }
        initialized = count
    }

    let inputs = [input] + [weight, bias].compactMap { $0 }
    let hasWeight = weight != nil, hasBias = bias != nil
    return Tensor.result(shape: shape, scalars: y, operation: "batchNorm", inputs: inputs) { gradient in
        let g = gradient.scalars
        // Σg and Σ g·x̂ per channel, with x̂ = (x − μ)·invstd.
        var sumG = [Float](repeating: 0, count: channels)
        var sumGXhat = [Float](repeating: 0, count: channels)
        var gx = [Float](repeating: 0, count: count)
        g.withUnsafeBufferPointer { pg in
            x.withUnsafeBufferPointer { px in
                sumG.withUnsafeMutableBufferPointer { psg in
                    sumGXhat.withUnsafeMutableBufferPointer { psgx in
                        gx.withUnsafeMutableBufferPointer { pgx in
                            let gs = pg.baseAddress!, xs = px.baseAddress!, dx = pgx.baseAddress!
                            let sg = psg.baseAddress!, sgx = psgx.baseAddress!
                            NormalizationKernels.forEachChannelBlock(channels, elements: count) { block in
                                NormalizationKernels.channelSums(batch: n, channels: channels, spatial: spatial, block: block, into: sg) { i, _ in gs[i] }
                                // Σ g·(x − μ), scaled by invstd afterwards.
                                NormalizationKernels.channelSums(batch: n, channels: channels, spatial: spatial, block: block, into: sgx) { i, c in
                                    gs[i] * (xs[i] - mean[c])
                                }
                                for c in block { sgx[c] *= inverseStd[c] }
                                if training {
                                    // ∂x = scale·(g − Σg/m − x̂·Σgx̂/m) = a·g + b·x + d per channel:
                                    // a = scale, b = −scale·invstd·Σgx̂/m, d = −scale·Σg/m − b·μ
                                    var a = [Float](repeating: 0, count: block.count)
                                    var b = a, d = a
                                    for c in block {
                                        let k = c - block.lowerBound
                                        a[k] = scale[c]
                                        b[k] = -scale[c] * inverseStd[c] * sgx[c] / Float(m)
                                        d[k] = -scale[c] * sg[c] / Float(m) - b[k] * mean[c]
                                    }
                                    let offset = block.lowerBound
                                    NormalizationKernels.perElement(batch: n, channels: channels, spatial: spatial, block: block) { i, c in
                                        dx[i] = a[c - offset] * gs[i] + b[c - offset] * xs[i] + d[c - offset]
                                    }
                                } else {
                                    // ∂x = g·scale (the statistics are constants)
                                    NormalizationKernels.perElement(batch: n, channels: channels, spatial: spatial, block: block) { i, c in
                                        dx[i] = gs[i] * scale[c]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var gradients: [Tensor?] = [Tensor(shape: shape, scalars: gx)]
        if hasWeight { gradients.append(Tensor(shape: [channels], scalars: sumGXhat)) }  // ∂γ = Σ g·x̂
        if hasBias { gradients.append(Tensor(shape: [channels], scalars: sumG)) }  // ∂β = Σ g
        return gradients
    }
}
