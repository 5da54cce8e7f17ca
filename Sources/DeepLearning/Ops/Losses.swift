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
    let x = logits.scalars
    // Forward, per row: m = max, s = Σⱼ e^{xⱼ − m} (eⱼ stored when needed), ℓ = m + log s − x_t.
    var losses = [Float](repeating: 0, count: rows)
    var maxima = [Float](repeating: 0, count: rows)
    var inverseTotals = [Float](repeating: 0, count: rows)
    var exponentials: [Float] = []
    if needsGradient && rows * classes > 0 {
        exponentials = [Float](unsafeUninitializedCapacity: rows * classes) { buffer, initialized in
            initialized = rows * classes
        }
    }
    let storing = !exponentials.isEmpty
    x.withUnsafeBufferPointer { px in
        exponentials.withUnsafeMutableBufferPointer { pe in
            losses.withUnsafeMutableBufferPointer { pl in
                maxima.withUnsafeMutableBufferPointer { pm in
                    inverseTotals.withUnsafeMutableBufferPointer { pinv in
                        targets.withUnsafeBufferPointer { pt in
                            guard rows * classes > 0 else { return }
                            let x = px.baseAddress!, e = pe.baseAddress, t = pt.baseAddress!
                            let loss = pl.baseAddress!, maximum = pm.baseAddress!, inverse = pinv.baseAddress!
                            // (N, C) → (N) losses, (N, C) exponentials
                            Parallel.forEachChunk(rows, costPerItem: classes * 8) { range in
                                for r in range {
                                    let row = x + r * classes
                                    let m = RowKernels.maximum(row, classes)
                                    let total = storing
                                        ? RowKernels.storeExponentials(row, e! + r * classes, classes, shift: m)
                                        : RowKernels.sumOfExponentials(row, classes, shift: m)
                                    loss[r] = m + Foundation.log(total) - row[t[r]]
                                    maximum[r] = m
                                    inverse[r] = 1 / total
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    let (outShape, values): ([Int], [Float]) = {
        switch reduction {
        case .none: return ([rows], losses)
        case .sum: return ([], [losses.reduce(0, +)])
        case .mean: return ([], [losses.reduce(0, +) / Float(Swift.max(rows, 1))])
        }
    }()
    let saved = ConsumableBuffer(exponentials)
    return Tensor.result(shape: outShape, scalars: values, operation: "crossEntropy", inputs: [logits]) { g in
        // ∂xᵢⱼ = cᵢ·eᵢⱼ/sᵢ − cᵢ·[j = tᵢ], with cᵢ = gᵢ (none), g (sum) or g/N (mean).
        // The first backward rewrites the saved eᵢⱼ in place; a second one (retainGraph) recomputes them.
        var gradient = saved.take()
        if gradient.count != rows * classes {
            gradient = [Float](unsafeUninitializedCapacity: rows * classes) { buffer, initialized in
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
        let gv = g.scalars
        gradient.withUnsafeMutableBufferPointer { pg in
            inverseTotals.withUnsafeBufferPointer { pinv in
                targets.withUnsafeBufferPointer { pt in
                    guard rows * classes > 0 else { return }
                    let gx = pg.baseAddress!, inverse = pinv.baseAddress!, t = pt.baseAddress!
                    // (N, C) → (N, C), in place
                    Parallel.forEachChunk(rows, costPerItem: classes * 2) { range in
                        for r in range {
                            let c: Float
                            switch reduction {
                            case .none: c = gv[r]
                            case .sum: c = gv[0]
                            case .mean: c = gv[0] / Float(rows)
                            }
                            let row = gx + r * classes
                            RowKernels.scale(row, row, classes, by: c * inverse[r])
                            row[t[r]] -= c
                        }
                    }
                }
            }
        }
        return [Tensor(shape: [rows, classes], scalars: gradient)]
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
    let (outShape, values): ([Int], [Float]) = {
        switch reduction {
        case .none: return ([rows], losses)
        case .sum: return ([], [losses.reduce(0, +)])
        case .mean: return ([], [losses.reduce(0, +) / Float(Swift.max(rows, 1))])
        }
    }()
    return Tensor.result(shape: outShape, scalars: values, operation: "nllLoss", inputs: [logProbabilities]) { g in
        var gx = [Float](repeating: 0, count: rows * classes)
        for r in 0..<rows {
            let scale = reduction == .none ? g.scalars[r] : (reduction == .mean ? g.scalars[0] / Float(rows) : g.scalars[0])
            gx[r * classes + targets[r]] = -scale
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
