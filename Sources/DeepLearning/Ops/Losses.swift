import Foundation

/// How a loss combines the per-sample values, as PyTorch's `reduction=` argument.
public enum Reduction: Sendable {
    /// The average over samples (PyTorch's default).
    case mean
    /// The total over samples.
    case sum
    /// One value per sample.
    case none
}

/// Cross-entropy of class scores against class indices, fused and numerically stable (`F.cross_entropy`).
///
/// Shapes: logits (N, C), targets N indices in 0..<C → scalar (or (N) with `.none`).
/// Forward: ℓᵢ = log Σⱼ e^{xᵢⱼ} − xᵢ,tᵢ computed as m + log Σⱼ e^{xᵢⱼ − m} − xᵢ,tᵢ.
/// Backward: ∂xᵢⱼ = gᵢ·(softmax(xᵢ)ⱼ − [j = tᵢ]) (gᵢ = g/N for the mean).
///
/// Cost per row (`RowKernels`): forward is one max pass and one exp pass, which stores eⱼ = e^{xⱼ − m}
/// only when a gradient will be needed; backward is one scaling pass done in place over the stored
/// eⱼ, so the gradient takes over their buffer and nothing (N, C)-sized is allocated or copied.
public func crossEntropy(_ logits: Tensor, _ targets: [Int], reduction: Reduction = .mean) -> Tensor {
    precondition(logits.rank == 2, "crossEntropy expects logits of shape (N, C), got \(logits.shape)")
    let rows = logits.shape[0], classes = logits.shape[1]
    precondition(
        targets.count == rows, "crossEntropy: logits of shape \(logits.shape) but \(targets.count) targets")
    for t in targets {
        precondition(t >= 0 && t < classes, "crossEntropy: target \(t) is out of range for \(classes) classes")
    }
    let needsGradient = GradientMode.isEnabled && logits.requiresGrad
    let x = logits.scalars  // (N, C)
    let forward = CrossEntropyRows(x, targets, rows: rows, classes: classes, storingExponentials: needsGradient)
    let (outShape, values) = reduced(forward.losses.array, reduction)
    let saved = ConsumableBuffer(forward.exponentials)
    let maxima = forward.maxima, inverseTotals = forward.inverseTotals
    return Tensor.result(shape: outShape, scalars: values, operation: "crossEntropy", inputs: [logits]) { g in
        // The first backward rewrites the saved eᵢⱼ in place; a second one (retainGraph) recomputes them.
        var gradient = saved.take()  // (N, C)
        if gradient.count != rows * classes {
            gradient = rowExponentials(x, maxima: maxima, rows: rows, classes: classes)
        }
        crossEntropyGradient(
            inPlace: &gradient, inverseTotals: inverseTotals, targets: targets, outputGradient: g.scalars,
            reduction: reduction, rows: rows, classes: classes)
        return [Tensor(shape: [rows, classes], scalars: gradient)]
    }
}

/// The forward pass of `crossEntropy`, per row of x (N, C): m = max, s = Σⱼ e^{xⱼ − m} (with eⱼ
/// stored when a gradient will be needed), ℓ = m + log s − x_t.
private struct CrossEntropyRows {
    /// (N): ℓ per row.
    let losses: FixedBuffer<Float>
    /// (N): m and 1/s per row, which the backward pass needs.
    let maxima: FixedBuffer<Float>, inverseTotals: FixedBuffer<Float>
    /// (N, C): eᵢⱼ = e^{xᵢⱼ − mᵢ}, or empty when not stored.
    let exponentials: [Float]

    init(_ x: [Float], _ targets: [Int], rows: Int, classes: Int, storingExponentials: Bool) {
        let losses = FixedBuffer<Float>(repeating: 0, count: rows)
        let maxima = FixedBuffer<Float>(repeating: 0, count: rows)
        let inverseTotals = FixedBuffer<Float>(repeating: 0, count: rows)
        var exponentials: [Float] = []
        if storingExponentials && rows * classes > 0 {
            exponentials = [Float](unsafeUninitializedCapacity: rows * classes) { _, initialized in
                initialized = rows * classes
            }
        }
        let storing = !exponentials.isEmpty
        x.withUnsafeBufferPointer { px in
            exponentials.withUnsafeMutableBufferPointer { pe in
                guard rows * classes > 0 else { return }
                let x = px.baseAddress!, e = pe.baseAddress
                Parallel.forEachChunk(rows, costPerItem: classes * 8) { range in
                    for r in range {
                        let row = x + r * classes
                        let m = RowKernels.maximum(row, classes)
                        let total = storing
                            ? RowKernels.storeExponentials(row, e! + r * classes, classes, shift: m)
                            : RowKernels.sumOfExponentials(row, classes, shift: m)
                        losses[r] = m + Foundation.log(total) - row[targets[r]]
                        maxima[r] = m
                        inverseTotals[r] = 1 / total
                    }
                }
            }
        }
        self.losses = losses
        self.maxima = maxima
        self.inverseTotals = inverseTotals
        self.exponentials = exponentials
    }
}

/// (N, C): eᵢⱼ = e^{xᵢⱼ − mᵢ} again, for a backward pass that finds the saved ones already used.
private func rowExponentials(_ x: [Float], maxima: FixedBuffer<Float>, rows: Int, classes: Int) -> [Float] {
    [Float](unsafeUninitializedCapacity: rows * classes) { buffer, initialized in
        x.withUnsafeBufferPointer { px in
            guard rows * classes > 0 else { return }
            let x = px.baseAddress!, e = buffer.baseAddress!
            Parallel.forEachChunk(rows, costPerItem: classes * 8) { range in
                for r in range {
                    _ = RowKernels.storeExponentials(x + r * classes, e + r * classes, classes, shift: maxima[r])
                }
            }
        }
        initialized = rows * classes
    }
}

/// Turns eᵢⱼ (N, C) into ∂xᵢⱼ = cᵢ·eᵢⱼ/sᵢ − cᵢ·[j = tᵢ] in place, cᵢ the output gradient's share of row i.
private func crossEntropyGradient(
    inPlace gradient: inout [Float], inverseTotals: FixedBuffer<Float>, targets: [Int], outputGradient gv: [Float],
    reduction: Reduction, rows: Int, classes: Int
) {
    gradient.withUnsafeMutableBufferPointer { pg in
        guard rows * classes > 0 else { return }
        let gx = pg.baseAddress!
        Parallel.forEachChunk(rows, costPerItem: classes * 2) { range in
            for r in range {
                let c = rowGradientScale(gv, row: r, rows: rows, reduction)
                let row = gx + r * classes
                RowKernels.scale(row, row, classes, by: c * inverseTotals[r])
                row[targets[r]] -= c
            }
        }
    }
}

/// A loss's output shape and values from the per-sample losses: (N) for `.none`, a scalar otherwise.
private func reduced(_ losses: [Float], _ reduction: Reduction) -> ([Int], [Float]) {
    switch reduction {
    case .none: return ([losses.count], losses)
    case .sum: return ([], [losses.reduce(0, +)])
    case .mean: return ([], [losses.reduce(0, +) / Float(Swift.max(losses.count, 1))])
    }
}

/// The part of the output gradient g that reaches sample `row` of `rows`: gᵣ (none), g (sum) or g/N (mean).
@inline(__always)
private func rowGradientScale(_ g: [Float], row: Int, rows: Int, _ reduction: Reduction) -> Float {
    switch reduction {
    case .none: return g[row]
    case .sum: return g[0]
    case .mean: return g[0] / Float(rows)
    }
}

/// An array a backward closure hands over once: `take()` returns it and leaves the holder empty, so
/// the caller owns the only reference and can rewrite it in place without a copy.
private final class ConsumableBuffer: @unchecked Sendable {
    private var values: [Float]

    init(_ values: [Float]) { self.values = values }

    /// The held array (empty after the first call).
    func take() -> [Float] {
        defer { values = [] }
        return values
    }
}

/// Cross-entropy with the class indices given as a tensor of whole numbers.
public func crossEntropy(_ logits: Tensor, _ targets: Tensor, reduction: Reduction = .mean) -> Tensor {
    crossEntropy(logits, targets.scalars.map { Int($0) }, reduction: reduction)
}

/// Negative log-likelihood of log-probabilities at the target classes (`F.nll_loss`).
///
/// Shapes: logProbabilities (N, C), targets N indices → scalar (or (N) with `.none`).
/// Backward: ∂xᵢ,tᵢ = −gᵢ, zero elsewhere.
public func nllLoss(_ logProbabilities: Tensor, _ targets: [Int], reduction: Reduction = .mean) -> Tensor {
    precondition(logProbabilities.rank == 2, "nllLoss expects (N, C) log-probabilities, got \(logProbabilities.shape)")
    let rows = logProbabilities.shape[0], classes = logProbabilities.shape[1]
    precondition(targets.count == rows, "nllLoss: input of shape \(logProbabilities.shape) but \(targets.count) targets")
    let x = logProbabilities.scalars
    let losses = (0..<rows).map { r -> Float in
        precondition(targets[r] >= 0 && targets[r] < classes, "nllLoss: target \(targets[r]) is out of range for \(classes) classes")
        return -x[r * classes + targets[r]]
    }
    let (outShape, values) = reduced(losses, reduction)
    return Tensor.result(shape: outShape, scalars: values, operation: "nllLoss", inputs: [logProbabilities]) { g in
        var gx = [Float](repeating: 0, count: rows * classes)
        let gv = g.scalars
        for r in 0..<rows {
            gx[r * classes + targets[r]] = -rowGradientScale(gv, row: r, rows: rows, reduction)
        }
        return [Tensor(shape: [rows, classes], scalars: gx)]
    }
}

/// Negative log-likelihood with the class indices given as a tensor of whole numbers.
public func nllLoss(_ logProbabilities: Tensor, _ targets: Tensor, reduction: Reduction = .mean) -> Tensor {
    nllLoss(logProbabilities, targets.scalars.map { Int($0) }, reduction: reduction)
}

/// Mean squared error (`F.mse_loss`): the reduction of (input − target)². Shapes must match.
public func mseLoss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) -> Tensor {
    precondition(input.shape == target.shape, "mseLoss: input of shape \(input.shape) and target of shape \(target.shape) differ")
    let difference = input - target
    let squared = difference * difference
    switch reduction {
    case .none: return squared
    case .sum: return squared.sum()
    case .mean: return squared.mean()
    }
}
