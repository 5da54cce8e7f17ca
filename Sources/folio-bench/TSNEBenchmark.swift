import DeepLearning
import Foundation

/// Runs t-SNE on the digits the way `bench/tsne_sklearn.py` runs scikit-learn (perplexity 30,
/// 1,000 iterations, PCA start, Barnes–Hut with θ = 0.5, then exact) and returns `key=value`
/// pairs: `tsne_bh_seconds`, `tsne_bh_kl`, `tsne_exact_seconds`, `tsne_exact_kl` (and the
/// iterations run). Times cover the whole `fit` (`TSNEResult.seconds`), P included, like
/// scikit-learn's `fit_transform`. `only` ("bh" or "exact") runs one method; `iterations` other than
/// 1,000 is for profiling short runs.
func runTSNEBenchmark(
    digitsPath: String, threads: Int, only: String? = nil, iterations: Int = 1000
) throws -> [(String, String)] {
    let digits = try Digits.load(from: URL(fileURLWithPath: digitsPath))
    var results: [(String, String)] = [("tsne_points", "\(digits.count)")]
    for (name, method) in [("bh", TSNE.Method.barnesHut(theta: 0.5)), ("exact", .exact)] where only.map({ $0 == name }) ?? true {
        var tsne = TSNE(perplexity: 30, iterations: iterations, method: method, seed: 0)
        tsne.threads = threads
        let result = try tsne.fit(digits.features)
        results.append(("tsne_\(name)_seconds", String(format: "%.3f", result.seconds)))
        results.append(("tsne_\(name)_kl", String(format: "%.4f", result.klDivergence)))
        results.append(("tsne_\(name)_iterations", "\(result.iterations)"))
    }
    return results
}
