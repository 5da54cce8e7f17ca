import Foundation

// Barnes–Hut t-SNE (van der Maaten 2014): the same gradient as the exact method,
//   ∂KL/∂y_i = 4 (Σ_j p_ij w_ij (y_i − y_j)  −  (1/Z) Σ_j w_ij² (y_i − y_j)),  w_ij = (1 + ‖y_i − y_j‖²)⁻¹,
// with P sparse (nearest neighbours only), so attraction costs O(N k), and the repulsion and
// Z = Σ w_ij approximated with a quadtree: a cell of width r at distance d from y_i whose
// r² / d² < θ² acts as one point of mass `size` at its center of mass. θ = 0 is exact.

/// The Barnes–Hut objective used by `TSNE` with `.barnesHut(theta:)`.
final class TSNEBarnesHutObjective {
    let n: Int
    /// The sparse P as buffers: the traversal's loop reads them without bounds checks.
    private let rowStart: FixedBuffer<Int>, columns: FixedBuffer<Int32>, values: FixedBuffer<Double>
    private let pLogP: Double
    private let thetaSquared: Double
    private let threads: Int

    init(p: TSNESparseAffinities, theta: Double, threads: Int) {
        n = p.count
        rowStart = FixedBuffer(copying: p.rowStart)
        columns = FixedBuffer(copying: p.columns)
        values = FixedBuffer(copying: p.values)
        thetaSquared = theta * theta
        self.threads = threads
        pLogP = tsnePLogP(p.values)
    }

    /// Writes the approximate ∂KL/∂y (interleaved, length 2N) for P × `exaggeration`; returns
    /// KL over the sparse P with the approximate Z when `computeError` is set (as scikit-learn does).
    func evaluate(
        embedding y: [Double], exaggeration: Double, computeError: Bool, gradient: inout [Double]
    ) -> Double? {
        let (xs, ys) = tsneCoordinates(y, count: n)
        let tree = TSNEQuadTreeNodes(TSNEQuadTree(xs: xs, ys: ys))
        let sums = pointSums(xs: FixedBuffer(copying: xs), ys: FixedBuffer(copying: ys), tree: tree, computeError: computeError)
        return sums.finish(
            z: sums.totalZ(), exaggeration: exaggeration, pLogP: pLogP, computeError: computeError, gradient: &gradient)
    }

    /// Every point's sums: repulsion and Z from the tree, attraction from its row of P.
    private func pointSums(
        xs: FixedBuffer<Double>, ys: FixedBuffer<Double>, tree: TSNEQuadTreeNodes, computeError: Bool
    ) -> TSNEPointSums {
        let sums = TSNEPointSums(count: n)
        Parallel.forEachChunk(n, costPerItem: tsneRowCost, threads: threads, chunksPerThread: 8) { range in
            let stack = UnsafeMutablePointer<Int32>.allocate(capacity: 4 * (TSNEQuadTree.maxDepth + 2) + 8)
            defer { stack.deallocate() }
            for position in range {
                // Visit points in tree order: neighbours in space share cache lines.
                let i = Int(tree.order[position])
                let xi = xs[i], yi = ys[i]
                let (z, repulsion) = repulsion(on: i, at: (xi, yi), xs: xs, ys: ys, tree: tree, stack: stack)
                let (attraction, pLogW) = attraction(on: i, at: (xi, yi), xs: xs, ys: ys, computeError: computeError)
                sums.set(i, z: z, attraction: attraction, repulsion: repulsion, pLogW: pLogW)
            }
        }
        return sums
    }

    /// Σ_j w_ij and Σ_j w_ij² (y_i − y_j) over j ≠ i, walking the tree from the root: a leaf's points
    /// one by one, a cell with r² < θ² d² as one point of mass `size` at its center of mass.
    @inline(__always)
    private func repulsion(
        on i: Int, at point: (Double, Double), xs: FixedBuffer<Double>, ys: FixedBuffer<Double>,
        tree: TSNEQuadTreeNodes, stack: UnsafeMutablePointer<Int32>
    ) -> (Double, (Double, Double)) {
        let (xi, yi) = point
        var z = 0.0, rx = 0.0, ry = 0.0
        stack[0] = 0
        var top = 1
        while top > 0 {
            top -= 1
            let node = Int(stack[top])
            let dx = xi - tree.centerX[node], dy = yi - tree.centerY[node]
            let d2 = dx * dx + dy * dy
            let child = Int(tree.firstChild[node])
            if child < 0 {
                let start = Int(tree.pointStart[node])
                for k in start..<(start + Int(tree.size[node])) {
                    let j = Int(tree.order[k])
                    if j == i { continue }
                    let ex = xi - xs[j], ey = yi - ys[j]
                    let w = 1 / (1 + ex * ex + ey * ey)
                    z += w
                    let ww = w * w
                    rx += ww * ex
                    ry += ww * ey
                }
            } else if tree.widthSquared[node] < thetaSquared * d2 {
                let mass = Double(tree.size[node])
                let w = 1 / (1 + d2)
                z += mass * w
                let mww = mass * w * w
                rx += mww * dx
                ry += mww * dy
            } else {
                for c in 0..<Int(tree.childCount[node]) {
                    stack[top] = Int32(child + c)
                    top += 1
                }
            }
        }
        return (z, (rx, ry))
    }

    /// Σ_j p_ij w_ij (y_i − y_j) over the neighbours j in row i of P, and Σ_j p_ij log w_ij when
    /// `computeError` is set (0 otherwise).
    @inline(__always)
    private func attraction(
        on i: Int, at point: (Double, Double), xs: FixedBuffer<Double>, ys: FixedBuffer<Double>, computeError: Bool
    ) -> ((Double, Double), Double) {
        let (xi, yi) = point
        var ax = 0.0, ay = 0.0, pLogW = 0.0
        for e in rowStart[i]..<rowStart[i + 1] {
            let j = Int(columns[e])
            let ex = xi - xs[j], ey = yi - ys[j]
            let d2 = ex * ex + ey * ey
            let w = 1 / (1 + d2)
            let pw = values[e] * w
            ax += pw * ex
            ay += pw * ey
            if computeError { pLogW -= values[e] * log(1 + d2) }
        }
        return ((ax, ay), pLogW)
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
