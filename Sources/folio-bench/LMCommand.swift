import ArgumentParser

extension FolioBench {
    /// `folio-bench lm`: word-level LSTM language-model training and evaluation speed.
    /// Hook: the recurrent-layers work replaces this placeholder with the real measurement
    /// (`lm_train_tokens_per_s=`, `lm_eval_tokens_per_s=`).
    struct LM: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lm", abstract: "Time LSTM language-model training and evaluation (not built yet).")

        func run() throws {
            print("folio-bench lm: not built yet (needs the recurrent layers)")
            throw ExitCode.failure
        }
    }
}
