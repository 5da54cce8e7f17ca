import ArgumentParser
import DeepLearning
import Foundation

extension FolioBench {
    /// `folio-bench tsne`: t-SNE on the digits (1,797 × 64, perplexity 30, 1,000 iterations), Barnes–Hut
    /// and exact; `bench/tsne_sklearn.py` is scikit-learn's side of the same work.
    struct TSNE: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tsne",
            abstract: "Time t-SNE (Barnes–Hut and exact) on the digits data set.",
            discussion: "Needs data/digits/digits.csv: run `folio data fetch digits` first.")

        @Option(help: "The digits CSV written by `folio data fetch digits`.")
        var digits = "data/digits/digits.csv"

        @Option(help: "Threads for the t-SNE loops (default: OPENBLAS_NUM_THREADS, else 2).")
        var threads: Int?

        @Option(help: "Run only one method: bh or exact (default: both).")
        var only: String?

        @Option(help: "Iterations (1,000 to compare with scikit-learn; fewer for a short profile).")
        var iterations = 1000

        func run() throws {
            guard FileManager.default.fileExists(atPath: digits) else {
                throw ValidationError("\(digits) not found: run `folio data fetch digits` first")
            }
            if let only, only != "bh" && only != "exact" {
                throw ValidationError("--only must be bh or exact, not \(only)")
            }
            let count = threads ?? ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"].flatMap(Int.init) ?? 2
            for (key, value) in try runTSNEBenchmark(digitsPath: digits, threads: count, only: only, iterations: iterations) {
                print("\(key)=\(value)")
            }
        }
    }
}
