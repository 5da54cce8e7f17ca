/// The recursive split of `TSNEQuadTree.rebuild`, over raw buffers. The points' coordinates move
/// with their indices, so every pass reads them in order and the finished arrays are the
/// coordinates in tree order. A cell's center, mass and range are set in its lane by its parent
/// (from the sums gathered while classifying the parent's points), so every level reads each point
/// once to classify it and once to move it, without branches on the data.
struct TSNEQuadTreeBuilder {
    /// Coordinates and indices in the current order, and room to partition them into.
    let x: UnsafeMutablePointer<Double>, y: UnsafeMutablePointer<Double>, order: UnsafeMutablePointer<Int32>
    let scratchX: UnsafeMutablePointer<Double>, scratchY: UnsafeMutablePointer<Double>
    let scratchOrder: UnsafeMutablePointer<Int32>
    let quadrants: UnsafeMutablePointer<UInt8>
    var blocks: [TSNEQuadBlock]
    var depth = 0

    /// Makes the cell in `lane` of `block`, holding positions `start ..< end` (its center and mass
    /// already set), a leaf, or gives it a block of its non-empty quadrants and splits those.
    mutating func split(block: Int, lane: Int, start: Int, end: Int, box: TSNEBox, level: Int) {
        depth = max(depth, level)
        // A cell small enough to be a leaf needs only the test whether its points coincide.
        let small = end - start <= TSNEQuadTree.bucketSize
        let midX = (box.minX + box.maxX) / 2, midY = (box.minY + box.maxY) / 2
        let (counts, sumsX, sumsY, allSame) = small
            ? (.zero, .zero, .zero, coincide(start: start, end: end))
            : classify(start: start, end: end, midX: midX, midY: midY)
        if end - start == 1 || allSame {
            // Its center is its point, exactly: the walk leaves out point i where d = 0.
            blocks[block].centerX[lane] = x[start]
            blocks[block].centerY[lane] = y[start]
            blocks[block].widthSquared[lane] = -1
            blocks[block].next[lane] = TSNEQuadBlock.summaryLeaf
            return
        }
        if small || level >= TSNEQuadTree.maxDepth {
            blocks[block].next[lane] = TSNEQuadBlock.bucketLeaf
            return
        }
        partition(start: start, end: end, counts: counts)
        let children = blocks.count
        blocks.append(childBlock(start: start, counts: counts, sumsX: sumsX, sumsY: sumsY, box: box))
        blocks[block].next[lane] = Int32(children)
        var slot = 0
        var childStart = start
        for q in 0..<4 where counts[q] > 0 {
            let childEnd = childStart + counts[q]
            split(block: children, lane: slot, start: childStart, end: childEnd,
                  box: box.quadrant(q, midX: midX, midY: midY), level: level + 1)
            childStart = childEnd
            slot += 1
        }
    }

    /// One pass over positions `start ..< end`: each point's quadrant q (bit 0: x ≥ midX, bit 1:
    /// y ≥ midY) into `quadrants`, the count and coordinate sums of each quadrant (lane q), and
    /// whether all points coincide. Lane q is picked by comparison masks, not by an index.
    private func classify(
        start: Int, end: Int, midX: Double, midY: Double
    ) -> (counts: SIMD4<Int>, sumsX: SIMD4<Double>, sumsY: SIMD4<Double>, allSame: Bool) {
        // Lane q's pattern: bit 0 of q in `upperX`, bit 1 in `upperY`.
        let upperX = SIMDMask<SIMD4<Int64>>(arrayLiteral: false, true, false, true)
        let upperY = SIMDMask<SIMD4<Int64>>(arrayLiteral: false, false, true, true)
        var counts = SIMD4<Int64>(repeating: 0)
        var sumsX = SIMD4<Double>(repeating: 0), sumsY = SIMD4<Double>(repeating: 0)
        let firstX = x[start], firstY = y[start]
        var differ: UInt8 = 0
        for k in start..<end {
            let px = x[k], py = y[k]
            let q = Int(unsafeBitCast(px >= midX, to: UInt8.self) | unsafeBitCast(py >= midY, to: UInt8.self) &<< 1)
            quadrants[k] = UInt8(truncatingIfNeeded: q)
            // The lane whose pattern matches (an index compare would become a jump table).
            let hit = .!(((SIMD4(repeating: px) .>= midX) .^ upperX) .| ((SIMD4(repeating: py) .>= midY) .^ upperY))
            counts &-= unsafeBitCast(hit, to: SIMD4<Int64>.self)  // a true lane is −1
            sumsX += SIMD4(repeating: px).replacing(with: 0, where: .!hit)
            sumsY += SIMD4(repeating: py).replacing(with: 0, where: .!hit)
            differ |= unsafeBitCast(px != firstX, to: UInt8.self) | unsafeBitCast(py != firstY, to: UInt8.self)
        }
        return (SIMD4<Int>(truncatingIfNeeded: counts), sumsX, sumsY, differ == 0)
    }

    /// Whether the points at positions `start ..< end` all coincide.
    private func coincide(start: Int, end: Int) -> Bool {
        for k in (start + 1)..<max(end, start + 1) where x[k] != x[start] || y[k] != y[start] { return false }
        return true
    }

    /// The block of a cell's non-empty quadrants, in quadrant order from lane 0, each with its range
    /// (from `start`, by `counts`), center of mass and width; not yet split.
    private func childBlock(
        start: Int, counts: SIMD4<Int>, sumsX: SIMD4<Double>, sumsY: SIMD4<Double>, box: TSNEBox
    ) -> TSNEQuadBlock {
        let midX = (box.minX + box.maxX) / 2, midY = (box.minY + box.maxY) / 2
        var result = TSNEQuadBlock.empty
        var slot = 0
        var childStart = start
        for q in 0..<4 where counts[q] > 0 {
            let size = Double(counts[q])
            result.centerX[slot] = sumsX[q] / size
            result.centerY[slot] = sumsY[q] / size
            result.widthSquared[slot] = box.quadrant(q, midX: midX, midY: midY).widthSquared
            result.mass[slot] = size
            result.next[slot] = TSNEQuadBlock.summaryLeaf
            result.pointStart[slot] = Int32(childStart)
            result.size[slot] = Int32(counts[q])
            childStart += counts[q]
            slot += 1
        }
        return result
    }

    /// Reorders positions `start..<end` (indices and coordinates) by the quadrants found by
    /// `classify`: a stable counting sort through the scratch buffers, the destination chosen by
    /// selects rather than an indexed store.
    private func partition(start: Int, end: Int, counts: SIMD4<Int>) {
        var o0 = start, o1 = start + counts[0]
        var o2 = o1 + counts[1], o3 = o2 + counts[2]
        for k in start..<end {
            let q = quadrants[k]
            let destination = q == 0 ? o0 : q == 1 ? o1 : q == 2 ? o2 : o3
            scratchOrder[destination] = order[k]
            scratchX[destination] = x[k]
            scratchY[destination] = y[k]
            o0 &+= q == 0 ? 1 : 0
            o1 &+= q == 1 ? 1 : 0
            o2 &+= q == 2 ? 1 : 0
            o3 &+= q == 3 ? 1 : 0
        }
        let count = end - start
        (order + start).update(from: scratchOrder + start, count: count)
        (x + start).update(from: scratchX + start, count: count)
        (y + start).update(from: scratchY + start, count: count)
    }
}
