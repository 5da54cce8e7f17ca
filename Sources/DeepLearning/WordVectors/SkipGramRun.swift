/// What a fastText skip-gram run produced, as a chapter's recorded run keeps it. Made by
/// `SkipGramRun.train`.
public struct SkipGramRun: Codable, Equatable, Sendable {
    /// The configuration that was trained.
    public var config: SkipGramConfig
    /// Words in the dictionary (seen at least `minCount` times, `</s>` included).
    public var dictionaryWords: Int
    /// Tokens in one pass over the text, `</s>` and dropped words included.
    public var tokensPerPass: Int
    /// Passes over the text that ended (fewer than `config.epochs` when `maxTokens` stopped the run).
    public var passes: Int
    /// Training tokens processed (kept words of every line of every pass, before sub-sampling).
    public var tokensProcessed: Int
    /// Mean loss per (word, context) pair over each block of `config.lossBlockTokens` tokens.
    public var lossCurve: [Double]
    /// Mean loss per pair over the whole run.
    public var meanLoss: Double
    /// Wall time of the training passes.
    public var seconds: Double
    /// The vector of each of `config.keptWords` (fastText's `get_word_vector`: the mean of the word's
    /// row and its n-grams' rows; a word not in the dictionary gets its n-grams' mean).
    public var keptVectors: [[Float]]
    /// For each of `config.neighbourQueries`, its 10 nearest dictionary words by cosine.
    public var neighbours: [String: [LanguageModelNeighbour]]

    /// Training tokens per second.
    public var tokensPerSecond: Double { seconds > 0 ? Double(tokensProcessed) / seconds : 0 }

    /// A run from its parts (training makes one; `Codable` reads one back).
    public init(config: SkipGramConfig, dictionaryWords: Int, tokensPerPass: Int, passes: Int, tokensProcessed: Int,
                lossCurve: [Double], meanLoss: Double, seconds: Double, keptVectors: [[Float]],
                neighbours: [String: [LanguageModelNeighbour]]) {
        self.config = config
        self.dictionaryWords = dictionaryWords
        self.tokensPerPass = tokensPerPass
        self.passes = passes
        self.tokensProcessed = tokensProcessed
        self.lossCurve = lossCurve
        self.meanLoss = meanLoss
        self.seconds = seconds
        self.keptVectors = keptVectors
        self.neighbours = neighbours
    }

    enum CodingKeys: String, CodingKey {
        case config, seconds, neighbours, passes
        case dictionaryWords = "dictionary_words", tokensPerPass = "tokens_per_pass"
        case tokensProcessed = "tokens_processed", lossCurve = "loss_curve", meanLoss = "mean_loss"
        case keptVectors = "kept_vectors"
    }
}
