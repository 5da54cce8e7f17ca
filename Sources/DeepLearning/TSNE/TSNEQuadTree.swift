/// A point-region quadtree over 2-D points, for Barnes–Hut t-SNE.
///
/// Every cell knows how many points it holds, their center of mass and the square of its larger
/// side. A cell with one point (or whose points coincide, or at the depth limit) is a leaf. Nodes are
/// stored in flat arrays; the non-empty children of a node are contiguous. Points are permuted so
/// that every cell's points are one range of `order`, which also gives a spatially local order in
/// which to visit the points.
struct TSNEQuadTree {
    var centerX: [Double] = []
    var centerY: [Double] = []
    var size: [Int32] = []
    var widthSquared: [Double] = []
    /// Index of the first child, or −1 for a leaf.
    var firstChild: [Int32] = []
    var childCount: [Int8] = []
    /// The node's points are `order[pointStart[node] ..< pointStart[node] + size[node]]`.
    var pointStart: [Int32] = []
    var order: [Int32] = []
    private(set) var depth = 0

    static let maxDepth = 50

    /// Builds the tree over `xs`, `ys` (length N).
    init(xs: [Double], ys: [Double]) {
        let n = xs.count
        order = (0..<Int32(n)).map { $0 }
        guard n > 0 else { return }
        var minX = Double.infinity, maxX = -Double.infinity
        var minY = Double.infinity, maxY = -Double.infinity
        for i in 0..<n {
            minX = min(minX, xs[i]); maxX = max(maxX, xs[i])
            minY = min(minY, ys[i]); maxY = max(maxY, ys[i])
        }
        // A small margin so that points on the upper edge fall inside.
        let margin = 1e-5 * max(maxX - minX, maxY - minY, 1e-12)
        minX -= margin; minY -= margin; maxX += margin; maxY += margin
        let capacity = 2 * n + 16
        centerX.reserveCapacity(capacity); centerY.reserveCapacity(capacity)
        size.reserveCapacity(capacity); widthSquared.reserveCapacity(capacity)
        firstChild.reserveCapacity(capacity); childCount.reserveCapacity(capacity)
        pointStart.reserveCapacity(capacity)
        var scratch = [Int32](repeating: 0, count: n)
        appendNode()
        build(node: 0, start: 0, end: n, minX: minX, maxX: maxX, minY: minY, maxY: maxY,
              level: 0, xs: xs, ys: ys, scratch: &scratch)
    }

    private mutating func appendNode() {
        centerX.append(0); centerY.append(0); size.append(0); widthSquared.append(0)
        firstChild.append(-1); childCount.append(0); pointStart.append(0)
    }

    private mutating func build(
        node: Int, start: Int, end: Int, minX: Double, maxX: Double, minY: Double, maxY: Double,
        level: Int, xs: [Double], ys: [Double], scratch: inout [Int32]
    ) {
        depth = max(depth, level)
        var sumX = 0.0, sumY = 0.0
        var allSame = true
        let firstPoint = Int(order[start])
        for k in start..<end {
            let p = Int(order[k])
            sumX += xs[p]; sumY += ys[p]
            if xs[p] != xs[firstPoint] || ys[p] != ys[firstPoint] { allSame = false }
        }
        let count = end - start
        centerX[node] = sumX / Double(count)
        centerY[node] = sumY / Double(count)
        size[node] = Int32(count)
        let width = max(maxX - minX, maxY - minY)
        widthSquared[node] = width * width
        pointStart[node] = Int32(start)
        if count == 1 || allSame || level >= Self.maxDepth { return }

        let midX = (minX + maxX) / 2
        let midY = (minY + maxY) / 2
        let bounds = partition(start: start, end: end, midX: midX, midY: midY, xs: xs, ys: ys, scratch: &scratch)

        let first = centerX.count
        var children: [(Int, Int, Int)] = []  // (quadrant, start, end)
        for q in 0..<4 where bounds[q + 1] > bounds[q] { children.append((q, bounds[q], bounds[q + 1])) }
        for _ in children { appendNode() }
        firstChild[node] = Int32(first)
        childCount[node] = Int8(children.count)
        for (index, child) in children.enumerated() {
            let (q, s, e) = child
            build(node: first + index, start: s, end: e,
                  minX: q & 1 == 0 ? minX : midX, maxX: q & 1 == 0 ? midX : maxX,
                  minY: q & 2 == 0 ? minY : midY, maxY: q & 2 == 0 ? midY : maxY,
                  level: level + 1, xs: xs, ys: ys, scratch: &scratch)
        }
    }

    /// Reorders `order[start..<end]` by quadrant around (midX, midY) (counting sort through
    /// `scratch`); returns the five bounds of the four quadrants' ranges.
    private mutating func partition(
        start: Int, end: Int, midX: Double, midY: Double, xs: [Double], ys: [Double], scratch: inout [Int32]
    ) -> [Int] {
        @inline(__always) func quadrant(_ p: Int) -> Int {
            (xs[p] >= midX ? 1 : 0) + (ys[p] >= midY ? 2 : 0)
        }
        var counts = (0, 0, 0, 0)
        for k in start..<end {
            switch quadrant(Int(order[k])) {
            case 0: counts.0 += 1
            case 1: counts.1 += 1
            case 2: counts.2 += 1
            default: counts.3 += 1
            }
        }
        var offsets = [start, start + counts.0, start + counts.0 + counts.1, start + counts.0 + counts.1 + counts.2]
        let bounds = offsets + [end]
        for k in start..<end {
            let p = order[k]
            let q = quadrant(Int(p))
            scratch[offsets[q]] = p
            offsets[q] += 1
        }
        for k in start..<end { order[k] = scratch[k] }
        return bounds
    }
}

/// A built quadtree's node arrays copied into buffers, so that the Barnes–Hut traversal reads them
/// without bounds checks or nested `withUnsafeBufferPointer` scopes. The copy is O(nodes) = O(N) per
/// gradient evaluation, beside the O(N log N) build and traversal.
struct TSNEQuadTreeNodes {
    /// Per node: center of mass, square of the larger side.
    let centerX: FixedBuffer<Double>, centerY: FixedBuffer<Double>, widthSquared: FixedBuffer<Double>
    /// Per node: point count, first child (−1 for a leaf), start of its points in `order`.
    let size: FixedBuffer<Int32>, firstChild: FixedBuffer<Int32>, pointStart: FixedBuffer<Int32>
    /// Per node: how many children.
    let childCount: FixedBuffer<Int8>
    /// The points in tree order.
    let order: FixedBuffer<Int32>

    /// Copies `tree`'s arrays.
    init(_ tree: TSNEQuadTree) {
        centerX = FixedBuffer(copying: tree.centerX)
        centerY = FixedBuffer(copying: tree.centerY)
        widthSquared = FixedBuffer(copying: tree.widthSquared)
        size = FixedBuffer(copying: tree.size)
        firstChild = FixedBuffer(copying: tree.firstChild)
        pointStart = FixedBuffer(copying: tree.pointStart)
        childCount = FixedBuffer(copying: tree.childCount)
        order = FixedBuffer(copying: tree.order)
    }
}
