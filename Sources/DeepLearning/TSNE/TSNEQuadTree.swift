/// A point-region quadtree over 2-D points, for Barnes–Hut t-SNE.
///
/// Every cell knows how many points it holds, their center of mass and the square of its larger
/// side. A cell with at most `bucketSize` points (or whose points coincide, or at the depth limit) is
/// a leaf: the walk takes a near leaf's points one by one, which costs less than opening cells down to
/// single points and is exact. The cells are stored by sibling groups, `TSNEQuadBlock`s of four lanes:
/// block 0 holds the root alone (lane 0), and an inner cell's `next` is the block of its non-empty
/// children. Points are permuted so that every cell's points are one range of `order`, which also
/// gives a spatially local order in which to visit the points. `rebuild` reuses the arrays, so a
/// t-SNE iteration allocates nothing for its tree.
struct TSNEQuadTree {
    /// The sibling groups, the root's first.
    private(set) var blocks: [TSNEQuadBlock] = []
    /// The points in tree order (N entries).
    private(set) var points = FixedBuffer<Int32>(uninitializedCount: 0)
    /// The deepest level reached (root 0).
    private(set) var depth = 0
    private var scratch = FixedBuffer<Int32>(uninitializedCount: 0)
    private var scratchX = FixedBuffer<Double>(uninitializedCount: 0), scratchY = FixedBuffer<Double>(uninitializedCount: 0)
    private var quadrants = FixedBuffer<UInt8>(uninitializedCount: 0)

    /// The coordinates of the points in tree order: point `points[k]` is at (`sortedX[k]`, `sortedY[k]`).
    /// Both hold N + `padding` values, the last ones 0, so that a leaf's points load as one vector.
    private(set) var sortedX = FixedBuffer<Double>(uninitializedCount: 0)
    private(set) var sortedY = FixedBuffer<Double>(uninitializedCount: 0)

    /// The points in tree order, as an array.
    var order: [Int32] { points.array }

    static let maxDepth = 50
    /// The most points of a leaf whose points differ (above `maxDepth`).
    static let bucketSize = 4
    /// Zeros after the N sorted coordinates.
    static let padding = 4

    /// An empty tree, to `rebuild` later.
    init() {}

    /// Builds the tree over `xs`, `ys` (length N).
    init(xs: [Double], ys: [Double]) {
        precondition(xs.count == ys.count, "TSNEQuadTree: xs and ys differ in length")
        xs.withUnsafeBufferPointer { x in
            ys.withUnsafeBufferPointer { y in rebuild(xs: x.baseAddress!, ys: y.baseAddress!, count: xs.count) }
        }
    }

    /// Rebuilds the tree over the `n` points (`xs[i]`, `ys[i]`), keeping the arrays' storage.
    mutating func rebuild(xs: UnsafePointer<Double>, ys: UnsafePointer<Double>, count n: Int) {
        var blocks = self.blocks
        self.blocks = []  // one reference: the appends below do not copy
        blocks.removeAll(keepingCapacity: true)
        if points.count != n { allocate(count: n, blocks: &blocks) }
        depth = 0
        guard n > 0 else { return }
        var minX = Double.infinity, maxX = -Double.infinity
        var minY = Double.infinity, maxY = -Double.infinity
        var sumX = 0.0, sumY = 0.0
        for i in 0..<n {
            minX = min(minX, xs[i]); maxX = max(maxX, xs[i])
            minY = min(minY, ys[i]); maxY = max(maxY, ys[i])
            sumX += xs[i]; sumY += ys[i]
            points[i] = Int32(i)
            sortedX[i] = xs[i]
            sortedY[i] = ys[i]
        }
        // A small margin so that points on the upper edge fall inside.
        let margin = 1e-5 * max(maxX - minX, maxY - minY, 1e-12)
        let box = TSNEBox(minX: minX - margin, maxX: maxX + margin, minY: minY - margin, maxY: maxY + margin)
        let width = max(box.maxX - box.minX, box.maxY - box.minY)
        var root = TSNEQuadBlock.empty
        root.centerX[0] = sumX / Double(n)
        root.centerY[0] = sumY / Double(n)
        root.widthSquared[0] = width * width
        root.mass[0] = Double(n)
        root.size[0] = Int32(n)
        blocks.append(root)
        var builder = TSNEQuadTreeBuilder(
            x: sortedX.pointer, y: sortedY.pointer, order: points.pointer, scratchX: scratchX.pointer,
            scratchY: scratchY.pointer, scratchOrder: scratch.pointer, quadrants: quadrants.pointer, blocks: blocks)
        blocks = []
        builder.split(block: 0, lane: 0, start: 0, end: n, box: box, level: 0)
        self.blocks = builder.blocks
        depth = builder.depth
    }

    /// Buffers for `n` points (the sorted coordinates padded with zeros).
    private mutating func allocate(count n: Int, blocks: inout [TSNEQuadBlock]) {
        points = FixedBuffer(uninitializedCount: n)
        scratch = FixedBuffer(uninitializedCount: n)
        scratchX = FixedBuffer(uninitializedCount: n)
        scratchY = FixedBuffer(uninitializedCount: n)
        quadrants = FixedBuffer(uninitializedCount: n)
        sortedX = FixedBuffer(repeating: 0, count: n + Self.padding)
        sortedY = FixedBuffer(repeating: 0, count: n + Self.padding)
        blocks.reserveCapacity(n / 2 + 16)
    }
}

/// A cell's bounds.
struct TSNEBox {
    var minX: Double, maxX: Double, minY: Double, maxY: Double

    /// Quadrant q (bit 0: upper x half, bit 1: upper y half) around the middle (midX, midY).
    @inline(__always)
    func quadrant(_ q: Int, midX: Double, midY: Double) -> TSNEBox {
        TSNEBox(minX: q & 1 == 0 ? minX : midX, maxX: q & 1 == 0 ? midX : maxX,
                minY: q & 2 == 0 ? minY : midY, maxY: q & 2 == 0 ? midY : maxY)
    }

    /// Square of the larger side.
    var widthSquared: Double {
        let width = max(maxX - minX, maxY - minY)
        return width * width
    }
}
