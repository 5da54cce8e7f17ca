import Foundation

// Barnes–Hut t-SNE (van der Maaten 2014): the same gradient as the exact method,
//   ∂KL/∂y_i = 4 (Σ_j p_ij w_ij (y_i − y_j)  −  (1/Z) Σ_j w_ij² (y_i − y_j)),  w_ij = (1 + ‖y_i − y_j‖²)⁻¹,
// with P sparse (nearest neighbours only), so attraction costs O(N k), and the repulsion and
// Z = Σ w_ij approximated with a quadtree: a cell of width r at distance d from y_i whose
// r² / d² < θ² acts as one point of mass `size` at its center of mass. θ = 0 is exact. Leaves hold
// up to `TSNEQuadTree.bucketSize` points; a leaf that fails the test is summed point by point (exact),
// where a tree of one-point leaves would open more cells and summarise some of them. The walk
// (`TSNETreeWalk`) tests the four children of a cell together, as SIMD lanes (`TSNEQuadBlock`).

/// The Barnes–Hut objective used by `TSNE` with `.barnesHut(theta:)`. It keeps its tree, coordinate
/// and sum buffers from one evaluation to the next (one `TSNE.fit` calls it from one thread at a time).
final class TSNEBarnesHutObjective {
    let n: Int
    /// The sparse P as buffers: the traversal's loop reads them without bounds checks.
    private let rowStart: FixedBuffer<Int>, columns: FixedBuffer<Int32>, values: FixedBuffer<Double>
    private let pLogP: Double
    private let thetaSquared: Double
    private let threads: Int
    /// Reused per evaluation: the embedding's x and y coordinates (N each), the tree, the sums.
    private let xs: FixedBuffer<Double>, ys: FixedBuffer<Double>
    private var tree = TSNEQuadTree()
    private let alignedBlocks = TSNEAlignedBlocks()
    private let sums: TSNEPointSums

    init(p: TSNESparseAffinities, theta: Double, threads: Int) {
        n = p.count
        rowStart = FixedBuffer(copying: p.rowStart)
        columns = FixedBuffer(copying: p.columns)
        values = FixedBuffer(copying: p.values)
        thetaSquared = theta * theta
        self.threads = threads
        pLogP = tsnePLogP(p.values)
        xs = FixedBuffer(repeating: 0, count: n)
        ys = FixedBuffer(repeating: 0, count: n)
        sums = TSNEPointSums(count: n)
    }

    /// Writes the approximate ∂KL/∂y (interleaved, length 2N) for P × `exaggeration`; returns
    /// KL over the sparse P with the approximate Z when `computeError` is set (as scikit-learn does).
    func evaluate(
        embedding y: [Double], exaggeration: Double, computeError: Bool, gradient: inout [Double]
    ) -> Double? {
        precondition(y.count == 2 * n, "TSNEBarnesHutObjective: the embedding must hold 2 × \(n) values")
        for i in 0..<n {
            xs[i] = y[2 * i]
            ys[i] = y[2 * i + 1]
        }
        tree.rebuild(xs: xs.pointer, ys: ys.pointer, count: n)
        alignedBlocks.copy(tree.blocks)
        pointSums(blocks: alignedBlocks.pointer, computeError: computeError)
        return sums.finish(
            z: sums.totalZ(), exaggeration: exaggeration, pLogP: pLogP, computeError: computeError, gradient: &gradient)
    }

    /// Every point's sums: repulsion and Z from the tree, attraction from its row of P.
    private func pointSums(blocks: UnsafePointer<TSNEQuadBlock>, computeError: Bool) {
        let order = tree.points
        let walk = TSNETreeWalk(blocks: blocks, xs: tree.sortedX.pointer, ys: tree.sortedY.pointer, thetaSquared: thetaSquared)
        Parallel.forEachChunk(n, costPerItem: tsneRowCost, threads: threads, chunksPerThread: 8) { range in
            let stack = UnsafeMutablePointer<Int32>.allocate(capacity: 4 * (TSNEQuadTree.maxDepth + 2) + 8)
            defer { stack.deallocate() }
            for position in range {
                // Visit points in tree order: neighbours in space share cache lines.
                let i = Int(order[position])
                let (z, repulsion) = walk.repulsion(at: position, stack: stack)
                let (attraction, pLogW) = computeError
                    ? attraction(on: i, computeError: true) : attraction(on: i, computeError: false)
                sums.set(i, z: z, attraction: attraction, repulsion: repulsion, pLogW: pLogW)
            }
        }
    }

    /// Σ_j p_ij w_ij (y_i − y_j) over the neighbours j in row i of P, and Σ_j p_ij log w_ij when
    /// `computeError` is set (0 otherwise). Coordinates from `xs`, `ys`, four neighbours at a time
    /// (gathered into vectors), the row's last 0–3 one by one.
    @inline(__always)
    private func attraction(on i: Int, computeError: Bool) -> ((Double, Double), Double) {
        let x = xs.pointer, y = ys.pointer
        let xi = x[i], yi = y[i]
        let px = SIMD4(repeating: xi), py = SIMD4(repeating: yi)
        var ax = SIMD4<Double>.zero, ay = SIMD4<Double>.zero, pLogW = 0.0
        let c = columns.pointer, v = values.pointer
        var e = rowStart[i]
        let end = rowStart[i + 1]
        while e &+ 4 <= end {
            let j0 = Int(c[e]), j1 = Int(c[e &+ 1]), j2 = Int(c[e &+ 2]), j3 = Int(c[e &+ 3])
            let ex = px - SIMD4(x[j0], x[j1], x[j2], x[j3])
            let ey = py - SIMD4(y[j0], y[j1], y[j2], y[j3])
            let q = 1 + ex * ex + ey * ey
            let p = UnsafeRawPointer(v + e).loadUnaligned(as: SIMD4<Double>.self)
            let pw = p / q
            ax += pw * ex
            ay += pw * ey
            if computeError { for lane in 0..<4 { pLogW -= p[lane] * log(q[lane]) } }
            e &+= 4
        }
        var tailX = 0.0, tailY = 0.0
        while e < end {
            let j = Int(c[e])
            let ex = xi - x[j], ey = yi - y[j]
            let q = 1 + ex * ex + ey * ey
            let pw = v[e] / q
            tailX += pw * ex
            tailY += pw * ey
            if computeError { pLogW -= v[e] * log(q) }
            e &+= 1
        }
        return ((ax.sum() + tailX, ay.sum() + tailY), pLogW)
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
