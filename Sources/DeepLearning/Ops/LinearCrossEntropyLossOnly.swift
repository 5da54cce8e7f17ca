import Foundation

/// The loss-only pass of `linearCrossEntropy` (no gradient asked for: evaluation), over blocks of the
/// vocabulary instead of the whole row of scores.
///
/// Per block of classes c ..< c + B:  Z = X·W[c ..< c+B]ᵀ + b[c ..< c+B]  (R, B), then per row the
/// running maximum and sum of a streaming log-sum-exp,
///     m' = max(m, max_j z_j),   s' = s·e^{m − m'} + Σ_j e^{z_j − m'},
/// and at the end ℓᵣ = m + log s − z_t. The same losses as the one-block pass up to the order of the
/// sums. Why: a worker's whole (350, 10,000) block of scores is 14 MB, written by OpenBLAS's clearing
/// for β = 0, by the product, by the bias, and read for the exponentials, all from memory; a block of
/// the vocabulary keeps those passes in cache. W is still packed once in all (each call packs only
/// its own rows of W); X is packed once per block, which is small beside it.
extension LinearCrossEntropyPass {
    /// Classes per block of the loss-only pass: scores of a block up to 1 MB, about one core's L2 cache
    /// (measured on the 2 × 200 benchmark's evaluation, 2 workers of 350 rows: 1 MB blocks 7% more
    /// tokens/s than the whole row over six alternating rounds, 2 and 4 MB no better), at least 256.
    static func lossOnlyClassBlock(rows: Int, classes: Int) -> Int {
        let fitting = (1 << 20) / (4 * Swift.max(rows, 1))
        return Swift.min(classes, Swift.max(256, fitting / 16 * 16))
    }

    /// Fills `losses` for all rows, a block of classes at a time.
    mutating func runLossOnly(
        x: UnsafePointer<Float>, w: UnsafePointer<Float>, b: UnsafePointer<Float>?, targets: UnsafePointer<Int>,
        classesPerBlock: Int? = nil
    ) {
        let (R, I, V) = (sizes.rows, sizes.features, sizes.classes)
        let block = Swift.max(1, Swift.min(V, classesPerBlock ?? Self.lossOnlyClassBlock(rows: R, classes: V)))
        let scores = FixedBuffer<Float>(uninitializedCount: R * block)
        let maxima = FixedBuffer<Float>(repeating: -.infinity, count: R)
        let sums = FixedBuffer<Float>(repeating: 0, count: R)
        let targetScores = FixedBuffer<Float>(repeating: 0, count: R)
        for start in stride(from: 0, to: V, by: block) {
            let width = Swift.min(block, V - start)
            // Z = X·W[start ..< start+width]ᵀ: (R, I)·(I, width)
            BLAS.gemm(
                transposeA: false, transposeB: true, m: R, n: width, k: I,
                a: x, lda: I, b: w + start * I, ldb: I, beta: 0, c: scores.pointer, ldc: width)
            Parallel.forEachChunk(R, costPerItem: width * 8) { range in
                for r in range {
                    let row = scores.pointer + r * width
                    let blockMaximum = b.map { RowKernels.addThenMaximum(row, $0 + start, width) }
                        ?? RowKernels.maximum(row, width)
                    let target = targets[r] - start
                    if target >= 0 && target < width { targetScores[r] = row[target] }
                    let m = Swift.max(maxima[r], blockMaximum)
                    sums[r] = sums[r] * Foundation.exp(maxima[r] - m) + RowKernels.sumOfExponentials(row, width, shift: m)
                    maxima[r] = m
                }
            }
        }
        for r in 0..<R { losses[r] = maxima[r] + Foundation.log(sums[r]) - targetScores[r] }
    }
}
