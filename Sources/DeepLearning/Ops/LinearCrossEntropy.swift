import Foundation

/// The mean cross-entropy of linear class scores, `crossEntropy(linear(input, weight, bias), targets)`,
/// computed a block of rows at a time so that the (R, V) scores are never held whole when R is large:
/// a language model's decoder and loss in one pass (the two separate operations stream the scores of
/// 700 tokens over 10,000 words, 28 MB, through memory six times).
///
/// Shapes: input (R, I), weight (V, I), bias (V) or nil, targets R indices in 0..<V → scalar.
/// Per block of rows b:  Z_b = X_b·Wᵀ + b;  ℓᵣ = m + log Σⱼ e^{zⱼ − m} − z_t (m = max z, per row);
/// without a gradient (evaluation), the vocabulary in blocks instead (`runLossOnly`);
/// when a gradient is needed, at once: G_b = (softmax(Z_b) − onehot(t))/R,
///   ∂X_b = G_b·W,   ∂W += G_bᵀ·X_b,   ∂b += Σ_rows G_b;
/// backward only scales these by the incoming gradient, in place. The same values as the two
/// operations up to the order of the sums of ∂W and ∂b over blocks.
public func linearCrossEntropy(_ input: Tensor, weight: Tensor, bias: Tensor?, targets: [Int]) -> Tensor {
    linearCrossEntropy(
        input, weight: weight, bias: bias, targets: targets,
        rowsPerBlock: linearCrossEntropyBlockRows(classes: weight.shape[0]))
}

/// The block height of `linearCrossEntropy`: blocks of scores up to 4 Mi floats (16 MB), at least 128
/// rows. Each block's three products pack W (V × I) again for OpenBLAS, so the fewer blocks the better
/// (the packing of W in 128-row blocks was 14% of a language-model training step); a 10,000-word
/// vocabulary gets 419 rows, so a batch-parallel worker's 350 rows are one block.
func linearCrossEntropyBlockRows(classes: Int) -> Int {
    Swift.max(128, (4 << 20) / Swift.max(classes, 1))
}

/// `linearCrossEntropy` with the block height chosen, and the block width of the loss-only pass
/// (tests use small blocks to cross block edges).
func linearCrossEntropy(
    _ input: Tensor, weight: Tensor, bias: Tensor?, targets: [Int], rowsPerBlock: Int, classesPerBlock: Int? = nil
) -> Tensor {
    let sizes = LinearCrossEntropySizes(input: input, weight: weight, bias: bias, targets: targets)
    let needsGradient = GradientMode.isEnabled
        && (input.requiresGrad || weight.requiresGrad || bias?.requiresGrad == true)
    var pass = LinearCrossEntropyPass(sizes: sizes, withGradients: needsGradient)
    input.scalars.withUnsafeBufferPointer { x in
        weight.scalars.withUnsafeBufferPointer { w in
            (bias?.scalars ?? []).withUnsafeBufferPointer { b in
                targets.withUnsafeBufferPointer { t in
                    pass.run(
                        x: x.baseAddress!, w: w.baseAddress!, b: bias == nil ? nil : b.baseAddress!,
                        targets: t.baseAddress!, rowsPerBlock: rowsPerBlock, classesPerBlock: classesPerBlock)
                }
            }
        }
    }
    let mean = pass.losses.reduce(0, +) / Float(sizes.rows)
    let inputs = [input, weight] + (bias.map { [$0] } ?? [])
    let gradients = pass.takeGradients()
    let (inputShape, weightShape, hasBias) = (input.shape, weight.shape, bias != nil)
    return Tensor.result(shape: [], scalars: [mean], operation: "linearCrossEntropy", inputs: inputs) { g in
        let (dX, dW, dB) = gradients.scaled(by: g.scalars[0])
        var result: [Tensor?] = [Tensor(shape: inputShape, scalars: dX), Tensor(shape: weightShape, scalars: dW)]
        if hasBias { result.append(Tensor(shape: [sizes.classes], scalars: dB)) }
        return result
    }
}

/// The gradients of one `linearCrossEntropy` call for an incoming gradient of 1, kept by its backward
/// function and scaled there in place: the first backward owns the arrays alone, so scaling them (a
/// batch-parallel worker's share of the loss, say) allocates nothing. A later backward with another
/// factor rescales them; copy on write leaves the tensors an earlier backward returned as they were.
final class LinearCrossEntropyGradients {
    private var dX: [Float], dW: [Float], dB: [Float]
    /// The factor the arrays hold now, relative to an incoming gradient of 1 (never 0).
    private var factor: Float = 1

    init(dX: [Float], dW: [Float], dB: [Float]) {
        (self.dX, self.dW, self.dB) = (dX, dW, dB)
    }

    /// ∂X, ∂W and ∂b for an incoming gradient `g`.
    func scaled(by g: Float) -> (dX: [Float], dW: [Float], dB: [Float]) {
        if g == 0 {
            return ([Float](repeating: 0, count: dX.count), [Float](repeating: 0, count: dW.count), [Float](repeating: 0, count: dB.count))
        }
        if g != factor {
            let ratio = g / factor
            Self.multiply(&dX, by: ratio)
            Self.multiply(&dW, by: ratio)
            Self.multiply(&dB, by: ratio)
            factor = g
        }
        return (dX, dW, dB)
    }

    private static func multiply(_ values: inout [Float], by ratio: Float) {
        values.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            RowKernels.scale(base, base, buffer.count, by: ratio)
        }
    }
}

/// The checked sizes of one `linearCrossEntropy` call.
struct LinearCrossEntropySizes {
    let rows: Int, features: Int, classes: Int

    init(input: Tensor, weight: Tensor, bias: Tensor?, targets: [Int]) {
        precondition(input.rank == 2 && weight.rank == 2, "linearCrossEntropy: input (R, I) and weight (V, I), got \(input.shape) and \(weight.shape)")
        precondition(
            input.shape[1] == weight.shape[1],
            "linearCrossEntropy: input of shape \(input.shape) does not match weight of shape \(weight.shape)")
        rows = input.shape[0]
        features = input.shape[1]
        classes = weight.shape[0]
        precondition(rows > 0 && classes > 0, "linearCrossEntropy: no rows or no classes (\(input.shape), \(weight.shape))")
        if let bias { precondition(bias.shape == [classes], "linearCrossEntropy: bias of shape \(bias.shape), expected [\(classes)]") }
        precondition(targets.count == rows, "linearCrossEntropy: \(rows) rows but \(targets.count) targets")
        for t in targets { precondition(t >= 0 && t < classes, "linearCrossEntropy: target \(t) is out of range for \(classes) classes") }
    }
}

/// The block loops of `linearCrossEntropy` and what they fill: per-row losses and, when asked, the
/// gradients for an incoming gradient of 1 (blocks of rows); without gradients, `runLossOnly` (blocks
/// of classes).
struct LinearCrossEntropyPass {
    let sizes: LinearCrossEntropySizes
    let withGradients: Bool
    var losses: [Float]
    var dX: [Float] = [], dW: [Float] = [], dB: [Float] = []

    init(sizes: LinearCrossEntropySizes, withGradients: Bool) {
        self.sizes = sizes
        self.withGradients = withGradients
        losses = [Float](repeating: 0, count: sizes.rows)
        if withGradients {
            // Not zeroed: the first block writes every element (β = 0), later blocks add to them;
            // dB is the first block's column sums.
            dX = Self.uninitialized(sizes.rows * sizes.features)
            dW = Self.uninitialized(sizes.classes * sizes.features)
        }
    }

    private static func uninitialized(_ count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// The gradients, moved out of the pass so that their holder owns them alone.
    mutating func takeGradients() -> LinearCrossEntropyGradients {
        let gradients = LinearCrossEntropyGradients(dX: dX, dW: dW, dB: dB)
        (dX, dW, dB) = ([], [], [])
        return gradients
    }

    mutating func run(
        x: UnsafePointer<Float>, w: UnsafePointer<Float>, b: UnsafePointer<Float>?, targets: UnsafePointer<Int>,
        rowsPerBlock: Int, classesPerBlock: Int? = nil
    ) {
        if !withGradients {
            runLossOnly(x: x, w: w, b: b, targets: targets, classesPerBlock: classesPerBlock)
            return
        }
        let (I, V) = (sizes.features, sizes.classes)
        let block = Swift.max(1, Swift.min(rowsPerBlock, sizes.rows))
        let scores = FixedBuffer<Float>(uninitializedCount: block * V)
        for start in stride(from: 0, to: sizes.rows, by: block) {
            let count = Swift.min(block, sizes.rows - start)
            let xb = x + start * I
            // Z_b = X_b·Wᵀ: (count, I)·(I, V); the bias is added in the pass that finds each row's
            // maximum. (Writing the bias first and adding the product to it, β = 1, was slower: the
            // copy costs more than OpenBLAS's clearing of Z_b for β = 0.)
            BLAS.gemm(
                transposeA: false, transposeB: true, m: count, n: V, k: I,
                a: xb, lda: I, b: w, ldb: I, beta: 0, c: scores.pointer, ldc: V)
            rowLossesAndGradients(scores.pointer, bias: b, targets: targets, start: start, count: count)
            blockGradients(scores.pointer, xb: xb, w: w, start: start, count: count)
        }
    }

    /// Adds the bias, then per row the loss and G = (softmax − onehot)/R in place.
    private mutating func rowLossesAndGradients(
        _ z: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, targets: UnsafePointer<Int>, start: Int, count: Int
    ) {
        let V = sizes.classes
        let inverseRows = 1 / Float(sizes.rows)
        losses.withUnsafeMutableBufferPointer { lossBuffer in
            let loss = lossBuffer.baseAddress! + start
            Parallel.forEachChunk(count, costPerItem: V * 8) { range in
                for r in range {
                    let row = z + r * V
                    let m = bias.map { RowKernels.addThenMaximum(row, $0, V) } ?? RowKernels.maximum(row, V)
                    let target = targets[start + r]
                    let targetScore = row[target]
                    let total = RowKernels.storeExponentials(row, row, V, shift: m)
                    loss[r] = m + Foundation.log(total) - targetScore
                    RowKernels.scale(row, row, V, by: inverseRows / total)
                    row[target] -= inverseRows
                }
            }
        }
    }

    /// ∂X_b = G_b·W, ∂W += G_bᵀ·X_b, ∂b += column sums of G_b.
    private mutating func blockGradients(
        _ g: UnsafeMutablePointer<Float>, xb: UnsafePointer<Float>, w: UnsafePointer<Float>, start: Int, count: Int
    ) {
        let (I, V) = (sizes.features, sizes.classes)
        dX.withUnsafeMutableBufferPointer { dx in
            // (count, V)·(V, I)
            BLAS.gemm(
                transposeA: false, transposeB: false, m: count, n: I, k: V,
                a: g, lda: V, b: w, ldb: I, beta: 0, c: dx.baseAddress! + start * I, ldc: I)
        }
        let first = start == 0
        dW.withUnsafeMutableBufferPointer { dw in
            // (V, count)·(count, I), added after the first block
            BLAS.gemm(
                transposeA: true, transposeB: false, m: V, n: I, k: count,
                a: g, lda: V, b: xb, ldb: I, beta: first ? 0 : 1, c: dw.baseAddress!, ldc: I)
        }
        let sums = Kernels.columnSums(g, rows: count, columns: V)
        if first { dB = sums } else { for j in 0..<V { dB[j] += sums[j] } }
    }
}
