import Foundation

// Barnes–Hut t-SNE (van der Maaten 2014): the same gradient as the exact method,
//   ∂KL/∂y_i = 4 (Σ_j p_ij w_ij (y_i − y_j)  −  (1/Z) Σ_j w_ij² (y_i − y_j)),  w_ij = (1 + ‖y_i − y_j‖²)⁻¹,
// with P sparse (nearest neighbours only), so attraction costs O(N k), and the repulsion and
// Z = Σ w_ij approximated with a quadtree: a cell of width r at distance d from y_i whose
// r² / d² < θ² acts as one point of mass `size` at its center of mass. θ = 0 is exact.

/// The Barnes–Hut objective used by `TSNE` with `.barnesHut(theta:)`.
final class TSNEBarnesHutObjective {
    let n: Int
    private let p: TSNESparseAffinities
    private let pLogP: Double
    private let thetaSquared: Double
    private let threads: Int

    init(p: TSNESparseAffinities, theta: Double, threads: Int) {
        n = p.count
        self.p = p
        thetaSquared = theta * theta
        self.threads = threads
        var s = 0.0
        for value in p.values where value > 0 { s += value * log(value) }
        pLogP = s
    }

    /// Writes the approximate ∂KL/∂y (interleaved, length 2N) for P × `exaggeration`; returns
    /// KL over the sparse P with the approximate Z when `computeError` is set (as scikit-learn does).
    func evaluate(
        embedding y: [Double], exaggeration: Double, computeError: Bool, gradient: inout [Double]
    ) -> Double? {
        let n = self.n
        var xs = [Double](repeating: 0, count: n)
        var ys = [Double](repeating: 0, count: n)
        for i in 0..<n {
            xs[i] = y[2 * i]
            ys[i] = y[2 * i + 1]
        }
        let tree = TSNEQuadTree(xs: xs, ys: ys)
        // Per point: [Σ_j w_ij (approx.), repulsion x, y, attraction x, y, Σ_j p_ij log w_ij].
        let rows = FixedBuffer<Double>(repeating: 0, count: 6 * n)
        let thetaSquared = self.thetaSquared
        xs.withUnsafeBufferPointer { xb in
            ys.withUnsafeBufferPointer { yb in
                let xp = xb.baseAddress!
                let yp = yb.baseAddress!
                tree.centerX.withUnsafeBufferPointer { cx in
                tree.centerY.withUnsafeBufferPointer { cy in
                tree.size.withUnsafeBufferPointer { sz in
                tree.widthSquared.withUnsafeBufferPointer { w2 in
                tree.firstChild.withUnsafeBufferPointer { fc in
                tree.childCount.withUnsafeBufferPointer { cc in
                tree.pointStart.withUnsafeBufferPointer { ps in
                tree.order.withUnsafeBufferPointer { order in
                p.rowStart.withUnsafeBufferPointer { rowStart in
                p.columns.withUnsafeBufferPointer { columns in
                p.values.withUnsafeBufferPointer { values in
                    Parallel.forEachChunk(n, costPerItem: tsneRowCost, threads: threads, chunksPerThread: 8) { range in
                        let stack = UnsafeMutablePointer<Int32>.allocate(capacity: 4 * (TSNEQuadTree.maxDepth + 2) + 8)
                        defer { stack.deallocate() }
                        for position in range {
                            // Visit points in tree order: neighbours in space share cache lines.
                            let i = Int(order[position])
                            let xi = xp[i]
                            let yi = yp[i]
                            var z = 0.0, rx = 0.0, ry = 0.0
                            var top = 0
                            stack[0] = 0
                            top = 1
                            while top > 0 {
                                top -= 1
                                let node = Int(stack[top])
                                let dx = xi - cx[node]
                                let dy = yi - cy[node]
                                let d2 = dx * dx + dy * dy
                                let child = Int(fc[node])
                                if child < 0 {
                                    // Leaf: its points one by one, skipping i itself.
                                    let start = Int(ps[node])
                                    for k in start..<(start + Int(sz[node])) {
                                        let j = Int(order[k])
                                        if j == i { continue }
                                        let ex = xi - xp[j]
                                        let ey = yi - yp[j]
                                        let w = 1 / (1 + ex * ex + ey * ey)
                                        z += w
                                        let ww = w * w
                                        rx += ww * ex
                                        ry += ww * ey
                                    }
                                } else if w2[node] < thetaSquared * d2 {
                                    let mass = Double(sz[node])
                                    let w = 1 / (1 + d2)
                                    z += mass * w
                                    let mww = mass * w * w
                                    rx += mww * dx
                                    ry += mww * dy
                                } else {
                                    for c in 0..<Int(cc[node]) {
                                        stack[top] = Int32(child + c)
                                        top += 1
                                    }
                                }
                            }
                            var ax = 0.0, ay = 0.0, pLogW = 0.0
                            for e in rowStart[i]..<rowStart[i + 1] {
                                let j = Int(columns[e])
                                let ex = xi - xp[j]
                                let ey = yi - yp[j]
                                let d2 = ex * ex + ey * ey
                                let w = 1 / (1 + d2)
                                let pw = values[e] * w
                                ax += pw * ex
                                ay += pw * ey
                                if computeError { pLogW -= values[e] * log(1 + d2) }
                            }
                            let out = rows.pointer + 6 * i
                            out[0] = z
                            out[1] = rx
                            out[2] = ry
                            out[3] = ax
                            out[4] = ay
                            out[5] = pLogW
                        }
                    }
                }}}}}}}}}}}
            }
        }
        var z = 0.0
        for i in 0..<n { z += rows[6 * i] }
        let inverseZ = 1 / z
        for i in 0..<n {
            let r = rows.pointer + 6 * i
            gradient[2 * i] = 4 * (exaggeration * r[3] - r[1] * inverseZ)
            gradient[2 * i + 1] = 4 * (exaggeration * r[4] - r[2] * inverseZ)
        }
        guard computeError else { return nil }
        var pLogW = 0.0
        for i in 0..<n { pLogW += rows[6 * i + 5] }
        let a = exaggeration
        return a * pLogP + a * log(a) - a * pLogW + a * log(z)
    }
}

/// The Barnes–Hut approximation of the t-SNE gradient for a given dense P (only its non-zero
/// entries are used for attraction) and 2-D embedding `Y`, with opening angle `theta`.
/// With θ → 0 it tends to `tsneGradient(P:Y:)`.
public func tsneBarnesHutGradient(P: [[Double]], Y: [[Double]], theta: Double) -> [[Double]] {
    let n = Y.count
    precondition(P.count == n && P.allSatisfy { $0.count == n }, "tsneBarnesHutGradient: P must be \(n) × \(n)")
    precondition(Y.allSatisfy { $0.count == 2 }, "tsneBarnesHutGradient: Y must be 2-D")
    var rowStart = [0]
    var columns: [Int32] = []
    var values: [Double] = []
    for i in 0..<n {
        for j in 0..<n where j != i && P[i][j] != 0 {
            columns.append(Int32(j))
            values.append(P[i][j])
        }
        rowStart.append(columns.count)
    }
    let objective = TSNEBarnesHutObjective(
        p: TSNESparseAffinities(rowStart: rowStart, columns: columns, values: values), theta: theta, threads: 1)
    var gradient = [Double](repeating: 0, count: 2 * n)
    _ = objective.evaluate(embedding: Y.flatMap { $0 }, exaggeration: 1, computeError: false, gradient: &gradient)
    return (0..<n).map { [gradient[2 * $0], gradient[2 * $0 + 1]] }
}
