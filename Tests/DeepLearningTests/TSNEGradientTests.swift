import Foundation
import Testing
@testable import DeepLearning

@Suite("t-SNE gradient")
struct TSNEGradientTests {
    static let x: [[Double]] = [[0, 1, 2], [1, 0.5, 2.5], [3, 1, 0], [2.5, 2, 1], [0.5, 3, 1.5], [1.5, 1.5, 1.5]]
    static let y: [[Double]] = [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.1], [0.2, -0.3], [-0.1, 0.5], [0.6, 0.0]]

    @Test("KL and gradient equal scikit-learn's _kl_divergence")
    func matchesScikitLearn() throws {
        // Reference: scikit-learn 1.9.1, same X as TSNEPerplexityTests, perplexity 3:
        //   P = _joint_probabilities(pairwise_distances(X, squared=True), 3.0, 0)
        //   kl, grad = _kl_divergence(Y.ravel(), P, 1, 6, 2)
        let expectedKL = 0.43764585429781855
        let expectedGradient: [[Double]] = [
            [-0.05758189055129706, -0.08147800644992119], [-0.07268414515977052, 0.05553114901563527],
            [0.03915718602431855, 0.07670169834017528], [-0.0046529699227827875, -0.023147747887290154],
            [-0.02702608170367944, -0.03610628467540698], [0.12278790131321127, 0.008499191656807788],
        ]
        let p = try tsneJointProbabilities(points: Self.x, perplexity: 3)
        #expect(abs(tsneKLDivergence(P: p, Y: Self.y) - expectedKL) < 1e-5)
        let gradient = tsneGradient(P: p, Y: Self.y)
        for i in 0..<6 { for k in 0..<2 { #expect(abs(gradient[i][k] - expectedGradient[i][k]) < 1e-5) } }
    }

    @Test("gradient equals central finite differences of KL (Double, h = 1e-6)")
    func matchesFiniteDifferences() throws {
        let random = RandomGenerator(seed: 5, algorithm: .splitMix64)
        let points = (0..<12).map { _ in (0..<4).map { _ in random.nextNormalDouble() } }
        let p = try tsneJointProbabilities(points: points, perplexity: 4)
        let y = (0..<12).map { _ in [random.nextNormalDouble(), random.nextNormalDouble()] }
        let gradient = tsneGradient(P: p, Y: y)
        let h = 1e-6
        for i in 0..<12 {
            for k in 0..<2 {
                var plus = y
                plus[i][k] += h
                var minus = y
                minus[i][k] -= h
                let numeric = (tsneKLDivergence(P: p, Y: plus) - tsneKLDivergence(P: p, Y: minus)) / (2 * h)
                #expect(abs(numeric - gradient[i][k]) < 1e-7 + 1e-6 * abs(numeric))
            }
        }
    }

    @Test("the fast exact kernel gives the reference gradient and KL, with and without exaggeration")
    func exactKernelMatchesReference() throws {
        let random = RandomGenerator(seed: 9, algorithm: .splitMix64)
        let n = 103  // not a multiple of 4: exercises the SIMD tail
        let points = (0..<n).map { _ in (0..<3).map { _ in random.nextNormalDouble() } }
        let p = try tsneJointProbabilities(points: points, perplexity: 10)
        let y = (0..<n).map { _ in [random.nextNormalDouble(), random.nextNormalDouble()] }
        let objective = TSNEExactObjective(p: p.flatMap { $0 }, count: n, threads: 2)
        for exaggeration in [1.0, 12.0] {
            var gradient = [Double](repeating: 0, count: 2 * n)
            let kl = objective.evaluate(embedding: y.flatMap { $0 }, exaggeration: exaggeration, computeError: true, gradient: &gradient)!
            let scaled = p.map { $0.map { $0 * exaggeration } }
            let reference = tsneGradient(P: scaled, Y: y)
            // P is stored in Float32 by the kernel: relative agreement ~1e-7.
            for i in 0..<n { for k in 0..<2 { #expect(abs(gradient[2 * i + k] - reference[i][k]) < 1e-6 * (1 + abs(reference[i][k]))) } }
            #expect(abs(kl - tsneKLDivergence(P: scaled, Y: y)) < 1e-5 * exaggeration)
        }
    }

    @Test("Barnes–Hut gradient tends to the exact one as θ → 0")
    func barnesHutApproachesExact() throws {
        let random = RandomGenerator(seed: 21, algorithm: .splitMix64)
        let n = 150
        let points = (0..<n).map { _ in (0..<5).map { _ in random.nextNormalDouble() } }
        let p = try tsneJointProbabilities(points: points, perplexity: 15)
        let y = (0..<n).map { _ in [3 * random.nextNormalDouble(), 3 * random.nextNormalDouble()] }
        let exact = tsneGradient(P: p, Y: y)
        func relativeError(_ theta: Double) -> Double {
            let approximate = tsneBarnesHutGradient(P: p, Y: y, theta: theta)
            var difference = 0.0
            var norm = 0.0
            for i in 0..<n { for k in 0..<2 {
                difference += pow(approximate[i][k] - exact[i][k], 2)
                norm += exact[i][k] * exact[i][k]
            } }
            return sqrt(difference / norm)
        }
        let errors = [0.8, 0.5, 0.2, 0.05].map(relativeError)
        #expect(relativeError(0) < 1e-12)
        #expect(errors[1] < 0.05)  // θ = 0.5, the usual setting: a few percent at most
        for (a, b) in zip(errors, errors.dropFirst()) { #expect(b < a) }
        #expect(errors[3] < 1e-3)
    }

    @Test("Barnes–Hut with θ = 0 is exact where points coincide (own leaf, duplicates inside a leaf)")
    func barnesHutExactWithCoincidingPoints() throws {
        let random = RandomGenerator(seed: 4, algorithm: .splitMix64)
        let n = 60
        let points = (0..<n).map { _ in (0..<3).map { _ in random.nextNormalDouble() } }
        let p = try tsneJointProbabilities(points: points, perplexity: 8)
        var y = (0..<n).map { _ in [random.nextNormalDouble(), random.nextNormalDouble()] }
        for i in 0..<10 { y[i + 10] = y[i] }  // ten pairs at one place each
        for i in 41..<46 { y[i] = y[40] }  // six points at one place
        let exact = tsneGradient(P: p, Y: y)
        let approximate = tsneBarnesHutGradient(P: p, Y: y, theta: 0)
        for i in 0..<n { for k in 0..<2 { #expect(abs(approximate[i][k] - exact[i][k]) < 1e-12 * (1 + abs(exact[i][k]))) } }
    }
}
