/// The recurrent state carried between chunks of text: h (layers, N, H) and, for the LSTM, c.
public struct RecurrentState {
    /// The hidden state, (layers, N, H).
    public var hidden: Tensor
    /// The cell state, (layers, N, H), LSTM only.
    public var cell: Tensor?

    /// A state with hidden state `hidden` and, for the LSTM, cell state `cell`.
    public init(hidden: Tensor, cell: Tensor? = nil) {
        self.hidden = hidden
        self.cell = cell
    }

    /// The same values cut off from the graph, so backpropagation stops at the chunk boundary
    /// (pytorch/examples' `repackage_hidden`).
    public func detached() -> RecurrentState {
        RecurrentState(hidden: hidden.detach(), cell: cell?.detach())
    }
}

/// The recurrent network of a word language model, by pytorch/examples' `--model` names.
public enum LanguageModelCell: String, CaseIterable, Sendable {
    /// Long short-term memory (`--model LSTM`): four gates and a cell state.
    case lstm = "LSTM"
    /// Gated recurrent unit (`--model GRU`): three gates.
    case gru = "GRU"
    /// Elman RNN with tanh (`--model RNN_TANH`).
    case rnnTanh = "RNN_TANH"
    /// Elman RNN with ReLU (`--model RNN_RELU`).
    case rnnReLU = "RNN_RELU"
}

/// pytorch/examples' word-level `RNNModel`: embedding → dropout → RNN/LSTM/GRU (dropout between its
/// layers) → dropout → linear decoder over the vocabulary, optionally with the decoder's weight tied to
/// the embedding (Press & Wolf; Inan et al.).
///
/// Shapes: input indices (T, N) → logits (T·N, V); state (layers, N, H).
public final class WordLanguageModel: Module, LanguageModel {
    /// Word vectors, (V, emsize).
    public let encoder: Embedding
    /// The recurrent layers.
    public let rnn: RecurrentModule
    /// Scores over the vocabulary, (V, nhid) weight; the same tensor as `encoder.weight` when tied.
    public let decoder: Linear
    /// Dropout on the embeddings and on the last layer's outputs.
    public let drop: Dropout
    /// Which recurrent network runs.
    public let cell: LanguageModelCell
    /// V, the number of words.
    public let vocabularySize: Int
    /// The number of stacked recurrent layers.
    public let layers: Int
    /// H, the width of the recurrent state.
    public let hiddenSize: Int

    /// Errors in the model's configuration.
    public enum ConfigurationError: Error, CustomStringConvertible, Equatable {
        /// Tied weights need the embedding and hidden sizes to agree.
        case tiedSizesDiffer(embeddingSize: Int, hiddenSize: Int)

        /// PyTorch's spelling of the cell: `RNN_TANH`, `RNN_RELU`, `LSTM` or `GRU`.
        public var description: String {
            switch self {
            case let .tiedSizesDiffer(embeddingSize, hiddenSize):
                return "when using --tied, nhid (\(hiddenSize)) must be equal to emsize (\(embeddingSize))"
            }
        }
    }

    /// Builds the model with pytorch/examples' initialisation: embedding and decoder weights uniform in
    /// ±0.1, decoder bias 0, recurrent weights as PyTorch's layers (uniform ±1/√H).
    public init(
        cell: LanguageModelCell, vocabularySize: Int, embeddingSize: Int, hiddenSize: Int, layers: Int,
        dropout: Float = 0.5, tied: Bool = false, generator: RandomGenerator? = nil
    ) throws(ConfigurationError) {
        if tied && embeddingSize != hiddenSize {
            throw .tiedSizesDiffer(embeddingSize: embeddingSize, hiddenSize: hiddenSize)
        }
        self.cell = cell
        self.vocabularySize = vocabularySize
        self.layers = layers
        self.hiddenSize = hiddenSize
        drop = Dropout(p: dropout)
        encoder = Self.embeddingToReplace(vocabularySize: vocabularySize, embeddingSize: embeddingSize, generator: generator)
        switch cell {
        case .lstm:
            rnn = LSTM(inputSize: embeddingSize, hiddenSize: hiddenSize, numLayers: layers, dropout: dropout, generator: generator)
        case .gru:
            rnn = GRU(inputSize: embeddingSize, hiddenSize: hiddenSize, numLayers: layers, dropout: dropout, generator: generator)
        case .rnnTanh, .rnnReLU:
            rnn = RNN(
                inputSize: embeddingSize, hiddenSize: hiddenSize, numLayers: layers,
                nonlinearity: cell == .rnnTanh ? .tanh : .relu, dropout: dropout, generator: generator)
        }
        decoder = Linear(inFeatures: hiddenSize, outFeatures: vocabularySize, generator: generator)
        super.init()
        Self.initialiseEmbeddingAndDecoder(encoder: encoder, decoder: decoder, tied: tied, generator: generator)
    }

    /// The embedding layer of a model whose start `initialiseEmbeddingAndDecoder` then sets: PyTorch's
    /// `nn.Embedding` draws an N(0, 1) start that `init_weights` replaces at once, so the normal draws
    /// keep their place in the stream (the later draws are PyTorch's) but their values are not computed.
    static func embeddingToReplace(vocabularySize: Int, embeddingSize: Int, generator: RandomGenerator?) -> Embedding {
        let encoder = RandomInitialisation.withoutDraws {
            Embedding(numEmbeddings: vocabularySize, embeddingDim: embeddingSize, generator: generator)
        }
        if !RandomInitialisation.isSkipped {
            (generator ?? defaultGenerator).withExclusiveAccess { $0.skipNormals(count: vocabularySize * embeddingSize) }
        }
        return encoder
    }

    /// pytorch/examples' `init_weights`: the embedding uniform in ±0.1, the decoder bias 0, and the
    /// decoder weight either the embedding's tensor (`tied`) or uniform in ±0.1, drawn in that order.
    static func initialiseEmbeddingAndDecoder(encoder: Embedding, decoder: Linear, tied: Bool, generator: RandomGenerator?) {
        // One unbroken run of the stream, even if other threads draw from the same generator.
        (generator ?? defaultGenerator).withExclusiveAccess { source in
            encoder.weight.scalars = Tensor.uniform(encoder.weight.shape, low: -0.1, high: 0.1, generator: source).scalars
            decoder.bias!.scalars = [Float](repeating: 0, count: decoder.weight.shape[0])
            if tied {
                decoder.weight = encoder.weight
            } else {
                decoder.weight.scalars = Tensor.uniform(decoder.weight.shape, low: -0.1, high: 0.1, generator: source).scalars
            }
        }
    }

    /// Whether the decoder shares its weight with the embedding.
    public var isTied: Bool { decoder.weight === encoder.weight }

    /// Zeros for the state of a batch of `batchSize` sequences (`init_hidden`).
    public func initialState(batchSize: Int) -> RecurrentState {
        let zeros = Tensor.zeros([layers, batchSize, hiddenSize])
        return RecurrentState(hidden: zeros, cell: cell == .lstm ? Tensor.zeros([layers, batchSize, hiddenSize]) : nil)
    }

    /// Scores of the next word at every position.
    ///
    /// - Parameters:
    ///   - input: word indices laid out (T, N), row-major (time first).
    ///   - steps: T, the number of time steps in `input`.
    ///   - batchSize: N, the number of parallel streams in `input`.
    ///   - state: the state after the previous chunk, or nil for zeros.
    /// - Returns: logits (T·N, V) and the state after the last step.
    public func callAsFunction(_ input: [Int], steps: Int, batchSize: Int, state: RecurrentState?) -> (logits: Tensor, state: RecurrentState) {
        let (features, next) = decoderInput(input, steps: steps, batchSize: batchSize, state: state)
        return (decoder(features), next)  // (T·N, V)
    }

    /// The mean cross-entropy of the next word, with the decoder and the loss fused
    /// (`linearCrossEntropy`): the (T·N, V) scores are never held whole.
    public func loss(
        _ input: [Int], targets: [Int], steps: Int, batchSize: Int, state: RecurrentState?
    ) -> (loss: Tensor, state: RecurrentState) {
        let (features, next) = decoderInput(input, steps: steps, batchSize: batchSize, state: state)
        return (linearCrossEntropy(features, weight: decoder.weight, bias: decoder.bias, targets: targets), next)
    }

    /// Embedding → dropout → recurrent layers → dropout: the decoder's input (T·N, H), and the state.
    func decoderInput(_ input: [Int], steps: Int, batchSize: Int, state: RecurrentState?) -> (Tensor, RecurrentState) {
        let embedded = drop(encoder(input, shape: [steps, batchSize]))  // (T, N, emsize)
        let result = rnn.run(embedded, hidden: state?.hidden, cellState: state?.cell)
        let output = drop(result.output)  // (T, N, H)
        return (output.reshape([steps * batchSize, hiddenSize]), RecurrentState(hidden: result.hidden, cell: result.cell))
    }

    /// The input embedding, (V, emsize).
    public func wordVectors() -> (values: [Float], dimension: Int) { (encoder.weight.scalars, encoder.weight.shape[1]) }

    /// Makes `drop` draw its masks from `generator`.
    public func useDropoutGenerator(_ generator: RandomGenerator) { drop.generator = generator }

    /// A model of the same sizes holding this one's parameter values, dropout generator and mode.
    /// Every column of a (T, N) batch goes through the network on its own, so replicas can train on
    /// column ranges side by side (`BatchParallelTraining`).
    public func makeBatchReplica() -> WordLanguageModel? {
        // Built without random draws: every parameter value is this model's, loaded below.
        guard let replica = RandomInitialisation.withoutDraws({
            try? WordLanguageModel(
                cell: cell, vocabularySize: vocabularySize, embeddingSize: encoder.weight.shape[1], hiddenSize: hiddenSize,
                layers: layers, dropout: drop.p, tied: isTied, generator: RandomGenerator(seed: 0))
        }) else { return nil }
        precondition(replica.rnn.dropout == rnn.dropout, "makeBatchReplica: the recurrent dropout differs")
        replica.drop.generator = drop.generator
        replica.rnn.dropoutGenerator = rnn.dropoutGenerator
        replica.loadParameterValues(parameterValues())
        replica.train(isTraining)
        return replica
    }
}
