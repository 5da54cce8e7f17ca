/// One cell of `TSNEQuadTree`, 48 bytes: everything the Barnes–Hut walk reads at a visit, side by
/// side in memory (one or two cache lines instead of one per field).
struct TSNEQuadNode {
    /// Center of mass of the cell's points.
    var centerX: Double, centerY: Double
    /// Square of the cell's larger side.
    var widthSquared: Double
    /// How many points the cell holds, as a Double (the walk multiplies by it).
    var mass: Double
    /// Index of the first child; `TSNEQuadTree.coincidentLeaf` for a leaf of one point or of
    /// coinciding points (its center is that point, exactly), `TSNEQuadTree.bucketLeaf` for a leaf of
    /// at most `TSNEQuadTree.bucketSize` points that differ (or more, at the depth limit).
    var firstChild: Int32
    /// How many children (0 for a leaf).
    var childCount: Int32
    /// The cell's points are `order[pointStart ..< pointStart + size]`.
    var pointStart: Int32
    /// How many points the cell holds.
    var size: Int32
}

/// A point-region quadtree over 2-D points, for Barnes–Hut t-SNE.
///
/// Every cell knows how many points it holds, their center of mass and the square of its larger
/// side. A cell with at most `bucketSize` points (or whose points coincide, or at the depth limit) is
/// a leaf: the walk takes a near leaf's points one by one, which costs less than opening cells down to
/// single points and is exact. Nodes are
/// one flat array of `TSNEQuadNode`; the non-empty children of a node are contiguous. Points are
/// permuted so that every cell's points are one range of `order`, which also gives a spatially local
/// order in which to visit the points. `rebuild` reuses the arrays, so a t-SNE iteration allocates
/// nothing for its tree.
struct TSNEQuadTree {
    /// The cells, root first.
    private(set) var nodes: [TSNEQuadNode] = []
    /// The points in tree order (N entries).
    private(set) var points = FixedBuffer<Int32>(uninitializedCount: 0)
    /// The leaf that holds each point (N entries).
    private(set) var leafOf = FixedBuffer<Int32>(uninitializedCount: 0)
    /// The deepest level reached (root 0).
    private(set) var depth = 0
    private var scratch = FixedBuffer<Int32>(uninitializedCount: 0)
    private var quadrants = FixedBuffer<UInt8>(uninitializedCount: 0)

    /// The coordinates of the points in tree order: point `points[k]` is at (`sortedX[k]`, `sortedY[k]`).
    private(set) var sortedX = FixedBuffer<Double>(uninitializedCount: 0)
    private(set) var sortedY = FixedBuffer<Double>(uninitializedCount: 0)

    /// The points in tree order, as an array.
    var order: [Int32] { points.array }

    static let maxDepth = 50
    /// The most points of a leaf whose points differ (above `maxDepth`).
    static let bucketSize = 4
    /// `firstChild` of a leaf whose points coincide (one point, usually).
    static let coincidentLeaf: Int32 = -1
    /// `firstChild` of a leaf whose points differ.
    static let bucketLeaf: Int32 = -2

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
        var nodes = self.nodes
        self.nodes = []  // one reference: the appends below do not copy
        nodes.removeAll(keepingCapacity: true)
        if points.count != n {
            points = FixedBuffer(uninitializedCount: n)
            leafOf = FixedBuffer(uninitializedCount: n)
            scratch = FixedBuffer(uninitializedCount: n)
            quadrants = FixedBuffer(uninitializedCount: n)
            sortedX = FixedBuffer(uninitializedCount: n)
            sortedY = FixedBuffer(uninitializedCount: n)
            nodes.reserveCapacity(2 * n + 16)
        }
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
        }
        // A small margin so that points on the upper edge fall inside.
        let margin = 1e-5 * max(maxX - minX, maxY - minY, 1e-12)
        let box = TSNEBox(minX: minX - margin, maxX: maxX + margin, minY: minY - margin, maxY: maxY + margin)
        let width = max(box.maxX - box.minX, box.maxY - box.minY)
        nodes.append(TSNEQuadNode(
            centerX: sumX / Double(n), centerY: sumY / Double(n), widthSquared: width * width, mass: Double(n),
            firstChild: Self.coincidentLeaf, childCount: 0, pointStart: 0, size: Int32(n)))
        var builder = TSNEQuadTreeBuilder(
            xs: xs, ys: ys, order: points.pointer, scratch: scratch.pointer, quadrants: quadrants.pointer,
            leafOf: leafOf.pointer, nodes: nodes)
        nodes = []
        builder.split(node: 0, box: box, level: 0)
        self.nodes = builder.nodes
        depth = builder.depth
        for k in 0..<n {
            sortedX[k] = xs[Int(points[k])]
            sortedY[k] = ys[Int(points[k])]
        }
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
}

/// The recursive split of `TSNEQuadTree.rebuild`, over raw buffers. A node's center, mass and range
/// are set by its parent (from the sums gathered while partitioning the parent's points), so every
/// level reads each point once to classify it and once to move it.
private struct TSNEQuadTreeBuilder {
    let xs: UnsafePointer<Double>, ys: UnsafePointer<Double>
    let order: UnsafeMutablePointer<Int32>, scratch: UnsafeMutablePointer<Int32>
    let quadrants: UnsafeMutablePointer<UInt8>, leafOf: UnsafeMutablePointer<Int32>
    var nodes: [TSNEQuadNode]
    var depth = 0

    /// Makes `node` (range, center and mass already set) a leaf, or gives it its non-empty
    /// quadrants as children and splits those.
    mutating func split(node: Int, box: TSNEBox, level: Int) {
        depth = max(depth, level)
        let start = Int(nodes[node].pointStart), end = start + Int(nodes[node].size)
        let midX = (box.minX + box.maxX) / 2, midY = (box.minY + box.maxY) / 2
        // One pass: each point's quadrant, per-quadrant counts and sums, and whether all coincide.
        var counts = SIMD4<Int>(repeating: 0)
        var sumsX = SIMD4<Double>(repeating: 0), sumsY = SIMD4<Double>(repeating: 0)
        let first = Int(order[start])
        var allSame = true
        for k in start..<end {
            let p = Int(order[k])
            let x = xs[p], y = ys[p]
            let q = (x >= midX ? 1 : 0) + (y >= midY ? 2 : 0)
            quadrants[k] = UInt8(q)
            counts[q] += 1
            sumsX[q] += x
            sumsY[q] += y
            if x != xs[first] || y != ys[first] { allSame = false }
        }
        if end - start == 1 || allSame {
            nodes[node].centerX = xs[first]
            nodes[node].centerY = ys[first]
            for k in start..<end { leafOf[Int(order[k])] = Int32(node) }
            return
        }
        if end - start <= TSNEQuadTree.bucketSize || level >= TSNEQuadTree.maxDepth {
            nodes[node].firstChild = TSNEQuadTree.bucketLeaf
            for k in start..<end { leafOf[Int(order[k])] = Int32(node) }
            return
        }
        partition(start: start, end: end, counts: counts)
        let firstChild = nodes.count
        var childStart = start
        for q in 0..<4 where counts[q] > 0 {
            let child = box.quadrant(q, midX: midX, midY: midY)
            let width = max(child.maxX - child.minX, child.maxY - child.minY)
            let size = Double(counts[q])
            nodes.append(TSNEQuadNode(
                centerX: sumsX[q] / size, centerY: sumsY[q] / size, widthSquared: width * width, mass: size,
                firstChild: TSNEQuadTree.coincidentLeaf, childCount: 0, pointStart: Int32(childStart),
                size: Int32(counts[q])))
            childStart += counts[q]
        }
        nodes[node].firstChild = Int32(firstChild)
        nodes[node].childCount = Int32(nodes.count - firstChild)
        var child = firstChild
        for q in 0..<4 where counts[q] > 0 {
            split(node: child, box: box.quadrant(q, midX: midX, midY: midY), level: level + 1)
            child += 1
        }
    }

    /// Reorders `order[start..<end]` by the quadrants found by `split` (a stable counting sort
    /// through `scratch`).
    private func partition(start: Int, end: Int, counts: SIMD4<Int>) {
        var offsets = SIMD4<Int>(start, start + counts[0], start + counts[0] + counts[1],
                                 start + counts[0] + counts[1] + counts[2])
        for k in start..<end {
            let q = Int(quadrants[k])
            scratch[offsets[q]] = order[k]
            offsets[q] += 1
        }
        (order + start).update(from: scratch + start, count: end - start)
    }
}
