import Foundation
import Testing
@testable import DeepLearning

@Suite("t-SNE affinities")
struct TSNEPerplexityTests {
    /// Deterministic pseudo-random points.
    static func points(count: Int, dimension: Int, seed: UInt64) -> [[Double]] {
        let random = RandomGenerator(seed: seed, algorithm: .splitMix64)
        return (0..<count).map { _ in (0..<dimension).map { _ in random.nextNormalDouble() * 3 } }
    }

    @Test("binary search reaches the target perplexity to 1e-3", arguments: [2.0, 5.0, 30.0, 50.0])
    func calibrationHitsTarget(perplexity: Double) {
        let random = RandomGenerator(seed: 7, algorithm: .splitMix64)
        for _ in 0..<20 {
            // Squared distances over a wide range, as in real data (digits: tens to thousands).
            let distances = (0..<120).map { _ in 1000 * random.nextUniformDouble() * random.nextUniformDouble() }
            let (p, calibration) = calibratePerplexity(squaredDistances: distances, perplexity: perplexity)
            // Recompute the entropy from the probabilities themselves.
            let entropy = -p.filter { $0 > 0 }.reduce(0) { $0 + $1 * log($1) }
            #expect(abs(exp(entropy) - perplexity) < 1e-3)
            #expect(abs(calibration.perplexity - perplexity) < 1e-3)
            #expect(abs(p.reduce(0, +) - 1) < 1e-12)
        }
    }

    @Test("huge distances do not underflow: the shift by the minimum keeps the sum at least 1")
    func calibrationWithLargeDistances() {
        let distances = (0..<50).map { 1e6 + Double($0) * 10 }
        let (p, calibration) = calibratePerplexity(squaredDistances: distances, perplexity: 10)
        #expect(abs(calibration.perplexity - 10) < 1e-3)
        #expect(p.allSatisfy { $0.isFinite })
    }

    @Test("joint P equals scikit-learn's _joint_probabilities")
    func jointProbabilitiesMatchScikitLearn() throws {
        // Reference: scikit-learn 1.9.1
        //   X = [[0,1,2],[1,.5,2.5],[3,1,0],[2.5,2,1],[.5,3,1.5],[1.5,1.5,1.5]]
        //   P = squareform(_joint_probabilities(pairwise_distances(X, squared=True), 3.0, 0))
        let x: [[Double]] = [[0, 1, 2], [1, 0.5, 2.5], [3, 1, 0], [2.5, 2, 1], [0.5, 3, 1.5], [1.5, 1.5, 1.5]]
        let expected: [[Double]] = [
            [0.0, 0.0852126883665003, 0.003107438737331367, 0.0037598609490958296, 0.03277806282434046, 0.03488748733441524],
            [0.0852126883665003, 0.0, 0.006655136738189103, 0.008395665460162306, 0.007134691604411897, 0.04956998001027487],
            [0.003107438737331367, 0.006655136738189103, 0.0, 0.0767734122509402, 0.0033385317624012602, 0.025237821204899927],
            [0.0037598609490958296, 0.008395665460162306, 0.0767734122509402, 0.0, 0.019514772928209908, 0.09257946532685142],
            [0.03277806282434046, 0.007134691604411897, 0.0033385317624012602, 0.019514772928209908, 0.0, 0.051054984501975924],
            [0.03488748733441524, 0.04956998001027487, 0.025237821204899927, 0.09257946532685142, 0.051054984501975924, 0.0],
        ]
        let p = try tsneJointProbabilities(points: x, perplexity: 3)
        for i in 0..<6 {
            for j in 0..<6 {
                // scikit-learn calibrates on float32 distances: agreement to ~1e-6 relative.
                #expect(abs(p[i][j] - expected[i][j]) <= 1e-6 + 1e-4 * expected[i][j])
            }
        }
    }

    @Test("sparse P is symmetric, sums to 1, and equals dense P when every point is a neighbour")
    func sparseMatchesDense() throws {
        let x = Self.points(count: 40, dimension: 5, seed: 3)
        let input = try TSNEInput(x)
        let dense = tsneDenseAffinities(input.points, perplexity: 8, threads: 2).p
        let sparse = tsneSparseAffinities(input.points, perplexity: 8, neighbours: 39, threads: 2).p
        var total = 0.0
        for i in 0..<40 {
            var row = [Double](repeating: 0, count: 40)
            for e in sparse.rowStart[i]..<sparse.rowStart[i + 1] { row[Int(sparse.columns[e])] = sparse.values[e] }
            for j in 0..<40 {
                #expect(abs(row[j] - dense[i * 40 + j]) < 1e-15)
                #expect(dense[i * 40 + j] == dense[j * 40 + i])
            }
            total += row.reduce(0, +)
        }
        #expect(abs(total - 1) < 1e-12)
    }

    @Test("nearest neighbours agree with a sort of all distances")
    func nearestNeighboursAreExact() throws {
        let x = Self.points(count: 60, dimension: 4, seed: 11)
        let input = try TSNEInput(x)
        let k = 7
        let (indices, distances) = tsneNearestNeighbours(input.points, k: k, threads: 2)
        for i in 0..<60 {
            let all = (0..<60).filter { $0 != i }.map { j -> (Double, Int) in
                (zip(x[i], x[j]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }, j)
            }.sorted { $0 < $1 }
            #expect(indices[(i * k)..<((i + 1) * k)].map(Int.init) == all.prefix(k).map(\.1))
            for s in 0..<k { #expect(abs(distances[i * k + s] - all[s].0) < 1e-12) }
        }
    }
}
