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
//
// Speed (256×512, training, forward + backward, folio-bench at 1 thread, loaded 2-core machine): after the
// SIMD8 loops about 1.1 ms, of which about 0.8 ms is page faults: y and ∂x (512 KB each) are fresh
// allocations that glibc's malloc hands back to the kernel after every step (≈227 faults per step).
// With GLIBC_TUNABLES=glibc.malloc.trim_threshold=67108864:glibc.malloc.mmap_threshold=33554432 the same
// binary takes 0.28–0.35 ms; that setting belongs to the process (bench, chapter program), not to an op.

/// A shape problem in the arguments of `batchNorm`; the description names the shapes involved.
public enum NormalizationError: Error, CustomStringConvertible, Equatable {
    /// The input is not (N, C), (N, C, L) or (N, C, H, W).
    case inputRank(input: [Int])
    /// A per-channel tensor (weight, bias, running statistic) is not a vector of C values.
    case channelShape(name: String, shape: [Int], input: [Int])
    /// Training needs more than one value per channel to estimate a variance.
    case singleValuePerChannel(input: [Int])

    /// What is wrong, naming the shapes.
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
///
/// For (N, C) (S = 1) channels are contiguous in memory, so the loops run 8 channels at a time on
/// `SIMD8<Float>`: with plain pointer loops the compiler cannot rule out that the sums alias the input
/// and keeps them scalar (measured: scalar load-add-store per element in the release build).
enum NormalizationKernels {
    typealias Vector = SIMD8<Float>

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Vector { UnsafeRawPointer(p).loadUnaligned(as: Vector.self) }

    @inline(__always)
    static func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
    }

    /// Calls `body(channels)` on disjoint channel ranges, in parallel when the work is large.
    @inline(__always)
    static func forEachChannelBlock(_ channels: Int, elements: Int, _ body: (Range<Int>) -> Void) {
        Parallel.forEachChunk(channels, costPerItem: elements / Swift.max(channels, 1), body)
    }

    /// Per-channel Σ over (n, s) of `value(i, c)`, with i = n·C·S + c·S + s the element's flat index, for
    /// c in `block`, added into `sums[c]`. For S = 1, `vector(i, c)` gives the 8 values of channels
    /// c..<c+8 at elements i..<i+8 (the same as `value` lane by lane).
    @inline(__always)
    static func channelSums(
        batch: Int, channels: Int, spatial: Int, block: Range<Int>, into sums: UnsafeMutablePointer<Float>,
        vector: (Int, Int) -> Vector, _ value: (Int, Int) -> Float
    ) {
        if spatial == 1 {
            // (N, C): a strip of 8 channels, down the rows, summed in a register.
            var c = block.lowerBound
            while c + 8 <= block.upperBound {
                var total = Vector()
                for n in 0..<batch { total += vector(n * channels + c, c) }
                store(load(sums + c) + total, sums + c)
                c += 8
            }
            for c in c..<block.upperBound {
                var total: Float = 0
                for n in 0..<batch { total += value(n * channels + c, c) }
                sums[c] += total
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

    /// Per-channel Σ g and Σ g·(x − μ[c]) over (n, s), for c in `block`, added into `sumG[c]` and
    /// `sumGCentered[c]`: the two sums of the backward pass in one read of g and x.
    @inline(__always)
    static func gradientSums(
        batch: Int, channels: Int, spatial: Int, block: Range<Int>,
        g: UnsafePointer<Float>, x: UnsafePointer<Float>, mean: UnsafePointer<Float>,
        sumG: UnsafeMutablePointer<Float>, sumGCentered: UnsafeMutablePointer<Float>
    ) {
        if spatial == 1 {
            // (N, C): a strip of 8 channels, down the rows, both sums in registers.
            var c = block.lowerBound
            while c + 8 <= block.upperBound {
                let mu = load(mean + c)
                var totalG = Vector(), totalGCentered = Vector()
                for n in 0..<batch {
                    let i = n * channels + c
                    let gi = load(g + i)
                    totalG += gi
                    totalGCentered += gi * (load(x + i) - mu)
                }
                store(load(sumG + c) + totalG, sumG + c)
                store(load(sumGCentered + c) + totalGCentered, sumGCentered + c)
                c += 8
            }
            for c in c..<block.upperBound {
                var totalG: Float = 0, totalGCentered: Float = 0
                for n in 0..<batch {
                    let gi = g[n * channels + c]
                    totalG += gi
                    totalGCentered += gi * (x[n * channels + c] - mean[c])
                }
                sumG[c] += totalG
                sumGCentered[c] += totalGCentered
            }
        } else {
            for c in block {
                var totalG: Float = 0, totalGCentered: Float = 0
                let mu = mean[c]
                for n in 0..<batch {
                    let start = (n * channels + c) * spatial
                    for s in 0..<spatial {
                        let gi = g[start + s]
                        totalG += gi
                        totalGCentered += gi * (x[start + s] - mu)
                    }
                }
                sumG[c] += totalG
                sumGCentered[c] += totalGCentered
            }
        }
    }

    /// Calls `body(i, c)` for every element i whose channel c is in `block`. For S = 1, `vector(i, c)`
    /// handles the 8 elements i..<i+8 of channels c..<c+8 at once.
    @inline(__always)
    static func perElement(
        batch: Int, channels: Int, spatial: Int, block: Range<Int>,
        vector: (Int, Int) -> Void, _ body: (Int, Int) -> Void
    ) {
        if spatial == 1 {
            for n in 0..<batch {
                let row = n * channels
                var c = block.lowerBound
                while c + 8 <= block.upperBound {
                    vector(row + c, c)
                    c += 8
                }
                for c in c..<block.upperBound { body(row + c, c) }
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
///   - runningMean: (C) buffer. In training it is updated in place; in evaluation it is the mean the
///     input is normalized with.
///   - runningVar: (C) buffer, like `runningMean` for the variance (updated with the unbiased estimate).
///   - weight: (C) affine scale γ, or `nil` for γ = 1.
///   - bias: (C) affine shift β, or `nil` for β = 0.
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

    // Per channel: μ and 1/√(σ² + ε) (the batch's in training, the running ones in evaluation), then
    // y = x·scale[c] + shift[c] with scale = γ/√(σ² + ε), shift = β − μ·scale. One parallel pass over
    // disjoint channel blocks computes the statistics of a block and then writes its outputs.
    var mean = training ? [Float](repeating: 0, count: channels) : runningMean!.scalars
    var inverseStd = training
        ? [Float](repeating: 0, count: channels)
        : runningVar!.scalars.map { 1 / ($0 + eps).squareRoot() }
    var variance = [Float](repeating: 0, count: channels)
    var scale = [Float](repeating: 0, count: channels)
    var shift = [Float](repeating: 0, count: channels)
    let y = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        x.withUnsafeBufferPointer { px in
            mean.withUnsafeMutableBufferPointer { pm in
                variance.withUnsafeMutableBufferPointer { pv in
                    inverseStd.withUnsafeMutableBufferPointer { pi in
                        scale.withUnsafeMutableBufferPointer { ps in
                            shift.withUnsafeMutableBufferPointer { pt in
                                let out = buffer.baseAddress!, xs = px.baseAddress!
                                let means = pm.baseAddress!, variances = pv.baseAddress!, invstd = pi.baseAddress!
                                let scales = ps.baseAddress!, shifts = pt.baseAddress!
                                NormalizationKernels.forEachChannelBlock(channels, elements: count) { block in
                                    if training {
                                        // Two passes (mean, then squared deviations) for accuracy.
                                        NormalizationKernels.channelSums(batch: n, channels: channels, spatial: spatial, block: block, into: means,
                                                                                       vector: { i, _ in NormalizationKernels.load(xs + i) }) { i, _ in xs[i] }
                                        for c in block { means[c] /= Float(m) }
                                        NormalizationKernels.channelSums(batch: n, channels: channels, spatial: spatial, block: block, into: variances,
                                            vector: { i, c in
                                                let d = NormalizationKernels.load(xs + i) - NormalizationKernels.load(means + c)
                                                return d * d
                                            }) { i, c in
                                            let d = xs[i] - means[c]
                                            return d * d
                                        }
                                        for c in block {
                                            variances[c] /= Float(m)
                                            invstd[c] = 1 / (variances[c] + eps).squareRoot()
                                        }
                                    }
                                    for c in block {
                                        scales[c] = gamma[c] * invstd[c]
                                        shifts[c] = beta[c] - means[c] * scales[c]
                                    }
                                    NormalizationKernels.perElement(batch: n, channels: channels, spatial: spatial, block: block,
                                                                        vector: { i, c in
                                        let v = NormalizationKernels.load(xs + i) * NormalizationKernels.load(scales + c) + NormalizationKernels.load(shifts + c)
                                        NormalizationKernels.store(v, out + i)
                                    }) { i, c in
                                        out[i] = xs[i] * scales[c] + shifts[c]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        initialized = count
    }
    if training {
        // Running statistics, in place (buffers, never recorded); the variance unbiased.
        if let runningMean {
            for c in 0..<channels { runningMean.scalars[c] = (1 - momentum) * runningMean.scalars[c] + momentum * mean[c] }
        }
        if let runningVar {
            let correction = Float(m) / Float(m - 1)
            for c in 0..<channels {
                runningVar.scalars[c] = (1 - momentum) * runningVar.scalars[c] + momentum * variance[c] * correction
            }
        }
    }

    let inputs = [input] + [weight, bias].compactMap { $0 }
    let hasWeight = weight != nil, hasBias = bias != nil
    // Backward: the per-channel constants the closure needs, in one buffer of 3·C: μ, 1/√(σ² + ε), scale.
    let saved = mean + inverseStd + scale
    return Tensor.result(shape: shape, scalars: y, operation: "batchNorm", inputs: inputs) { gradient in
        let g = gradient.scalars  // (N, C, S)
        // Per channel (4·C): Σg (= ∂β), Σ g·x̂ (= ∂γ), and the b, d of ∂x = a·g + b·x + d.
        var perChannel = [Float](repeating: 0, count: 4 * channels)
        let gx = [Float](unsafeUninitializedCapacity: count) { pgx, initialized in  // (N, C, S)
            g.withUnsafeBufferPointer { pg in
                x.withUnsafeBufferPointer { px in
                    saved.withUnsafeBufferPointer { psaved in
                        perChannel.withUnsafeMutableBufferPointer { pchannel in
                            let gs = pg.baseAddress!, xs = px.baseAddress!, dx = pgx.baseAddress!
                            let means = psaved.baseAddress!, invstd = means + channels, scales = invstd + channels
                            let sumG = pchannel.baseAddress!, sumGXhat = sumG + channels
                            let slope = sumGXhat + channels, intercept = slope + channels
                            NormalizationKernels.forEachChannelBlock(channels, elements: count) { block in
                                // Σg and Σ g·(x − μ) in one pass; Σ g·x̂ = invstd·Σ g·(x − μ).
                                NormalizationKernels.gradientSums(
                                    batch: n, channels: channels, spatial: spatial, block: block,
                                    g: gs, x: xs, mean: means, sumG: sumG, sumGCentered: sumGXhat)
                                for c in block { sumGXhat[c] *= invstd[c] }
                                if training {
                                    // ∂x = scale·(g − Σg/m − x̂·Σgx̂/m) = a·g + b·x + d per channel:
                                    // a = scale, b = −scale·invstd·Σgx̂/m, d = −scale·Σg/m − b·μ
                                    for c in block {
                                        slope[c] = -scales[c] * invstd[c] * sumGXhat[c] / Float(m)
                                        intercept[c] = -scales[c] * sumG[c] / Float(m) - slope[c] * means[c]
                                    }
                                    NormalizationKernels.perElement(batch: n, channels: channels, spatial: spatial, block: block,
                                                                        vector: { i, c in
                                        let v = NormalizationKernels.load(scales + c) * NormalizationKernels.load(gs + i)
                                            + NormalizationKernels.load(slope + c) * NormalizationKernels.load(xs + i) + NormalizationKernels.load(intercept + c)
                                        NormalizationKernels.store(v, dx + i)
                                    }) { i, c in
                                        dx[i] = scales[c] * gs[i] + slope[c] * xs[i] + intercept[c]
                                    }
                                } else {
                                    // ∂x = g·scale (the statistics are constants)
                                    NormalizationKernels.perElement(batch: n, channels: channels, spatial: spatial, block: block,
                                                                        vector: { i, c in
                                        NormalizationKernels.store(NormalizationKernels.load(gs + i) * NormalizationKernels.load(scales + c), dx + i)
                                    }) { i, c in
                                        dx[i] = gs[i] * scales[c]
                                    }
                                }
                            }
                        }
                    }
                }
            }
            initialized = count
        }
        var gradients: [Tensor?] = [Tensor(shape: shape, scalars: gx)]
        if hasWeight { gradients.append(Tensor(shape: [channels], scalars: Array(perChannel[channels..<(2 * channels)]))) }  // ∂γ = Σ g·x̂
        if hasBias { gradients.append(Tensor(shape: [channels], scalars: Array(perChannel[0..<channels]))) }  // ∂β = Σ g
        return gradients
    }
}
