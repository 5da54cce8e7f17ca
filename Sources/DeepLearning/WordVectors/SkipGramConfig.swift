/// The settings of a fastText skip-gram run. The defaults are fastText's for `fasttext skipgram`
/// (0.9.2): 100 dimensions, a window of up to 5 words on each side, 5 passes, 5 negatives, words seen
/// fewer than 5 times dropped, n-grams of 3 to 6 characters in 2,000,000 buckets, learning rate 0.05
/// falling linearly to 0 (updated every 100 tokens), sub-sampling threshold 10⁻⁴.
public struct SkipGramConfig: Codable, Equatable, Sendable {
    public var dimension = 100
    public var window = 5
    public var epochs = 5
    public var negatives = 5
    public var minCount = 5
    public var minNgram = 3
    public var maxNgram = 6
    public var buckets = 2_000_000
    public var learningRate: Float = 0.05
    public var learningRateUpdateTokens = 100
    public var sampleThreshold = 1e-4
    /// Entries of the table negatives are drawn from (fastText: 10,000,000).
    public var negativeTableSize = 10_000_000
    public var seed: UInt64 = 0
    /// Words whose vectors the run keeps (for scoring and neighbours); others are not stored.
    public var keptWords: [String] = []
    /// Words whose nearest neighbours (among the dictionary's words) the run reports.
    public var neighbourQueries: [String] = []
    /// The loss is averaged over blocks of this many training tokens for the record's curve.
    public var lossBlockTokens = 50_000

    public init(dimension: Int = 100, window: Int = 5, epochs: Int = 5, negatives: Int = 5, minCount: Int = 5,
                minNgram: Int = 3, maxNgram: Int = 6, buckets: Int = 2_000_000, learningRate: Float = 0.05,
                sampleThreshold: Double = 1e-4, negativeTableSize: Int = 10_000_000, seed: UInt64 = 0, keptWords: [String] = [], neighbourQueries: [String] = [],
                lossBlockTokens: Int = 50_000) {
        self.dimension = dimension
        self.window = window
        self.epochs = epochs
        self.negatives = negatives
        self.minCount = minCount
        self.minNgram = minNgram
        self.maxNgram = maxNgram
        self.buckets = buckets
        self.learningRate = learningRate
        self.sampleThreshold = sampleThreshold
        self.negativeTableSize = negativeTableSize
        self.seed = seed
        self.keptWords = keptWords
        self.neighbourQueries = neighbourQueries
        self.lossBlockTokens = lossBlockTokens
    }
}
