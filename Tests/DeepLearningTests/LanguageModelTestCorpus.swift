@testable import DeepLearning

/// Small corpora for `LanguageModelRun.train`: seven words in a fixed cycle, so the next word is
/// certain and a tiny model learns it in a few dozen steps.
enum LanguageModelTestCorpus {
    static let words = ["the", "cat", "sat", "on", "a", "red", "mat"]

    /// `lines` lines, each the seven words in order.
    static func text(lines: Int, reversed: Bool = false) -> String {
        let line = (reversed ? words.reversed() : words).joined(separator: " ")
        return Array(repeating: line, count: lines).joined(separator: "\n") + "\n"
    }

    /// Train, valid and test in the same order: validation improves as training goes.
    static let cycle = PennTreebank(
        trainText: text(lines: 250), validText: text(lines: 20), testText: text(lines: 20))

    /// Validation and test in the reverse order of training: the better the model learns the training
    /// order, the worse it predicts them.
    static let reversedHeldOut = PennTreebank(
        trainText: text(lines: 250), validText: text(lines: 20, reversed: true),
        testText: text(lines: 20, reversed: true))

    /// A model small enough to train in a blink: LSTM 8×8, one layer, batches of 4 × 8 steps.
    static func config(epochs: Int = 2, seed: UInt64 = 1, dropout: Double = 0) -> LanguageModelConfig {
        LanguageModelConfig(
            model: "LSTM", emsize: 8, nhid: 8, nlayers: 1, lr: 5, epochs: epochs, batchSize: 4, bptt: 8,
            dropout: dropout, seed: seed, evalBatchSize: 2, logInterval: 20)
    }

    /// `LanguageModelRun.train` with its own generator seeded from the config, so that tests running at
    /// the same time do not share the default generator.
    static func train(
        _ config: LanguageModelConfig, corpus: PennTreebank = cycle, maxSteps: Int? = nil,
        progress: ((Double, Double, String) -> Void)? = nil, log: ((String) -> Void)? = nil,
        bestModel: ((any LanguageModel) throws -> Void)? = nil
    ) throws -> LanguageModelRun {
        try LanguageModelRun.train(
            config, corpus: corpus, maxSteps: maxSteps, generator: RandomGenerator(seed: config.seed),
            progress: progress, log: log, bestModel: bestModel)
    }
}
