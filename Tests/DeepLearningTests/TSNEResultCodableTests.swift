import Foundation
import Testing
@testable import DeepLearning

@Suite("t-SNE result as JSON")
struct TSNEResultCodableTests {
    /// Two Gaussian blobs in 6-D, 20 points each.
    static func points() -> [[Double]] {
        let random = RandomGenerator(seed: 5, algorithm: .splitMix64)
        return (0..<40).map { i in (0..<6).map { k in (k == i / 20 ? 10.0 : 0) + random.nextNormalDouble() } }
    }

    @Test("a fit survives encoding and decoding bit for bit", arguments: [TSNE.Method.exact, .barnesHut(theta: 0.5)])
    func roundTrip(method: TSNE.Method) throws {
        let result = try TSNE(perplexity: 8, iterations: 300, method: method, seed: 0).fit(Self.points())
        let decoded = try JSONDecoder().decode(TSNEResult.self, from: JSONEncoder().encode(result))
        #expect(decoded.embedding == result.embedding)
        #expect(decoded.klDivergence == result.klDivergence)
        #expect(decoded.iterations == 300 && decoded.iterations == result.iterations)
        #expect(decoded.learningRate == result.learningRate)
        #expect(decoded.perplexities == result.perplexities)
        #expect(decoded.history == result.history && decoded.history.count == 6)
        #expect(decoded.affinitySeconds == result.affinitySeconds && decoded.seconds == result.seconds)
    }

    @Test("the keys are the property names")
    func keys() throws {
        let json = #"{"iteration": 50, "klDivergence": 61.25, "gradientNorm": 0.5, "exaggeration": 12, "elapsedSeconds": 0.75}"#
        let report = try JSONDecoder().decode(TSNEProgress.self, from: Data(json.utf8))
        #expect(report == TSNEProgress(iteration: 50, klDivergence: 61.25, gradientNorm: 0.5, exaggeration: 12, elapsedSeconds: 0.75))
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Double]
        #expect(object == ["iteration": 50, "klDivergence": 61.25, "gradientNorm": 0.5, "exaggeration": 12, "elapsedSeconds": 0.75])
    }

    /// A chapter checks a recorded fit by running only its first iterations again: that is sound
    /// only if a shorter fit retraces the longer one's first reports exactly.
    @Test("a shorter fit repeats the first progress reports of a longer one", arguments: [TSNE.Method.exact, .barnesHut(theta: 0.5)])
    func prefix(method: TSNE.Method) throws {
        let long = try TSNE(perplexity: 8, iterations: 400, method: method, seed: 0).fit(Self.points())
        let short = try TSNE(perplexity: 8, iterations: 100, method: method, seed: 0).fit(Self.points())
        #expect(short.history.count == 2 && long.history.count == 8)
        #expect(short.history.map(\.klDivergence) == long.history.prefix(2).map(\.klDivergence))
        #expect(short.history.map(\.gradientNorm) == long.history.prefix(2).map(\.gradientNorm))
        #expect(short.perplexities == long.perplexities)
    }
}
