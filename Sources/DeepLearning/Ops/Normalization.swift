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
    let layout = BatchNormLayout(input.shape)
    let x = input.scalars  // (N, C, S)
    let constants = training
        ? BatchNormConstants(layout, weight: weight, bias: bias)
        : BatchNormConstants(layout, weight: weight, bias: bias, runningMean: runningMean!, runningVar: runningVar!, eps: eps)
    let y = batchNormForward(x, layout, constants, training: training, eps: eps)  // (N, C, S)
    if training {
        updateRunningStatistics(runningMean, runningVar, constants, layout, momentum: momentum)
    }
    let inputs = [input] + [weight, bias].compactMap { $0 }
    let hasWeight = weight != nil, hasBias = bias != nil
    return Tensor.result(shape: input.shape, scalars: y, operation: "batchNorm", inputs: inputs) { gradient in
        let sums = BatchNormGradientSums(channels: layout.channels)
        let gx = batchNormBackward(gradient.scalars, x, layout, constants, sums, training: training)  // (N, C, S)
        var gradients: [Tensor?] = [Tensor(shape: input.shape, scalars: gx)]
        if hasWeight { gradients.append(Tensor(shape: [layout.channels], scalars: sums.sumGXhat.array)) }  // ∂γ = Σ g·x̂
        if hasBias { gradients.append(Tensor(shape: [layout.channels], scalars: sums.sumG.array)) }  // ∂β = Σ g
        return gradients
    }
}

/// The per-channel constants of one batch normalization, C values each: μ and 1/√(σ² + ε) (the
/// batch's in training, the running ones in evaluation), and y = x·scale[c] + shift[c] with
/// scale = γ/√(σ² + ε), shift = β − μ·scale. The backward pass keeps μ, 1/√(σ² + ε) and scale.
/// Buffers, so that the channel blocks of a parallel loop write them at disjoint indices.
struct BatchNormConstants {
    let mean: FixedBuffer<Float>, variance: FixedBuffer<Float>, inverseStd: FixedBuffer<Float>
    let scale: FixedBuffer<Float>, shift: FixedBuffer<Float>
    /// γ and β (1 and 0 when absent).
    let gamma: [Float], beta: [Float]

    /// Training: μ, σ² and 1/√(σ² + ε) are filled in by the forward pass.
    init(_ layout: BatchNormLayout, weight: Tensor?, bias: Tensor?) {
        self.init(layout, weight: weight, bias: bias,
                  mean: FixedBuffer(repeating: 0, count: layout.channels),
                  inverseStd: FixedBuffer(repeating: 0, count: layout.channels))
    }

    /// Evaluation: μ and 1/√(σ² + ε) from the running statistics.
    init(_ layout: BatchNormLayout, weight: Tensor?, bias: Tensor?, runningMean: Tensor, runningVar: Tensor, eps: Float) {
        self.init(layout, weight: weight, bias: bias,
                  mean: FixedBuffer(copying: runningMean.scalars),
                  inverseStd: FixedBuffer(copying: runningVar.scalars.map { 1 / ($0 + eps).squareRoot() }))
    }

    private init(_ layout: BatchNormLayout, weight: Tensor?, bias: Tensor?, mean: FixedBuffer<Float>, inverseStd: FixedBuffer<Float>) {
        let channels = layout.channels
        self.mean = mean
        self.inverseStd = inverseStd
        variance = FixedBuffer(repeating: 0, count: channels)
        scale = FixedBuffer(repeating: 0, count: channels)
        shift = FixedBuffer(repeating: 0, count: channels)
        gamma = weight?.scalars ?? [Float](repeating: 1, count: channels)
        beta = bias?.scalars ?? [Float](repeating: 0, count: channels)
    }
}

/// Forward: y = x·scale[c] + shift[c], (N, C, S). One parallel pass over disjoint channel blocks
/// takes the statistics of a block (training) and then writes its outputs, while its x is in cache.
private func batchNormForward(
    _ x: [Float], _ layout: BatchNormLayout, _ constants: BatchNormConstants, training: Bool, eps: Float
) -> [Float] {
    [Float](unsafeUninitializedCapacity: layout.count) { buffer, initialized in
        x.withUnsafeBufferPointer { px in
            let xs = px.baseAddress!, out = buffer.baseAddress!
            NormalizationKernels.forEachChannelBlock(layout) { block in
                if training { batchStatistics(xs, layout, constants, block: block, eps: eps) }
                normalize(xs, into: out, layout, constants, block: block)
            }
        }
        initialized = layout.count
    }
}

/// Training, for the channels in `block`: μ = Σx/m, σ² = Σ(x − μ)²/m (two passes, for accuracy) and
/// 1/√(σ² + ε).
@inline(__always)
private func batchStatistics(
    _ xs: UnsafePointer<Float>, _ layout: BatchNormLayout, _ constants: BatchNormConstants, block: Range<Int>, eps: Float
) {
    let means = constants.mean.pointer, variances = constants.variance.pointer, invstd = constants.inverseStd.pointer
    let m = Float(layout.valuesPerChannel)
    NormalizationKernels.channelSums(layout, block: block, into: means,
                                     vector: { i, _ in NormalizationKernels.load(xs + i) }) { i, _ in xs[i] }
    for c in block { means[c] /= m }
    NormalizationKernels.channelSums(layout, block: block, into: variances, vector: { i, c in
        let d = NormalizationKernels.load(xs + i) - NormalizationKernels.load(means + c)
        return d * d
    }) { i, c in
        let d = xs[i] - means[c]
        return d * d
    }
    for c in block {
        variances[c] /= m
        invstd[c] = 1 / (variances[c] + eps).squareRoot()
    }
}

/// For the channels in `block`: scale = γ·invstd, shift = β − μ·scale, then y = x·scale + shift.
@inline(__always)
private func normalize(
    _ xs: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, _ layout: BatchNormLayout,
    _ constants: BatchNormConstants, block: Range<Int>
) {
    let means = constants.mean.pointer, invstd = constants.inverseStd.pointer
    let scales = constants.scale.pointer, shifts = constants.shift.pointer
    for c in block {
        scales[c] = constants.gamma[c] * invstd[c]
        shifts[c] = constants.beta[c] - means[c] * scales[c]
    }
    NormalizationKernels.perElement(layout, block: block, vector: { i, c in
        let v = NormalizationKernels.load(xs + i) * NormalizationKernels.load(scales + c) + NormalizationKernels.load(shifts + c)
        NormalizationKernels.store(v, out + i)
    }) { i, c in
        out[i] = xs[i] * scales[c] + shifts[c]
    }
}

/// Training: running statistics ← (1 − momentum)·running + momentum·batch's, in place (buffers,
/// never recorded); the variance unbiased (·m/(m − 1)).
private func updateRunningStatistics(
    _ runningMean: Tensor?, _ runningVar: Tensor?, _ constants: BatchNormConstants, _ layout: BatchNormLayout,
    momentum: Float
) {
    let channels = layout.channels, m = layout.valuesPerChannel
    if let runningMean {
        for c in 0..<channels {
            runningMean.scalars[c] = (1 - momentum) * runningMean.scalars[c] + momentum * constants.mean[c]
        }
    }
    if let runningVar {
        let correction = Float(m) / Float(m - 1)
        for c in 0..<channels {
            runningVar.scalars[c] = (1 - momentum) * runningVar.scalars[c] + momentum * constants.variance[c] * correction
        }
    }
}

/// The per-channel values of the backward pass, C each: Σg (= ∂β), Σ g·x̂ (= ∂γ), and the slope b and
/// intercept d of ∂x = a·g + b·x + d.
struct BatchNormGradientSums {
    let sumG: FixedBuffer<Float>, sumGXhat: FixedBuffer<Float>, slope: FixedBuffer<Float>, intercept: FixedBuffer<Float>

    /// All zero, for `channels` channels.
    init(channels: Int) {
        sumG = FixedBuffer(repeating: 0, count: channels)
        sumGXhat = FixedBuffer(repeating: 0, count: channels)
        slope = FixedBuffer(repeating: 0, count: channels)
        intercept = FixedBuffer(repeating: 0, count: channels)
    }
}

/// Backward: ∂x (N, C, S) from g (N, C, S), filling `sums` with Σg and Σ g·x̂ on the way. One
/// parallel pass over disjoint channel blocks.
private func batchNormBackward(
    _ g: [Float], _ x: [Float], _ layout: BatchNormLayout, _ constants: BatchNormConstants,
    _ sums: BatchNormGradientSums, training: Bool
) -> [Float] {
    [Float](unsafeUninitializedCapacity: layout.count) { buffer, initialized in
        g.withUnsafeBufferPointer { pg in
            x.withUnsafeBufferPointer { px in
                let gs = pg.baseAddress!, xs = px.baseAddress!, dx = buffer.baseAddress!
                NormalizationKernels.forEachChannelBlock(layout) { block in
                    // Σg and Σ g·(x − μ) in one pass; Σ g·x̂ = invstd·Σ g·(x − μ).
                    NormalizationKernels.gradientSums(
                        layout, block: block, g: gs, x: xs, mean: constants.mean.pointer,
                        sumG: sums.sumG.pointer, sumGCentered: sums.sumGXhat.pointer)
                    for c in block { sums.sumGXhat[c] *= constants.inverseStd[c] }
                    if training {
                        trainingInputGradient(gs, xs, into: dx, layout, constants, sums, block: block)
                    } else {
                        evaluationInputGradient(gs, into: dx, layout, constants, block: block)
                    }
                }
            }
        }
        initialized = layout.count
    }
}

/// Training, for the channels in `block`: ∂x = scale·(g − Σg/m − x̂·Σgx̂/m) = a·g + b·x + d with
/// a = scale, b = −scale·invstd·Σgx̂/m, d = −scale·Σg/m − b·μ.
@inline(__always)
private func trainingInputGradient(
    _ gs: UnsafePointer<Float>, _ xs: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>,
    _ layout: BatchNormLayout, _ constants: BatchNormConstants, _ sums: BatchNormGradientSums, block: Range<Int>
) {
    let means = constants.mean.pointer, invstd = constants.inverseStd.pointer, scales = constants.scale.pointer
    let sumG = sums.sumG.pointer, sumGXhat = sums.sumGXhat.pointer
    let slope = sums.slope.pointer, intercept = sums.intercept.pointer
    let m = Float(layout.valuesPerChannel)
    for c in block {
        slope[c] = -scales[c] * invstd[c] * sumGXhat[c] / m
        intercept[c] = -scales[c] * sumG[c] / m - slope[c] * means[c]
    }
    NormalizationKernels.perElement(layout, block: block, vector: { i, c in
        let v = NormalizationKernels.load(scales + c) * NormalizationKernels.load(gs + i)
            + NormalizationKernels.load(slope + c) * NormalizationKernels.load(xs + i) + NormalizationKernels.load(intercept + c)
        NormalizationKernels.store(v, dx + i)
    }) { i, c in
        dx[i] = scales[c] * gs[i] + slope[c] * xs[i] + intercept[c]
    }
}

/// Evaluation, for the channels in `block`: ∂x = g·scale (the statistics are constants).
@inline(__always)
private func evaluationInputGradient(
    _ gs: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>, _ layout: BatchNormLayout,
    _ constants: BatchNormConstants, block: Range<Int>
) {
    let scales = constants.scale.pointer
    NormalizationKernels.perElement(layout, block: block, vector: { i, c in
        NormalizationKernels.store(NormalizationKernels.load(gs + i) * NormalizationKernels.load(scales + c), dx + i)
    }) { i, c in
        dx[i] = gs[i] * scales[c]
    }
}
