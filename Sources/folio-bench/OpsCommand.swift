import ArgumentParser
import DeepLearning

extension FolioBench {
    /// `folio-bench ops`: GEMM throughput and the timed operations in `OpsBenchmarks.all`.
    struct Ops: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time single operations (GEMM, log-softmax, convolution, batch norm, …).")

        @Option(help: "Timed repetitions per benchmark (the median is printed).")
        var repeats = 10

        @Option(help: "Run only the benchmarks whose key contains this text.")
        var only: String?

        func validate() throws {
            guard repeats > 0 else { throw ValidationError("--repeats must be positive, got \(repeats)") }
        }

        func run() throws {
            print("blas_core=\(BLAS.coreName)")
            print("threads=\(Parallel.threadCount)")
            for benchmark in OpsBenchmarks.all where only.map({ benchmark.key.contains($0) }) ?? true {
                let value = benchmark.measure(repeats)
                print("\(benchmark.key)=\(formatValue(value))")
            }
        }

        private func formatValue(_ value: Double) -> String {
            let rounded = (value * 1000).rounded() / 1000
            return String(rounded)
        }
    }
}
