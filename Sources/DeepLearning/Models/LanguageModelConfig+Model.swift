extension LanguageModelConfig {
    /// The network the configuration names, built for `vocabulary` with its initialisation drawn from
    /// `generator`, its dropout layers drawing from `generator` too.
    ///
    /// - Precondition: `validate()` passed (a known `model`).
    /// - Throws: `WordLanguageModel.ConfigurationError` for tied weights of different sizes.
    public func makeModel(vocabulary: Vocabulary, generator: RandomGenerator) throws -> any LanguageModel {
        guard let architecture else { preconditionFailure("makeModel: unknown model '\(model)'; call validate() first") }
        let model: any LanguageModel
        let (words, rate) = (vocabulary.count, Float(dropout))
        switch architecture {
        case .lstm, .gru, .rnnTanh, .rnnReLU:
            model = try WordLanguageModel(
                cell: architecture.cell!, vocabularySize: words, embeddingSize: emsize, hiddenSize: nhid, layers: nlayers,
                dropout: rate, tied: tied, generator: generator)
        case .gatedCNN, .gatedCNNLSTM:
            model = try GatedCNNLanguageModel(
                vocabularySize: words, embeddingSize: emsize, hiddenSize: nhid, kernelWidth: kernelWidth, cnnLayers: cnnLayers,
                recurrentLayers: architecture == .gatedCNNLSTM ? nlayers : 0, dropout: rate, tied: tied, generator: generator)
        case .charCNN:
            model = CharacterAwareLanguageModel(
                vocabulary: vocabulary, characterSize: charEmsize, filterWidths: filterWidths, featureMaps: featureMaps,
                highwayLayers: highwayLayers, hiddenSize: nhid, layers: nlayers, dropout: rate, generator: generator)
        case .lstmAttention:
            model = try AttentionLanguageModel(
                vocabularySize: words, embeddingSize: emsize, hiddenSize: nhid, layers: nlayers, dropout: rate, tied: tied,
                generator: generator)
        case .lstmContext:
            model = SentenceContextLanguageModel(
                vocabularySize: words, embeddingSize: emsize, hiddenSize: nhid, layers: nlayers,
                endOfSentence: vocabulary.index(of: "<eos>"), dropout: rate, generator: generator)
        }
        model.useDropoutGenerator(generator)
        return model
    }
}
