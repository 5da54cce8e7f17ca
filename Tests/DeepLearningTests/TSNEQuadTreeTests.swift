import Foundation
import Testing
@testable import DeepLearning

@Suite("t-SNE quadtree and parallel loop")
struct TSNEQuadTreeTests {
    /// Checks every node: its size is its children's total, its center of mass is the mean of its
    /// points, its points lie in its range of `order`, leaves hold one point or coinciding points.
    static func checkInvariants(_ tree: TSNEQuadTree, xs: [Double], ys: [Double]) {
        #expect(tree.order.map(Int.init).sorted() == Array(0..<xs.count))
        #expect(Int(tree.size[0]) == xs.count)
        for node in tree.size.indices {
            let start = Int(tree.pointStart[node])
            let points = tree.order[start..<(start + Int(tree.size[node]))].map(Int.init)
            let meanX = points.map { xs[$0] }.reduce(0, +) / Double(points.count)
            let meanY = points.map { ys[$0] }.reduce(0, +) / Double(points.count)
            #expect(abs(tree.centerX[node] - meanX) < 1e-9 && abs(tree.centerY[node] - meanY) < 1e-9)
            if tree.firstChild[node] < 0 {
                #expect(points.count == 1 || points.allSatisfy { xs[$0] == xs[points[0]] && ys[$0] == ys[points[0]] })
            } else {
                let children = (0..<Int(tree.childCount[node])).map { Int(tree.firstChild[node]) + $0 }
                #expect(children.map { Int(tree.size[$0]) }.reduce(0, +) == points.count)
                #expect(children.allSatisfy { tree.widthSquared[$0] * 4 <= tree.widthSquared[node] * (1 + 1e-12) })
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
        let xs = [1.0, 1, 1, 1, 2, 3]
        let ys = [1.0, 1, 1, 1, 2, 2]
        let tree = TSNEQuadTree(xs: xs, ys: ys)
        Self.checkInvariants(tree, xs: xs, ys: ys)
        #expect(tree.depth < TSNEQuadTree.maxDepth)
        #expect(tree.size.indices.contains { tree.firstChild[$0] < 0 && tree.size[$0] == 4 })
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
