/// The settings of a fastText skip-gram run. The defaults are fastText's for `fasttext skipgram`
/// (0.9.2): 100 dimensions, a window of up to 5 words on each side, 5 passes, 5 negatives, words seen
/// fewer than 5 times dropped, n-grams of 3 to 6 characters in 2,000,000 buckets, learning rate 0.05
/// falling linearly to 0 (updated every 100 tokens), sub-sampling threshold 10⁻⁴.
public struct SkipGramConfig: Codable, Equatable, Sendable {
    /// The length of each word vector (fastText's `-dim`).
    public var dimension = 100
    /// The most context words on each side of a word (`-ws`).
    public var window = 5
    /// Passes over the text (`-epoch`).
    public var epochs = 5
    /// Negative samples per context word (`-neg`).
    public var negatives = 5
    /// Words seen fewer times than this are dropped (`-minCount`).
    public var minCount = 5
    /// The shortest character n-gram (`-minn`).
    public var minNgram = 3
    /// The longest character n-gram (`-maxn`).
    public var maxNgram = 6
    /// The number of hash buckets n-grams share (`-bucket`).
    public var buckets = 2_000_000
    /// The starting learning rate, falling linearly to 0 (`-lr`).
    public var learningRate: Float = 0.05
    /// The learning rate is updated after this many tokens (`-lrUpdateRate`).
    public var learningRateUpdateTokens = 100
    /// The sub-sampling threshold t for frequent words (`-t`).
    public var sampleThreshold = 1e-4
    /// Entries of the table negatives are drawn from (fastText: 10,000,000).
    public var negativeTableSize = 10_000_000
    /// Seeds the initial vectors, the sub-sampling, the windows and the negatives.
    public var seed: UInt64 = 0
    /// Words whose vectors the run keeps (for scoring and neighbours); others are not stored.
    public var keptWords: [String] = []
    /// Words whose nearest neighbours (among the dictionary's words) the run reports.
    public var neighbourQueries: [String] = []
    /// The loss is averaged over blocks of this many training tokens for the record's curve.
    public var lossBlockTokens = 50_000

    /// Settings with fastText's defaults for whatever is not given.
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
