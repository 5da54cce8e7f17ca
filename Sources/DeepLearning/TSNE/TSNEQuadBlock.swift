/// The non-empty children of one quadtree cell, one cell per SIMD lane (struct of arrays):
/// the Barnes–Hut walk tests and summarises all four against a point with one set of vector
/// operations, and only the cells that must be opened are looked at one by one.
///
/// A lane is one of: an inner cell (`next` ≥ 0, the block of its own children), a leaf of at most
/// `TSNEQuadTree.bucketSize` points that differ (`next == bucketLeaf`, summed point by point when
/// opened), a leaf of coinciding points (`next == summaryLeaf`, center exactly at those points), or
/// empty (`next == summaryLeaf`, mass 0). The last two have `widthSquared` −1, so that every
/// test `widthSquared < θ² d²` summarises them.
struct TSNEQuadBlock {
    /// Center of mass of each lane's points.
    var centerX: SIMD4<Double>, centerY: SIMD4<Double>
    /// Square of each cell's larger side; −1 for coincident leaves and empty lanes.
    var widthSquared: SIMD4<Double>
    /// How many points each lane holds, as Doubles (the walk multiplies by it); 0 for empty lanes.
    var mass: SIMD4<Double>
    /// What each lane is (see the type's description).
    var next: SIMD4<Int32>
    /// Each lane's points are positions `pointStart ..< pointStart + size` of the tree order.
    var pointStart: SIMD4<Int32>, size: SIMD4<Int32>
    /// Unused: makes the stride 192 bytes, three cache lines, so that in a 64-byte aligned copy
    /// (`TSNEAlignedBlocks`) the lanes' centers, widths and masses fill exactly two.
    private var padding = SIMD4<Int32>.zero

    /// `next` of a leaf whose points differ.
    static let bucketLeaf: Int32 = -1
    /// `next` of a leaf whose points coincide, and of an empty lane.
    static let summaryLeaf: Int32 = -2

    /// Four empty lanes.
    static let empty = TSNEQuadBlock(
        centerX: .zero, centerY: .zero, widthSquared: SIMD4(repeating: -1), mass: .zero,
        next: SIMD4(repeating: summaryLeaf), pointStart: .zero, size: .zero)

    /// Whether lane `lane` is a leaf of coinciding points (mass > 0, never opened).
    func isCoincidentLeaf(_ lane: Int) -> Bool { next[lane] == Self.summaryLeaf && size[lane] > 0 }
}

/// A copy of a tree's blocks at a 64-byte aligned address, for the walk: the storage grows as
/// needed and is kept from one copy to the next. One owner, not shared between threads while copying.
final class TSNEAlignedBlocks {
    private(set) var pointer: UnsafeMutablePointer<TSNEQuadBlock>
    private var capacity: Int

    init() {
        capacity = 0
        pointer = Self.allocate(1)
    }

    deinit { pointer.deallocate() }

    /// Makes the buffer a copy of `blocks`.
    func copy(_ blocks: [TSNEQuadBlock]) {
        if blocks.count > capacity {
            pointer.deallocate()
            capacity = blocks.count * 2
            pointer = Self.allocate(capacity)
        }
        blocks.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.update(from: base, count: source.count) }
        }
    }

    private static func allocate(_ count: Int) -> UnsafeMutablePointer<TSNEQuadBlock> {
        UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<TSNEQuadBlock>.stride, alignment: 64)
            .bindMemory(to: TSNEQuadBlock.self, capacity: max(count, 1))
    }
}
