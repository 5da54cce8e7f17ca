/// One epoch of a `LanguageModelRun` (JSON keys `epoch`, `train_ppl`, `valid_ppl`, `lr`, `seconds`,
/// `tokens_per_s`).
public struct LanguageModelEpoch: Codable, Equatable, Sendable {
    /// 1 for the first pass over the training text.
    public var epoch: Int
    /// exp of the mean training loss per token of this epoch, in training mode (dropout on) while the
    /// weights moved.
    public var trainPerplexity: Double
    /// exp of the mean validation loss per token after this epoch, in evaluation mode.
    public var validPerplexity: Double
    /// The learning rate used during this epoch.
    public var lr: Double
    /// Wall time of the epoch: training and validation (the figure of main.py's end-of-epoch line).
    public var seconds: Double
    /// Training tokens (steps × batch size) per second of the training pass alone.
    public var tokensPerSecond: Double

    /// The figures of one epoch, as `train-lm` and recorded runs write them.
    public init(epoch: Int, trainPerplexity: Double, validPerplexity: Double, lr: Double, seconds: Double, tokensPerSecond: Double) {
        self.epoch = epoch
        self.trainPerplexity = trainPerplexity
        self.validPerplexity = validPerplexity
        self.lr = lr
        self.seconds = seconds
        self.tokensPerSecond = tokensPerSecond
    }

    enum CodingKeys: String, CodingKey {
        case epoch, lr, seconds
        case trainPerplexity = "train_ppl"
        case validPerplexity = "valid_ppl"
        case tokensPerSecond = "tokens_per_s"
    }
}
