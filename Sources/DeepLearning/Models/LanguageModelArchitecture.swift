/// The networks `LanguageModelRun.train` can build, by their `LanguageModelConfig.model` names:
/// pytorch/examples' four recurrent ones, then the assignment's other models.
public enum LanguageModelArchitecture: String, CaseIterable, Sendable {
    /// `WordLanguageModel` with an LSTM.
    case lstm = "LSTM"
    /// `WordLanguageModel` with a GRU.
    case gru = "GRU"
    /// `WordLanguageModel` with a tanh RNN.
    case rnnTanh = "RNN_TANH"
    /// `WordLanguageModel` with a ReLU RNN.
    case rnnReLU = "RNN_RELU"
    /// `GatedCNNLanguageModel`: Dauphin et al.'s gated convolutions (`cnn_layers`, `kernel_width`).
    case gatedCNN = "GatedCNN"
    /// `GatedCNNLanguageModel` with `nlayers` LSTM layers on top.
    case gatedCNNLSTM = "GatedCNN+LSTM"
    /// `CharacterAwareLanguageModel`: Kim et al.'s character CNN, highway layers and LSTM
    /// (`char_emsize`, `filter_widths`, `feature_maps`, `highway_layers`).
    case charCNN = "CharCNN"
    /// `AttentionLanguageModel`: an LSTM with attention over its previous outputs in the chunk.
    case lstmAttention = "LSTM+Attention"
    /// `SentenceContextLanguageModel`: an LSTM with the mean embedding of the previous sentence.
    case lstmContext = "LSTM+Context"

    /// The recurrent network of a `WordLanguageModel`, nil for the other models.
    public var cell: LanguageModelCell? { LanguageModelCell(rawValue: rawValue) }

    /// Whether the model is built from gated convolutions (reads `kernel_width` and `cnn_layers`).
    public var usesConvolutions: Bool { self == .gatedCNN || self == .gatedCNNLSTM }

    /// Whether the model reads words in characters (reads `char_emsize`, `filter_widths`,
    /// `feature_maps`, `highway_layers`; has no word embedding, so no `tied`).
    public var usesCharacters: Bool { self == .charCNN }

    /// Whether `tied` is possible: the decoder reads a vector of the embedding's width.
    public var canTie: Bool { self != .charCNN && self != .lstmContext }
}
