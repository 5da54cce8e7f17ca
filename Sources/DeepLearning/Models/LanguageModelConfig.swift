/// Everything that decides a word-level language-model run (`LanguageModelRun.train`): pytorch/examples'
/// word_language_model flags under their own names (the JSON keys: `model`, `emsize`, `nhid`,
/// `nlayers`, `lr`, `clip`, `epochs`, `batch_size`, `bptt`, `dropout`, `tied`, `seed`,
/// `eval_batch_size`, `log_interval`, `dry_run`), then what to keep for analysis (`recorded_steps`,
/// `embedding_queries`, `map_words`, `sample_words`).
///
/// Decoding fills every key but `model`, `emsize`, `nhid`, `nlayers` and `epochs` with its default
/// when it is missing, so a record written before a setting existed still reads.
public struct LanguageModelConfig: Codable, Equatable, Sendable {
    /// The recurrent network: a `LanguageModelCell` raw value, "LSTM", "GRU", "RNN_TANH" or "RNN_RELU".
    public var model: String
    /// Size of the word embeddings.
    public var emsize: Int
    /// Hidden units per layer.
    public var nhid: Int
    /// Number of stacked recurrent layers.
    public var nlayers: Int
    /// Initial learning rate of plain SGD (divided by 4 whenever validation does not improve).
    public var lr: Double
    /// Maximum L2 norm of all gradients together, per step.
    public var clip: Double
    /// Number of passes over the training text.
    public var epochs: Int
    /// Parallel columns of training text (JSON `batch_size`).
    public var batchSize: Int
    /// Steps of truncated backpropagation through time.
    public var bptt: Int
    /// Dropout on embeddings, between layers and on the last layer's outputs (0 = none).
    public var dropout: Double
    /// Whether the decoder shares its weight with the embedding (needs emsize == nhid).
    public var tied: Bool
    /// Seeds the default generator before the model is built (`torch.manual_seed`), and the sampler.
    public var seed: UInt64
    /// Parallel columns of validation and test text (JSON `eval_batch_size`; main.py hard-codes 10).
    public var evalBatchSize: Int
    /// A log line every this many training batches (JSON `log_interval`); changes no result.
    public var logInterval: Int
    /// Only the first batch of every epoch is trained, to check the code (JSON `dry_run`).
    public var dryRun: Bool
    /// How many of the first training steps keep their loss in `LanguageModelRun.stepLosses`
    /// (JSON `recorded_steps`).
    public var recordedSteps: Int
    /// Words whose nearest neighbours in the input embedding the run reports (JSON `embedding_queries`).
    public var embeddingQueries: [String]
    /// How many of the most frequent training words have their embedding rows kept (JSON `map_words`).
    public var mapWords: Int
    /// How many words of text to sample from the best model (JSON `sample_words`).
    public var sampleWords: Int
    /// Words whose input-embedding rows the run keeps in `LanguageModelRun.keptVectors`, for scoring
    /// the embedding elsewhere (JSON `kept_words`); words not in the vocabulary are left out.
    public var keptWords: [String]

    /// A configuration with pytorch/examples' defaults for everything not given.
    public init(
        model: String, emsize: Int, nhid: Int, nlayers: Int, lr: Double = 20, clip: Double = 0.25,
        epochs: Int, batchSize: Int = 20, bptt: Int = 35, dropout: Double = 0.2, tied: Bool = false,
        seed: UInt64 = 1111, evalBatchSize: Int = 10, logInterval: Int = 200, dryRun: Bool = false,
        recordedSteps: Int = 100, embeddingQueries: [String] = [], mapWords: Int = 0, sampleWords: Int = 0,
        keptWords: [String] = []
    ) {
        self.model = model
        self.emsize = emsize
        self.nhid = nhid
        self.nlayers = nlayers
        self.lr = lr
        self.clip = clip
        self.epochs = epochs
        self.batchSize = batchSize
        self.bptt = bptt
        self.dropout = dropout
        self.tied = tied
        self.seed = seed
        self.evalBatchSize = evalBatchSize
        self.logInterval = logInterval
        self.dryRun = dryRun
        self.recordedSteps = recordedSteps
        self.embeddingQueries = embeddingQueries
        self.mapWords = mapWords
        self.sampleWords = sampleWords
        self.keptWords = keptWords
    }

    /// The recurrent network named by `model`, or nil when the name is not one of the choices.
    public var cell: LanguageModelCell? { LanguageModelCell(rawValue: model) }
}
