import Foundation
import Testing
@testable import DeepLearning

@Suite("t-SNE quadtree and parallel loop")
struct TSNEQuadTreeTests {
    /// Checks every node: its size is its children's total, its center of mass is the mean of its
    /// points, its points lie in its range of `order`, leaves hold coinciding points or at most `bucketSize` points,
    /// and every point's leaf is the leaf whose range holds it.
    static func checkInvariants(_ tree: TSNEQuadTree, xs: [Double], ys: [Double]) {
        #expect(tree.order.map(Int.init).sorted() == Array(0..<xs.count))
        #expect(Int(tree.nodes[0].size) == xs.count)
        for (index, node) in tree.nodes.enumerated() {
            let start = Int(node.pointStart)
            let points = tree.order[start..<(start + Int(node.size))].map(Int.init)
            let meanX = points.map { xs[$0] }.reduce(0, +) / Double(points.count)
            let meanY = points.map { ys[$0] }.reduce(0, +) / Double(points.count)
            #expect(abs(node.centerX - meanX) < 1e-9 && abs(node.centerY - meanY) < 1e-9)
            #expect(node.mass == Double(node.size))
            if node.firstChild < 0 {
                #expect(node.childCount == 0)
                #expect(points.allSatisfy { tree.leafOf[$0] == Int32(index) })
                if node.firstChild == TSNEQuadTree.coincidentLeaf {
                    #expect(points.allSatisfy { xs[$0] == xs[points[0]] && ys[$0] == ys[points[0]] })
                    // Its center is its point, exactly: the walk leaves out point i at d = 0.
                    #expect(node.centerX == xs[points[0]] && node.centerY == ys[points[0]])
                } else {
                    #expect(points.count <= TSNEQuadTree.bucketSize)
                    #expect(!points.allSatisfy { xs[$0] == xs[points[0]] && ys[$0] == ys[points[0]] })
                }
                for (k, p) in points.enumerated() {
                    #expect(tree.sortedX[start + k] == xs[p] && tree.sortedY[start + k] == ys[p])
                }
            } else {
                let children = (0..<Int(node.childCount)).map { Int(node.firstChild) + $0 }
                #expect(children.map { Int(tree.nodes[$0].size) }.reduce(0, +) == points.count)
                #expect(children.allSatisfy { tree.nodes[$0].widthSquared * 4 <= node.widthSquared * (1 + 1e-12) })
            }
        }
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
        #expect(tree.nodes.contains { $0.firstChild == TSNEQuadTree.coincidentLeaf && $0.size == 20 })
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
        #expect(tree.order == fresh.order && tree.nodes.count == fresh.nodes.count)
        #expect(zip(tree.nodes, fresh.nodes).allSatisfy { $0.centerX == $1.centerX && $0.firstChild == $1.firstChild })
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
