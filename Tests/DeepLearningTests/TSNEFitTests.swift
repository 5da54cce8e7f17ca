import Foundation
import Testing
@testable import DeepLearning

@Suite("t-SNE fit")
struct TSNEFitTests {
    /// Three well separated Gaussian blobs in 10-D, 30 points each; labels 0, 1, 2.
    static func blobs() -> (points: [[Double]], labels: [Int]) {
        let random = RandomGenerator(seed: 42, algorithm: .splitMix64)
        var points: [[Double]] = []
        var labels: [Int] = []
        for label in 0..<3 {
            for _ in 0..<30 {
                points.append((0..<10).map { k in (k == label ? 20.0 : 0) + random.nextNormalDouble() })
                labels.append(label)
            }
        }
        return (points, labels)
    }

    /// Fraction of points whose nearest neighbour in the embedding has the same label.
    static func neighbourAgreement(_ embedding: [[Double]], _ labels: [Int]) -> Double {
        var same = 0
        for i in embedding.indices {
            var best = Double.infinity
            var bestLabel = -1
            for j in embedding.indices where j != i {
                let d = pow(embedding[i][0] - embedding[j][0], 2) + pow(embedding[i][1] - embedding[j][1], 2)
                if d < best { best = d; bestLabel = labels[j] }
            }
            if bestLabel == labels[i] { same += 1 }
        }
        return Double(same) / Double(embedding.count)
    }

    @Test("exact and Barnes–Hut both separate three blobs, lower KL, and agree on it", arguments: [TSNE.Method.exact, .barnesHut(theta: 0.5)])
    func separatesBlobs(method: TSNE.Method) throws {
        let (points, labels) = Self.blobs()
        var reports: [TSNEProgress] = []
        let result = try TSNE(perplexity: 10, iterations: 500, method: method, seed: 1).fit(points) { reports.append($0) }
        #expect(result.embedding.count == 90 && result.embedding.allSatisfy { $0.count == 2 })
        #expect(Self.neighbourAgreement(result.embedding, labels) == 1)
        #expect(reports.count == 10 && reports.map(\.iteration) == Array(stride(from: 50, through: 500, by: 50)))
        // After exaggeration the KL (with plain P) keeps falling.
        let late = reports.filter { $0.exaggeration == 1 }.map(\.klDivergence)
        #expect(late.last! < late.first!)
        #expect(result.perplexities.allSatisfy { abs($0 - 10) < 1e-3 })
        #expect(result.learningRate == 50)
        // The final KL is that of the embedding (exact: recomputed independently).
        if method == .exact {
            let p = try tsneJointProbabilities(points: points, perplexity: 10)
            #expect(abs(tsneKLDivergence(P: p, Y: result.embedding) - result.klDivergence) < 1e-4)
        }
    }

    @Test("the same seed gives the same embedding; threads do not change it")
    func deterministic() throws {
        let (points, _) = Self.blobs()
        var tsne = TSNE(perplexity: 10, iterations: 120, method: .barnesHut(theta: 0.5), seed: 3)
        tsne.initialization = .random
        let a = try tsne.fit(points)
        tsne.threads = 1
        let b = try tsne.fit(points)
        #expect(a.embedding == b.embedding)
        #expect(a.klDivergence == b.klDivergence)
    }

    @Test("the PCA start is the first two principal axes, first one scaled to std 1e-4")
    func principalComponents() throws {
        // Points on a line along (1, 2, 2)/3 plus a smaller spread along (2, -2, 1)/3.
        var points: [[Double]] = []
        for t in -5...5 {
            for s in [-1.0, 1.0] {
                let a = Double(t), b = s * 0.5
                points.append([a / 3 + 2 * b / 3, 2 * a / 3 - 2 * b / 3, 2 * a / 3 + b / 3])
            }
        }
        let input = try TSNEInput(points)
        let projection = tsnePrincipalComponents(input.points, components: 2)
        for (i, t) in (-5...5).flatMap({ [$0, $0] }).enumerated() {
            // Axis 1 = (1, 2, 2)/3 (largest entry positive), axis 2 = (2, -2, 1)/3 up to sign.
            #expect(abs(projection[2 * i] - Double(t)) < 1e-9)
            #expect(abs(abs(projection[2 * i + 1]) - 0.5) < 1e-9)
        }
    }

    @Test("bad inputs and parameters are typed errors")
    func errors() {
        #expect(throws: TSNEError.tooFewPoints(count: 5, perplexity: 30)) {
            try TSNE().fit([[Double]](repeating: [1, 2], count: 5))
        }
        #expect(throws: TSNEError.raggedInput(row: 1, length: 1, expected: 2)) {
            try TSNE(perplexity: 1).fit([[1.0, 2], [3], [4, 5]])
        }
        #expect(throws: TSNEError.nonFiniteInput(row: 1, column: 0)) {
            try TSNE(perplexity: 1).fit([[1.0, 2], [.nan, 3], [4, 5]])
        }
        #expect(throws: TSNEError.self) {
            try TSNE(perplexity: 2, method: .barnesHut(theta: -1)).fit([[1.0], [2], [3], [4]])
        }
        #expect(TSNEError.tooFewPoints(count: 5, perplexity: 30).description.contains("5 points"))
    }
}
