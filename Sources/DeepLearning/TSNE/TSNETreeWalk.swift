/// The repulsive half of the Barnes–Hut gradient: a walk of the quadtree from one point, four
/// sibling cells at a time.
struct TSNETreeWalk {
    let blocks: UnsafePointer<TSNEQuadBlock>
    /// The points' coordinates in tree order, padded with `TSNEQuadTree.padding` zeros.
    let xs: UnsafePointer<Double>, ys: UnsafePointer<Double>
    let thetaSquared: Double

    /// Σ_j w_ij and Σ_j w_ij² (y_i − y_j) over j ≠ i for the point at `position` in tree order,
    /// walking the tree from the root: a cell with r² < θ² d², and a leaf of coinciding points,
    /// count as one point of mass `size` at the center of mass (less point i in its own coincident
    /// leaf, the one lane at d = 0); the other leaves point by point (less point i). `stack` holds
    /// 4 · (`TSNEQuadTree.maxDepth` + 2) block indices.
    @inline(__always)
    func repulsion(at position: Int, stack: UnsafeMutablePointer<Int32>) -> (Double, (Double, Double)) {
        let xi = xs[position], yi = ys[position]
        let px = SIMD4(repeating: xi), py = SIMD4(repeating: yi)
        var sums = TSNERepulsionLanes()
        var ownPoint = 0.0
        stack[0] = 0
        var top = 1
        while top > 0 {
            top &-= 1
            let block = blocks + Int(stack[top])
            // 4 lanes: d = y_i − center, summarised where r² < θ² d² (always for coincident and empty lanes).
            let dx = px - block.pointee.centerX, dy = py - block.pointee.centerY
            let d2 = dx * dx + dy * dy
            let mass = block.pointee.mass
            let open = block.pointee.widthSquared .>= thetaSquared * d2
            let own = (d2 .== 0) .& (mass .> 0) .& .!open
            let summarised = mass.replacing(with: 0, where: open).replacing(with: mass - 1, where: own)
            sums.add(mass: summarised, dx: dx, dy: dy, w: 1 / (1 + d2))
            guard any(open) else { continue }
            // The lanes to open as bits (lanes of all ones masked by 1, 2, 4, 8 and added), lowest first.
            var bits = Int((unsafeBitCast(open, to: SIMD4<Int64>.self) & SIMD4(1, 2, 4, 8)).wrappedSum())
            while bits != 0 {
                let lane = bits.trailingZeroBitCount
                bits &= bits &- 1
                let next = block.pointee.next[lane]
                if next >= 0 {
                    stack[top] = next
                    top &+= 1
                } else {
                    let start = Int(block.pointee.pointStart[lane]), count = Int(block.pointee.size[lane])
                    leaf(start: start, count: count, point: (px, py), into: &sums)
                    // Point i itself was added at d = 0 (w = 1): take it out again.
                    if UInt(bitPattern: position &- start) < UInt(count) { ownPoint = 1 }
                }
            }
        }
        return (sums.z.sum() - ownPoint, (sums.x.sum(), sums.y.sum()))
    }

    /// Adds the points of the leaf at positions `start ..< start + count` one by one, point i
    /// included if it is there (at d = 0, w = 1): four at a time, the lanes past the end masked out
    /// (the padding keeps the loads inside the buffers). Leaves hold at most four points except at
    /// the depth limit.
    @inline(__always)
    private func leaf(start: Int, count: Int, point: (SIMD4<Double>, SIMD4<Double>), into sums: inout TSNERepulsionLanes) {
        let lanes = SIMD4<Double>(0, 1, 2, 3)
        var k = start
        repeat {
            let dx = point.0 - UnsafeRawPointer(xs + k).loadUnaligned(as: SIMD4<Double>.self)
            let dy = point.1 - UnsafeRawPointer(ys + k).loadUnaligned(as: SIMD4<Double>.self)
            let ones = SIMD4<Double>(repeating: 0).replacing(with: 1, where: lanes .< Double(start &+ count &- k))
            sums.add(mass: ones, dx: dx, dy: dy, w: 1 / (1 + dx * dx + dy * dy))
            k &+= 4
        } while k < start &+ count
    }
}

/// Σ w, Σ w² dx and Σ w² dy of a walk, lane by lane (summed across lanes at the end).
struct TSNERepulsionLanes {
    var z = SIMD4<Double>(repeating: 0), x = SIMD4<Double>(repeating: 0), y = SIMD4<Double>(repeating: 0)

    /// Adds cells (or points) of `mass` at offsets (dx, dy) with kernel w = 1 / (1 + d²).
    @inline(__always)
    mutating func add(mass: SIMD4<Double>, dx: SIMD4<Double>, dy: SIMD4<Double>, w: SIMD4<Double>) {
        let mw = mass * w
        z += mw
        let mww = mw * w
        x += mww * dx
        y += mww * dy
    }
}
