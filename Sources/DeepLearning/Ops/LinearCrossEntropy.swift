import Foundation

/// The mean cross-entropy of linear class scores, `crossEntropy(linear(input, weight, bias), targets)`,
/// computed a block of rows at a time so that the (R, V) scores are never held whole: a language
/// model's decoder and loss in one pass (the scores of 700 tokens over 10,000 words are 28 MB, streamed
/// through memory six times by the two separate operations).
///
/// Shapes: input (R, I), weight (V, I), bias (V) or nil, targets R indices in 0..<V → scalar.
/// Per block of rows b:  Z_b = X_b·Wᵀ + b;  ℓᵣ = m + log Σⱼ e^{zⱼ − m} − z_t (m = max z, per row);
/// when a gradient is needed, at once: G_b = (softmax(Z_b) − onehot(t))/R,
///   ∂X_b = G_b·W,   ∂W += G_bᵀ·X_b,   ∂b += Σ_rows G_b;
/// backward only scales these by the incoming gradient. The same values as the two operations up to
/// the order of the sums of ∂W and ∂b over blocks.
public func linearCrossEntropy(_ input: Tensor, weight: Tensor, bias: Tensor?, targets: [Int]) -> Tensor {
    linearCrossEntropy(input, weight: weight, bias: bias, targets: targets, rowsPerBlock: 128)
}

/// `linearCrossEntropy` with the block height chosen (tests use small blocks to cross block edges).
func linearCrossEntropy(_ input: Tensor, weight: Tensor, bias: Tensor?, targets: [Int], rowsPerBlock: Int) -> Tensor {
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
                        targets: t.baseAddress!, rowsPerBlock: rowsPerBlock)
                }
            }
        }
    }
    let mean = pass.losses.reduce(0, +) / Float(sizes.rows)
    let inputs = [input, weight] + (bias.map { [$0] } ?? [])
    let (dX, dW, dB) = (pass.dX, pass.dW, pass.dB)
    let (inputShape, weightShape) = (input.shape, weight.shape)
    return Tensor.result(shape: [], scalars: [mean], operation: "linearCrossEntropy", inputs: inputs) { g in
        let scale = g.scalars[0]
        func scaled(_ values: [Float], _ shape: [Int]) -> Tensor {
            Tensor(shape: shape, scalars: scale == 1 ? values : values.map { $0 * scale })
        }
        var gradients: [Tensor?] = [scaled(dX, inputShape), scaled(dW, weightShape)]
        if bias != nil { gradients.append(scaled(dB, [sizes.classes])) }
        return gradients
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

/// The block loop of `linearCrossEntropy` and what it fills: per-row losses and, when asked, the
/// gradients for an incoming gradient of 1.
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
            dX = [Float](repeating: 0, count: sizes.rows * sizes.features)
            dW = [Float](repeating: 0, count: sizes.classes * sizes.features)
            dB = [Float](repeating: 0, count: sizes.classes)
        }
    }

    mutating func run(
        x: UnsafePointer<Float>, w: UnsafePointer<Float>, b: UnsafePointer<Float>?, targets: UnsafePointer<Int>,
        rowsPerBlock: Int
    ) {
        let (I, V) = (sizes.features, sizes.classes)
        let block = Swift.max(1, Swift.min(rowsPerBlock, sizes.rows))
        let scores = FixedBuffer<Float>(uninitializedCount: block * V)
        for start in stride(from: 0, to: sizes.rows, by: block) {
            let count = Swift.min(block, sizes.rows - start)
            let xb = x + start * I
            // Z_b = X_b·Wᵀ: (count, I)·(I, V)
            BLAS.gemm(
                transposeA: false, transposeB: true, m: count, n: V, k: I,
                a: xb, lda: I, b: w, ldb: I, beta: 0, c: scores.pointer, ldc: V)
            rowLosses(scores.pointer, bias: b, targets: targets, start: start, count: count)
            if withGradients { blockGradients(scores.pointer, xb: xb, w: w, start: start, count: count) }
        }
    }

    /// Adds the bias, then per row the loss and, with gradients, G = (softmax − onehot)/R in place.
    private mutating func rowLosses(
        _ z: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, targets: UnsafePointer<Int>, start: Int, count: Int
    ) {
        let V = sizes.classes, withGradients = withGradients
        let inverseRows = 1 / Float(sizes.rows)
        losses.withUnsafeMutableBufferPointer { lossBuffer in
            let loss = lossBuffer.baseAddress! + start
            Parallel.forEachChunk(count, costPerItem: V * 8) { range in
                for r in range {
                    let row = z + r * V
                    if let bias { for j in 0..<V { row[j] += bias[j] } }
                    let m = RowKernels.maximum(row, V)
                    let target = targets[start + r]
                    let targetScore = row[target]
                    let total = withGradients
                        ? RowKernels.storeExponentials(row, row, V, shift: m)
                        : RowKernels.sumOfExponentials(row, V, shift: m)
                    loss[r] = m + Foundation.log(total) - targetScore
                    if withGradients {
                        RowKernels.scale(row, row, V, by: inverseRows / total)
                        row[target] -= inverseRows
                    }
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
        dW.withUnsafeMutableBufferPointer { dw in
            // (V, count)·(count, I), added
            BLAS.gemm(
                transposeA: true, transposeB: false, m: V, n: I, k: count,
                a: g, lda: V, b: xb, ldb: I, beta: 1, c: dw.baseAddress!, ldc: I)
        }
        let sums = Kernels.columnSums(g, rows: count, columns: V)
        for j in 0..<V { dB[j] += sums[j] }
    }
}
