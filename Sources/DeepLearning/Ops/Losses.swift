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
public func crossEntropy(_ logits: Tensor, _ targets: [Int], reduction: Reduction = .mean) -> Tensor {
    precondition(logits.rank == 2, "crossEntropy expects logits of shape (N, C), got \(logits.shape)")
    let rows = logits.shape[0], classes = logits.shape[1]
    precondition(
        targets.count == rows, "crossEntropy: logits of shape \(logits.shape) but \(targets.count) targets")
    for t in targets {
        precondition(t >= 0 && t < classes, "crossEntropy: target \(t) is out of range for \(classes) classes")
    }
    // Forward keeps softmax (not log-probabilities) for the backward pass.
    var losses = [Float](repeating: 0, count: rows)
    let probabilities = losses.withUnsafeMutableBufferPointer { lossBuffer in
        let lossPointer = lossBuffer.baseAddress!
        return targets.withUnsafeBufferPointer { pt in
            let t = pt.baseAddress!
            return Tensor.rowwiseIndexed(logits.scalars, rows: rows, n: classes) { r, x, y, n in
                let (maximum, _) = Tensor.rowMax(x, n)
                let total = Tensor.expShifted(x, y, n, by: maximum)
                lossPointer[r] = maximum + Foundation.log(total) - x[t[r]]
                let scale = 1 / total
                for j in 0..<n { y[j] *= scale }
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
    return Tensor.result(shape: outShape, scalars: values, operation: "crossEntropy", inputs: [logits]) { g in
        let gv = g.scalars
        var gx = probabilities
        gx.withUnsafeMutableBufferPointer { buffer in
            let p = buffer.baseAddress!
            Parallel.forEachChunk(rows, costPerItem: classes) { range in
                for r in range {
                    let scale = reduction == .none ? gv[r] : (reduction == .mean ? gv[0] / Float(rows) : gv[0])
                    let row = p + r * classes
                    row[targets[r]] -= 1
                    for j in 0..<classes { row[j] *= scale }
                }
            }
        }
        return [Tensor(shape: [rows, classes], scalars: gx)]
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

extension Tensor {
    /// Like `rowwise`, passing the row index too.
    @inline(__always)
    static func rowwiseIndexed(
        _ input: [Float], rows: Int, n: Int,
        _ body: (Int, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
    ) -> [Float] {
        if rows * n == 0 { return [] }
        return [Float](unsafeUninitializedCapacity: rows * n) { out, initialized in
            input.withUnsafeBufferPointer { px in
                let x = px.baseAddress!, y = out.baseAddress!
                Parallel.forEachChunk(rows, costPerItem: n * 8) { range in
                    for r in range { body(r, x + r * n, y + r * n, n) }
                }
            }
            initialized = rows * n
        }
    }
}
