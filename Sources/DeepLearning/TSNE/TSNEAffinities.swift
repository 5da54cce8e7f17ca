import Foundation

/// Points in the input space, row-major: `count` rows of `dimension` values.
struct TSNEPoints {
    var values: [Double]
    var count: Int
    var dimension: Int

    /// Squared Euclidean distance between rows `i` and `j`, four coordinates at a time.
    @inline(__always)
    func squaredDistance(_ i: Int, _ j: Int, _ base: UnsafePointer<Double>) -> Double {
        let a = UnsafeRawPointer(base + i * dimension)
        let b = UnsafeRawPointer(base + j * dimension)
        let stride = MemoryLayout<Double>.stride
        var lanes = SIMD4<Double>(repeating: 0)
        var k = 0
        while k + 4 <= dimension {
            let d = a.loadUnaligned(fromByteOffset: k * stride, as: SIMD4<Double>.self)
                - b.loadUnaligned(fromByteOffset: k * stride, as: SIMD4<Double>.self)
            lanes += d * d
            k += 4
        }
        var sum = lanes.sum()
        while k < dimension {
            let d = base[i * dimension + k] - base[j * dimension + k]
            sum += d * d
            k += 1
        }
        return sum
    }
}

/// The symmetric joint probabilities P of t-SNE, dense N × N, row-major:
/// p_ij = (p_{j|i} + p_{i|j}) / (2N), p_ii = 0, each p_{·|i} calibrated to the perplexity over all
/// other points. Returns P and the calibration of every point.
func tsneDenseAffinities(
    _ points: TSNEPoints, perplexity: Double, threads: Int
) -> (p: [Double], calibrations: [PerplexityCalibration]) {
    let n = points.count
    let conditional = FixedBuffer<Double>(repeating: 0, count: n * n)
    let calibrations = FixedBuffer<PerplexityCalibration>(
        repeating: PerplexityCalibration(beta: 0, entropy: 0, steps: 0), count: n)
    points.values.withUnsafeBufferPointer { x in
        let base = x.baseAddress!
        Parallel.forEachChunk(n, costPerItem: tsneRowCost, threads: threads, chunksPerThread: 8) { rows in
            var distances = [Double](repeating: 0, count: n - 1)
            var probabilities = [Double](repeating: 0, count: n - 1)
            for i in rows {
                var k = 0
                for j in 0..<n where j != i {
                    distances[k] = points.squaredDistance(i, j, base)
                    k += 1
                }
                let calibration = distances.withUnsafeBufferPointer { d in
                    probabilities.withUnsafeMutableBufferPointer { p in
                        calibratePerplexity(squaredDistances: d, perplexity: perplexity, probabilities: p)
                    }
                }
                calibrations[i] = calibration
                let row = conditional.pointer + i * n
                k = 0
                for j in 0..<n where j != i {
                    row[j] = probabilities[k]
                    k += 1
                }
            }
        }
    }
    // Symmetrize in place: each conditional row sums to 1, so the total is 2N.
    let scale = 1 / Double(2 * n)
    let c = conditional.pointer
    for i in 0..<n {
        for j in i..<n {
            let value = (c[i * n + j] + c[j * n + i]) * scale
            c[i * n + j] = value
            c[j * n + i] = value
        }
    }
    return (conditional.array, calibrations.array)
}

/// Sparse symmetric P over nearest neighbours, in compressed rows (CSR): row i's entries are
/// `columns[rowStart[i]..<rowStart[i+1]]` with values `values[...]`, columns ascending.
struct TSNESparseAffinities {
    var rowStart: [Int]
    var columns: [Int32]
    var values: [Double]
    var count: Int { rowStart.count - 1 }
}

/// The sparse symmetric P of Barnes–Hut t-SNE: p_{j|i} calibrated over the `k` nearest
/// neighbours of i (zero elsewhere), then p_ij = (p_{j|i} + p_{i|j}) / (2N).
func tsneSparseAffinities(
    _ points: TSNEPoints, perplexity: Double, neighbours k: Int, threads: Int
) -> (p: TSNESparseAffinities, calibrations: [PerplexityCalibration]) {
    let n = points.count
    let (neighbourIndex, neighbourDistance) = tsneNearestNeighbours(points, k: k, threads: threads)
    let conditional = FixedBuffer<Double>(repeating: 0, count: n * k)  // C: row i holds p_{j|i} of i's neighbours
    let calibrations = FixedBuffer<PerplexityCalibration>(
        repeating: PerplexityCalibration(beta: 0, entropy: 0, steps: 0), count: n)
    neighbourDistance.withUnsafeBufferPointer { d in
        Parallel.forEachChunk(n, costPerItem: tsneRowCost, threads: threads, chunksPerThread: 8) { rows in
            for i in rows {
                calibrations[i] = calibratePerplexity(
                    squaredDistances: UnsafeBufferPointer(rebasing: d[(i * k)..<((i + 1) * k)]), perplexity: perplexity,
                    probabilities: UnsafeMutableBufferPointer(start: conditional.pointer + i * k, count: k))
            }
        }
    }
    let incoming = TSNEIncomingEdges(neighbourIndex, conditional.array, count: n, k: k)
    let p = symmetrize(outgoing: neighbourIndex, conditional.array, incoming: incoming, count: n, k: k)
    return (p, calibrations.array)
}

/// The k-NN graph transposed (counting sort on the column), so each row also knows who points at
/// it: row j's incoming edges are `from[start[j] ..< start[j + 1]]` with their p_{j|i} in `value`,
/// in increasing source order.
private struct TSNEIncomingEdges {
    var start: [Int], from: [Int32], value: [Double]

    init(_ neighbourIndex: [Int32], _ conditional: [Double], count n: Int, k: Int) {
        start = [Int](repeating: 0, count: n + 1)
        for e in 0..<(n * k) { start[Int(neighbourIndex[e]) + 1] += 1 }
        for i in 0..<n { start[i + 1] += start[i] }
        var fill = start
        from = [Int32](repeating: 0, count: n * k)
        value = [Double](repeating: 0, count: n * k)
        for i in 0..<n {
            for slot in 0..<k {
                let e = i * k + slot
                let j = Int(neighbourIndex[e])
                from[fill[j]] = Int32(i)
                value[fill[j]] = conditional[e]
                fill[j] += 1
            }
        }
    }
}

/// p_ij = (p_{j|i} + p_{i|j}) / (2N) in compressed rows: row i of C (outgoing) merged with row i of
/// Cᵀ (incoming), both sorted by column.
private func symmetrize(
    outgoing neighbourIndex: [Int32], _ conditional: [Double], incoming edges: TSNEIncomingEdges, count n: Int, k: Int
) -> TSNESparseAffinities {
    let scale = 1 / Double(2 * n)
    var rowStart = [Int](repeating: 0, count: n + 1)
    var columns: [Int32] = []
    var values: [Double] = []
    columns.reserveCapacity(2 * n * k)
    values.reserveCapacity(2 * n * k)
    for i in 0..<n {
        var outgoing = (0..<k).map { (neighbourIndex[i * k + $0], conditional[i * k + $0]) }
        outgoing.sort { $0.0 < $1.0 }
        // Incoming entries were appended in increasing source order, so they are sorted already.
        let incoming = (edges.start[i]..<edges.start[i + 1]).map { (edges.from[$0], edges.value[$0]) }
        var a = 0
        var b = 0
        while a < outgoing.count || b < incoming.count {
            if b == incoming.count || (a < outgoing.count && outgoing[a].0 < incoming[b].0) {
                columns.append(outgoing[a].0)
                values.append(outgoing[a].1 * scale)
                a += 1
            } else if a == outgoing.count || incoming[b].0 < outgoing[a].0 {
                columns.append(incoming[b].0)
                values.append(incoming[b].1 * scale)
                b += 1
            } else {
                columns.append(outgoing[a].0)
                values.append((outgoing[a].1 + incoming[b].1) * scale)
                a += 1
                b += 1
            }
        }
        rowStart[i + 1] = columns.count
    }
    return TSNESparseAffinities(rowStart: rowStart, columns: columns, values: values)
}

/// The joint probabilities P of exact t-SNE for `points` (N rows), as an N × N matrix:
/// p_ij = (p_{j|i} + p_{i|j}) / (2N) with each p_{·|i} a Gaussian calibrated to `perplexity`.
/// This is the P that `tsneGradient(P:Y:)` and `tsneKLDivergence(P:Y:)` take.
public func tsneJointProbabilities(points: [[Double]], perplexity: Double) throws -> [[Double]] {
    let flat = try TSNEInput(points)
    try TSNE.validate(perplexity: perplexity, count: flat.count)
    let n = flat.count
    let p = tsneDenseAffinities(flat.points, perplexity: perplexity, threads: 2).p
    return (0..<n).map { Array(p[($0 * n)..<(($0 + 1) * n)]) }
}
