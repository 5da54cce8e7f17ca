import Foundation

// The t-SNE objective and its gradient, exact, O(N²) per evaluation.
//
// Forward (Student-t kernel with one degree of freedom):
//   w_ij = (1 + ‖y_i − y_j‖²)⁻¹,  Z = Σ_{k≠l} w_kl,  q_ij = w_ij / Z
//   KL(P‖Q) = Σ_{i≠j} p_ij log(p_ij / q_ij)
// Backward:
//   ∂KL/∂y_i = 4 Σ_j (p_ij − q_ij) w_ij (y_i − y_j)
//            = 4 (Σ_j p_ij w_ij (y_i − y_j)  −  (1/Z) Σ_j w_ij² (y_i − y_j))
//                 attraction                    repulsion
// The second form needs Z only at the end, so one pass over the pairs gives both sums and Z.

/// The exact t-SNE gradient ∂KL(P‖Q)/∂Y = 4 Σ_j (p_ij − q_ij)(1 + ‖y_i − y_j‖²)⁻¹ (y_i − y_j).
///
/// - Parameters:
///   - P: N × N joint probabilities (symmetric, zero diagonal, summing to 1), e.g. from
///     `tsneJointProbabilities(points:perplexity:)`.
///   - Y: N points of the embedding, any dimension.
/// - Returns: the gradient, N rows like `Y`.
public func tsneGradient(P: [[Double]], Y: [[Double]]) -> [[Double]] {
    let n = Y.count
    precondition(P.count == n && P.allSatisfy { $0.count == n }, "tsneGradient: P must be \(n) × \(n)")
    let w = studentKernel(Y)
    var z = 0.0
    for i in 0..<n { for j in 0..<n where j != i { z += w[i][j] } }
    return (0..<n).map { i in
        var g = [Double](repeating: 0, count: Y[i].count)
        for j in 0..<n where j != i {
            let factor = 4 * (P[i][j] - w[i][j] / z) * w[i][j]
            for k in 0..<g.count { g[k] += factor * (Y[i][k] - Y[j][k]) }
        }
        return g
    }
}

/// KL(P‖Q) = Σ_{i≠j} p_ij log(p_ij / q_ij) for the embedding `Y`, with q_ij = w_ij / Z and
/// w_ij = (1 + ‖y_i − y_j‖²)⁻¹; terms with p_ij = 0 contribute 0.
public func tsneKLDivergence(P: [[Double]], Y: [[Double]]) -> Double {
    let n = Y.count
    precondition(P.count == n && P.allSatisfy { $0.count == n }, "tsneKLDivergence: P must be \(n) × \(n)")
    let w = studentKernel(Y)
    var z = 0.0
    for i in 0..<n { for j in 0..<n where j != i { z += w[i][j] } }
    var kl = 0.0
    for i in 0..<n { for j in 0..<n where j != i && P[i][j] > 0 { kl += P[i][j] * log(P[i][j] * z / w[i][j]) } }
    return kl
}

/// w_ij = (1 + ‖y_i − y_j‖²)⁻¹ for all pairs (diagonal included, equal to 1).
private func studentKernel(_ y: [[Double]]) -> [[Double]] {
    y.map { a in
        y.map { b in
            var d2 = 0.0
            for k in 0..<a.count { d2 += (a[k] - b[k]) * (a[k] - b[k]) }
            return 1 / (1 + d2)
        }
    }
}

/// The exact objective used by `TSNE` with `.exact`: dense P in Float32 (half the memory traffic
/// of Double; every sum is in Double), 2-D embeddings, a SIMD row kernel, rows split over threads.
final class TSNEExactObjective {
    let n: Int
    private let p: [Float]
    /// Σ p_ij log p_ij over p_ij > 0 (for the KL without recomputing logs of P).
    private let pLogP: Double
    private let threads: Int

    init(p dense: [Double], count n: Int, threads: Int) {
        self.n = n
        self.threads = threads
        p = dense.map { Float($0) }
        pLogP = tsnePLogP(p)
    }

    /// Writes ∂KL/∂y into `gradient` (interleaved x, y per point, length 2N) for P multiplied by
    /// `exaggeration`; returns the KL divergence (with that P) when `computeError` is set.
    func evaluate(
        embedding y: [Double], exaggeration: Double, computeError: Bool, gradient: inout [Double]
    ) -> Double? {
        let n = self.n
        let (xs, ys) = tsneCoordinates(y, count: n)
        let sums = TSNEPointSums(count: n)
        xs.withUnsafeBufferPointer { xb in
            ys.withUnsafeBufferPointer { yb in
                p.withUnsafeBufferPointer { pb in
                    let xp = xb.baseAddress!, yp = yb.baseAddress!, pp = pb.baseAddress!
                    Parallel.forEachChunk(n, costPerItem: tsneRowCost, threads: threads, chunksPerThread: 8) { range in
                        for i in range {
                            let row = pp + i * n
                            let r = exactRowSums(i: i, n: n, xs: xp, ys: yp, p: row)
                            sums.set(
                                i, z: r.z, attraction: (r.attractionX, r.attractionY), repulsion: (r.repulsionX, r.repulsionY),
                                pLogW: computeError ? exactRowPLogW(i: i, n: n, xs: xp, ys: yp, p: row) : nil)
                        }
                    }
                }
            }
        }
        let z = sums.totalZ() - Double(n)  // the n self-pairs each added w_ii = 1
        return sums.finish(z: z, exaggeration: exaggeration, pLogP: pLogP, computeError: computeError, gradient: &gradient)
    }
}

/// Σ_j p_ij log w_ij = −Σ_j p_ij log(1 + ‖y_i − y_j‖²) over the positive p_ij of row i.
@inline(__always)
private func exactRowPLogW(i: Int, n: Int, xs: UnsafePointer<Double>, ys: UnsafePointer<Double>, p row: UnsafePointer<Float>) -> Double {
    var s = 0.0
    let xi = xs[i]
    let yi = ys[i]
    for j in 0..<n where row[j] > 0 {
        let dx = xi - xs[j]
        let dy = yi - ys[j]
        s -= Double(row[j]) * log(1 + dx * dx + dy * dy)
    }
    return s
}

/// One row of the exact pass: Σ_j w_ij, Σ_j p_ij w_ij (y_i − y_j), Σ_j w_ij² (y_i − y_j),
/// four pairs at a time. The j = i term adds w_ii = 1 to the sum (removed by the caller) and 0 to
/// the forces.
@inline(__always)
private func exactRowSums(
    i: Int, n: Int, xs: UnsafePointer<Double>, ys: UnsafePointer<Double>, p: UnsafePointer<Float>
) -> (z: Double, attractionX: Double, attractionY: Double, repulsionX: Double, repulsionY: Double) {
    typealias V = SIMD4<Double>
    let xi = V(repeating: xs[i])
    let yi = V(repeating: ys[i])
    let one = V(repeating: 1)
    var z = V()
    var ax = V()
    var ay = V()
    var rx = V()
    var ry = V()
    var j = 0
    while j + 4 <= n {
        let dx = xi - UnsafeRawPointer(xs + j).loadUnaligned(as: V.self)
        let dy = yi - UnsafeRawPointer(ys + j).loadUnaligned(as: V.self)
        let w = one / (one + dx * dx + dy * dy)
        let pf = UnsafeRawPointer(p + j).loadUnaligned(as: SIMD4<Float>.self)
        let pw = V(Double(pf[0]), Double(pf[1]), Double(pf[2]), Double(pf[3])) * w
        let ww = w * w
        z += w
        ax += pw * dx
        ay += pw * dy
        rx += ww * dx
        ry += ww * dy
        j += 4
    }
    var zs = z.sum()
    var axs = ax.sum()
    var ays = ay.sum()
    var rxs = rx.sum()
    var rys = ry.sum()
    while j < n {
        let dx = xs[i] - xs[j]
        let dy = ys[i] - ys[j]
        let w = 1 / (1 + dx * dx + dy * dy)
        let pw = Double(p[j]) * w
        zs += w
        axs += pw * dx
        ays += pw * dy
        rxs += w * w * dx
        rys += w * w * dy
        j += 1
    }
    return (zs, axs, ays, rxs, rys)
}
