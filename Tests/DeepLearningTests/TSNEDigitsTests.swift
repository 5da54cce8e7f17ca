import Foundation
import Testing
@testable import DeepLearning

/// t-SNE on the real digits, where `folio data fetch digits` has put them. Two full 1,000-iteration
/// fits take minutes in a debug build, so this runs only with `FOLIO_SLOW_TESTS=1` (e.g.
/// `FOLIO_SLOW_TESTS=1 swift test -c release --filter TSNEDigits`); CI checks the same KL bounds through
/// chapter 04 on the release build.
@Suite("t-SNE on the digits")
struct TSNEDigitsTests {
    static var digitsFile: URL { DataLocation.directory.appendingPathComponent("digits/digits.csv") }
    static var enabled: Bool {
        ProcessInfo.processInfo.environment["FOLIO_SLOW_TESTS"] == "1"
            && FileManager.default.fileExists(atPath: digitsFile.path)
    }

    // Reference KL: scikit-learn 1.9.1, bench/tsne_sklearn.py (TSNE(perplexity=30, max_iter=1000,
    // init="pca", random_state=0, method=...).fit_transform(X).kl_divergence_): Barnes–Hut 0.7530,
    // exact 0.6800.
    @Test("KL within 2% of scikit-learn's, and digits cluster (1-NN label agreement > 95%)",
          .enabled(if: enabled),
          arguments: [(TSNE.Method.barnesHut(theta: 0.5), 0.7530), (.exact, 0.6800)])
    func digits(method: TSNE.Method, scikitLearnKL: Double) throws {
        let digits = try Digits.load(from: Self.digitsFile)
        let result = try TSNE(perplexity: 30, iterations: 1000, method: method, seed: 0).fit(digits.features)
        #expect(result.iterations == 1000)
        #expect(abs(result.klDivergence - scikitLearnKL) <= 0.02 * scikitLearnKL)
        #expect(TSNEFitTests.neighbourAgreement(result.embedding, digits.labels) > 0.95)
    }
}
