/// What a word-level language-model run produced, as `train-lm --record` and a chapter's recorded run
/// keep it (JSON keys `config`, `parameter_count`, `epochs`, `test_ppl`, `step_losses`,
/// `interval_losses`, `neighbours`, `query_ranks`, `map_words`, `map_vectors`, `samples`, `blas`,
/// `threads`). Made by `LanguageModelRun.train`.
public struct LanguageModelRun: Codable, Equatable, Sendable {
    /// The configuration that was trained.
    public var config: LanguageModelConfig
    /// Scalar parameters of the model (a tied weight counted once).
    public var parameterCount: Int
    /// Every epoch that ended, in order.
    public var epochs: [LanguageModelEpoch]
    /// Test perplexity of the best-validation weights; nil when `maxSteps` stopped the run before any
    /// epoch ended.
    public var testPerplexity: Double?
    /// The loss of each of the first `config.recordedSteps` training steps, in order across epochs.
    public var stepLosses: [Float]
    /// The mean training loss of each whole block of `LanguageModelRun.interval` consecutive steps
    /// over the run (blocks run on across epochs; a last, partial block is left out).
    public var intervalLosses: [Float]
    /// For each query word in the vocabulary: its `neighbourCount` nearest words by cosine of the input
    /// embedding rows, nearest first.
    public var neighbours: [String: [LanguageModelNeighbour]]
    /// For each query word in the vocabulary, the rank (1 = nearest, the word itself left out) of every
    /// other query word in the vocabulary among all words, in the order `neighbours` uses.
    public var queryRanks: [String: [String: Int]]
    /// The `config.mapWords` most frequent training words, then the query words not among them.
    public var mapWords: [String]
    /// The input embedding row of each of `mapWords`, (mapWords.count, emsize).
    public var mapVectors: [[Float]]
    /// The input embedding row of each of `config.keptWords` that is in the vocabulary (JSON `kept_vectors`).
    public var keptVectors: [String: [Float]] = [:]
    /// Text sampled from the model, one element per sentence: the words between two `<eos>`, which
    /// is not kept (the last element may be an unfinished sentence).
    public var samples: [String]
    /// The BLAS kernels and threads (`BLASConfiguration.summary`).
    public var blas: String
    /// OpenBLAS threads during the run.
    public var threads: Int

    /// Steps per element of `intervalLosses`.
    public static let interval = 100
    /// Words per query in `neighbours`.
    public static let neighbourCount = 10

    /// A run from its parts (training makes one; `Codable` reads one back).
    public init(
        config: LanguageModelConfig, parameterCount: Int, epochs: [LanguageModelEpoch], testPerplexity: Double?,
        stepLosses: [Float], intervalLosses: [Float] = [], neighbours: [String: [LanguageModelNeighbour]] = [:],
        queryRanks: [String: [String: Int]] = [:], mapWords: [String] = [], mapVectors: [[Float]] = [],
        samples: [String] = [], blas: String, threads: Int
    ) {
        self.config = config
        self.parameterCount = parameterCount
        self.epochs = epochs
        self.testPerplexity = testPerplexity
        self.stepLosses = stepLosses
        self.intervalLosses = intervalLosses
        self.neighbours = neighbours
        self.queryRanks = queryRanks
        self.mapWords = mapWords
        self.mapVectors = mapVectors
        self.samples = samples
        self.blas = blas
        self.threads = threads
    }

    /// The validation perplexity of each epoch.
    public var validPerplexities: [Double] { epochs.map(\.validPerplexity) }
    /// The training perplexity of each epoch.
    public var trainPerplexities: [Double] { epochs.map(\.trainPerplexity) }
    /// The learning rate of each epoch.
    public var learningRates: [Double] { epochs.map(\.lr) }
}
