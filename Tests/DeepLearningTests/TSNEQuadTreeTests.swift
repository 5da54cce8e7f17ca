import Foundation
import Testing
@testable import DeepLearning

@Suite("t-SNE quadtree and parallel loop")
struct TSNEQuadTreeTests {
    /// Checks every cell reached from the root (lane 0 of block 0): its size is its children's
    /// total, its center of mass is the mean of its points, its points lie in its range of `order`
    /// (children's ranges tile it), leaves hold coinciding points or at most `bucketSize` points,
    /// empty lanes have mass 0 and are always summarised, every block is some cell's children, and
    /// the sorted coordinates are the points' in tree order.
    static func checkInvariants(_ tree: TSNEQuadTree, xs: [Double], ys: [Double]) {
        let order = tree.order.map(Int.init)
        #expect(order.sorted() == Array(0..<xs.count))
        for (k, p) in order.enumerated() { #expect(tree.sortedX[k] == xs[p] && tree.sortedY[k] == ys[p]) }
        #expect(Int(tree.blocks[0].size[0]) == xs.count && tree.blocks[0].pointStart[0] == 0)
        var reached = [Int](repeating: 0, count: tree.blocks.count)
        var pending = [0]
        reached[0] = 1
        while let b = pending.popLast() {
            let block = tree.blocks[b]
            for lane in 0..<4 {
                checkLane(block, lane, tree: tree, order: order, xs: xs, ys: ys)
                guard block.next[lane] >= 0 else { continue }
                let children = Int(block.next[lane])
                reached[children] += 1
                pending.append(children)
                checkChildren(tree.blocks[children], of: block, lane)
            }
        }
        #expect(reached.allSatisfy { $0 == 1 })
    }

    /// One lane: empty, or a cell whose mass and center match its points.
    static func checkLane(_ block: TSNEQuadBlock, _ lane: Int, tree: TSNEQuadTree, order: [Int], xs: [Double], ys: [Double]) {
        let start = Int(block.pointStart[lane]), size = Int(block.size[lane])
        #expect(block.mass[lane] == Double(size))
        guard size > 0 else {
            #expect(block.next[lane] == TSNEQuadBlock.summaryLeaf && block.widthSquared[lane] < 0)
            return
        }
        let points = order[start..<(start + size)]
        let first = points.first!
        let coincide = points.allSatisfy { xs[$0] == xs[first] && ys[$0] == ys[first] }
        if block.isCoincidentLeaf(lane) {
            #expect(coincide && block.widthSquared[lane] < 0)
            // Its center is its point, exactly: the walk leaves out point i at d = 0.
            #expect(block.centerX[lane] == xs[first] && block.centerY[lane] == ys[first])
            return
        }
        let meanX = points.map { xs[$0] }.reduce(0, +) / Double(size)
        let meanY = points.map { ys[$0] }.reduce(0, +) / Double(size)
        #expect(abs(block.centerX[lane] - meanX) < 1e-9 && abs(block.centerY[lane] - meanY) < 1e-9)
        #expect(block.widthSquared[lane] > 0 && !coincide)
        if block.next[lane] == TSNEQuadBlock.bucketLeaf { #expect(size <= TSNEQuadTree.bucketSize) }
    }

    /// The children of lane `lane` of `parent`: non-empty lanes first, tiling its range in order, with
    /// half its width at most.
    static func checkChildren(_ children: TSNEQuadBlock, of parent: TSNEQuadBlock, _ lane: Int) {
        var start = Int(parent.pointStart[lane])
        var total = 0
        for c in 0..<4 where children.size[c] > 0 {
            #expect(c == 0 || children.size[c - 1] > 0)
            #expect(Int(children.pointStart[c]) == start)
            start += Int(children.size[c])
            total += Int(children.size[c])
            #expect(children.widthSquared[c] * 4 <= parent.widthSquared[lane] * (1 + 1e-12))
        }
        #expect(total == Int(parent.size[lane]))
    }

    @Test("random points: sizes, centers of mass, leaves, permutation")
    func randomPoints() {
        let random = RandomGenerator(seed: 1, algorithm: .splitMix64)
        let xs = (0..<500).map { _ in random.nextNormalDouble() }
        let ys = (0..<500).map { _ in random.nextNormalDouble() * 5 }
        Self.checkInvariants(TSNEQuadTree(xs: xs, ys: ys), xs: xs, ys: ys)
    }

    @Test("coinciding points end in one leaf instead of splitting forever")
    func duplicates() {
        // More coinciding points than a bucket leaf holds, so their cell must stop splitting by itself.
        let xs = [Double](repeating: 1, count: 20) + [2, 3]
        let ys = [Double](repeating: 1, count: 20) + [2, 2]
        let tree = TSNEQuadTree(xs: xs, ys: ys)
        Self.checkInvariants(tree, xs: xs, ys: ys)
        #expect(tree.depth < TSNEQuadTree.maxDepth)
        #expect(tree.blocks.contains { block in (0..<4).contains { block.isCoincidentLeaf($0) && block.size[$0] == 20 } })
    }

    @Test("a rebuilt tree equals a fresh one over the same points")
    func rebuild() {
        let random = RandomGenerator(seed: 2, algorithm: .splitMix64)
        var tree = TSNEQuadTree(xs: [0, 1, 2], ys: [2, 1, 0])
        let xs = (0..<300).map { _ in random.nextNormalDouble() }
        let ys = (0..<300).map { _ in random.nextNormalDouble() }
        xs.withUnsafeBufferPointer { x in
            ys.withUnsafeBufferPointer { y in tree.rebuild(xs: x.baseAddress!, ys: y.baseAddress!, count: 300) }
        }
        Self.checkInvariants(tree, xs: xs, ys: ys)
        let fresh = TSNEQuadTree(xs: xs, ys: ys)
        #expect(tree.order == fresh.order && tree.blocks.count == fresh.blocks.count)
        #expect(zip(tree.blocks, fresh.blocks).allSatisfy { $0.centerX == $1.centerX && $0.next == $1.next })
    }

    @Test("the parallel loop, in t-SNE's chunks, visits every index exactly once", arguments: [0, 1, 63, 64, 1000, 1797])
    func parallelCoverage(count: Int) {
        let visits = FixedBuffer<Int>(repeating: 0, count: count)
        Parallel.forEachChunk(count, costPerItem: tsneRowCost, threads: 2, chunksPerThread: 8) { range in
            for i in range { visits[i] += 1 }
        }
        #expect(visits.array == [Int](repeating: 1, count: count))
    }
}
