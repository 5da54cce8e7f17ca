import Foundation

// Barnes–Hut t-SNE (van der Maaten 2014): the same gradient as the exact method,
//   ∂KL/∂y_i = 4 (Σ_j p_ij w_ij (y_i − y_j)  −  (1/Z) Σ_j w_ij² (y_i − y_j)),  w_ij = (1 + ‖y_i − y_j‖²)⁻¹,
// with P sparse (nearest neighbours only), so attraction costs O(N k), and the repulsion and
// Z = Σ w_ij approximated with a quadtree: a cell of width r at distance d from y_i whose
// r² / d² < θ² acts as one point of mass `size` at its center of mass. θ = 0 is exact. Leaves hold
// up to `TSNEQuadTree.bucketSize` points; a leaf that fails the test is summed point by point (exact),
// where a tree of one-point leaves would open more cells and summarise some of them.

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
        y.withUnsafeBufferPointer { y in
            tree.nodes.withUnsafeBufferPointer { nodes in
                pointSums(interleaved: y.baseAddress!, nodes: nodes.baseAddress!, computeError: computeError)
            }
        }
        return sums.finish(
            z: sums.totalZ(), exaggeration: exaggeration, pLogP: pLogP, computeError: computeError, gradient: &gradient)
    }

    /// Every point's sums: repulsion and Z from the tree, attraction from its row of P.
    private func pointSums(interleaved y: UnsafePointer<Double>, nodes: UnsafePointer<TSNEQuadNode>, computeError: Bool) {
        let order = tree.points, leafOf = tree.leafOf
        let walk = TSNETreeWalk(nodes: nodes, xs: tree.sortedX.pointer, ys: tree.sortedY.pointer, thetaSquared: thetaSquared)
        Parallel.forEachChunk(n, costPerItem: tsneRowCost, threads: threads, chunksPerThread: 8) { range in
            let stack = UnsafeMutablePointer<Int32>.allocate(capacity: 4 * (TSNEQuadTree.maxDepth + 2) + 8)
            defer { stack.deallocate() }
            for position in range {
                // Visit points in tree order: neighbours in space share cache lines.
                let i = Int(order[position])
                let xi = y[2 * i], yi = y[2 * i + 1]
                let (z, repulsion) = walk.repulsion(at: position, leaf: leafOf[i], stack: stack)
                let (attraction, pLogW) = computeError
                    ? attraction(on: i, at: (xi, yi), y: y, computeError: true)
                    : attraction(on: i, at: (xi, yi), y: y, computeError: false)
                sums.set(i, z: z, attraction: attraction, repulsion: repulsion, pLogW: pLogW)
            }
        }
    }

    /// Σ_j p_ij w_ij (y_i − y_j) over the neighbours j in row i of P, and Σ_j p_ij log w_ij when
    /// `computeError` is set (0 otherwise). `y` is the interleaved embedding.
    @inline(__always)
    private func attraction(
        on i: Int, at point: (Double, Double), y: UnsafePointer<Double>, computeError: Bool
    ) -> ((Double, Double), Double) {
        let (xi, yi) = point
        var ax = 0.0, ay = 0.0, pLogW = 0.0
        for e in rowStart[i]..<rowStart[i + 1] {
            let j = Int(columns[e])
            let ex = xi - y[2 * j], ey = yi - y[2 * j + 1]
            let d2 = ex * ex + ey * ey
            let pw = values[e] / (1 + d2)
            ax += pw * ex
            ay += pw * ey
            if computeError { pLogW -= values[e] * log(1 + d2) }
        }
        return ((ax, ay), pLogW)
    }
}

/// The repulsive half of the Barnes–Hut gradient: a walk of the quadtree from one point.
struct TSNETreeWalk {
    let nodes: UnsafePointer<TSNEQuadNode>
    /// The points' coordinates in tree order.
    let xs: UnsafePointer<Double>, ys: UnsafePointer<Double>
    let thetaSquared: Double

    /// Σ_j w_ij and Σ_j w_ij² (y_i − y_j) over j ≠ i for the point at `position` in tree order, whose
    /// leaf is `leaf`, walking the tree from the root: a cell with r² < θ² d², and a leaf of
    /// coinciding points, count as one point of mass `size` at the center of mass (less point i in
    /// its own leaf, where d = 0); the other leaves point by point.
    @inline(__always)
    func repulsion(at position: Int, leaf: Int32, stack: UnsafeMutablePointer<Int32>) -> (Double, (Double, Double)) {
        let xi = xs[position], yi = ys[position]
        var z = 0.0, rx = 0.0, ry = 0.0
        stack[0] = 0
        var top = 1
        while top > 0 {
            top -= 1
            let index = stack[top]
            let node = nodes[Int(index)]
            let dx = xi - node.centerX, dy = yi - node.centerY
            let d2 = dx * dx + dy * dy
            let child = node.firstChild
            if child != TSNEQuadTree.coincidentLeaf && !(node.widthSquared < thetaSquared * d2) {
                if child >= 0 {
                    for c in 0..<node.childCount {
                        stack[top] = child + c
                        top += 1
                    }
                } else {
                    let start = Int(node.pointStart)
                    for k in start..<(start + Int(node.size)) where k != position {
                        let ex = xi - xs[k], ey = yi - ys[k]
                        let w = 1 / (1 + ex * ex + ey * ey)
                        z += w
                        let ww = w * w
                        rx += ww * ex
                        ry += ww * ey
                    }
                }
            } else {
                let mass = index == leaf && child == TSNEQuadTree.coincidentLeaf ? node.mass - 1 : node.mass
                let w = 1 / (1 + d2)
                z += mass * w
                let mww = mass * w * w
                rx += mww * dx
                ry += mww * dy
            }
        }
        return (z, (rx, ry))
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
