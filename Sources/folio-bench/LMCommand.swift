import ArgumentParser
import DeepLearning

extension FolioBench {
    /// `folio-bench lm`: word-level LSTM language-model training and evaluation speed (`LMBenchmark`).
    struct LM: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lm", abstract: "Time LSTM language-model training and evaluation (tokens/s).")

        @Option(help: "Timed training steps (bptt × batch tokens each).")
        var steps = 30
        @Option(name: .customLong("eval-steps"), help: "Timed evaluation chunks.")
        var evalSteps = 30
        @Option(help: "Untimed warm-up steps.")
        var warmup = 3

        func validate() throws {
            guard steps > 0, evalSteps > 0, warmup >= 0 else {
                throw ValidationError("--steps and --eval-steps must be positive and --warmup not negative")
            }
        }

        func run() throws {
            let benchmark = LMBenchmark(warmupSteps: warmup, trainSteps: steps, evalSteps: evalSteps)
            let result = try benchmark.run()
            func format(_ value: Double) -> String { String((value * 10).rounded() / 10) }
            print("blas_core=\(BLAS.coreName)")
            print("threads=\(Parallel.threadCount)")
            print("lm_train_tokens_per_s=\(format(result.trainTokensPerSecond))")
            print("lm_eval_tokens_per_s=\(format(result.evalTokensPerSecond))")
            print("lm_rss_mb_start=\(format(result.rssMegabytesStart))")
            print("lm_rss_mb_end=\(format(result.rssMegabytesEnd))")
            print("lm_loss_first=\(result.firstLoss)")
            print("lm_loss_last=\(result.lastLoss)")
        }
    }
}
