/// The gated convolutional language model of Dauphin et al. (2017), optionally with LSTM layers on
/// top (the assignment's "GatedCNN + RNN"): embedding → dropout → `cnnLayers` residual gated blocks
/// (`GatedConvolutionBlock`, causal convolutions of width `kernelWidth`) → [dropout → LSTM] →
/// dropout → linear decoder over the vocabulary.
///
/// The convolutions see (kernelWidth − 1)·cnnLayers words before the current one. The state keeps
/// that many last input words of each column and puts them before the next chunk, so every position
/// sees its whole receptive field, across chunk boundaries too, as the LSTM's state carries over;
/// backpropagation stops at the chunk boundary (the carried words are inputs only). Logits are made
/// for the chunk's own positions.
///
/// Shapes: input indices (T, N) → logits (T·N, V). Initialisation as `WordLanguageModel`: embedding
/// and decoder uniform in ±0.1, decoder bias 0; convolutions and LSTM as PyTorch's layers.
public final class GatedCNNLanguageModel: Module, LanguageModel {
    /// Word vectors, (V, emsize).
    public let encoder: Embedding
    /// The residual gated blocks, the first emsize → nhid, the others nhid → nhid.
    public let blocks: [GatedConvolutionBlock]
    /// The recurrent layers on top of the convolutions (GatedCNN+LSTM), nil without.
    public let rnn: LSTM?
    /// Scores over the vocabulary, (V, nhid) weight; `encoder.weight` when tied.
    public let decoder: Linear
    /// Dropout on the embeddings, before the LSTM and before the decoder.
    public let drop: Dropout
    public let vocabularySize: Int
    /// The width of the blocks' outputs (and the LSTM's).
    public let hiddenSize: Int
    /// Words before the current one that the last block sees: (kernelWidth − 1)·cnnLayers.
    public let receptiveField: Int

    /// Builds the model; `recurrentLayers` 0 gives the plain gated CNN.
    public init(
        vocabularySize: Int, embeddingSize: Int, hiddenSize: Int, kernelWidth: Int, cnnLayers: Int,
        recurrentLayers: Int = 0, dropout: Float = 0.2, tied: Bool = false, generator: RandomGenerator? = nil
    ) throws(WordLanguageModel.ConfigurationError) {
        if tied && embeddingSize != hiddenSize {
            throw .tiedSizesDiffer(embeddingSize: embeddingSize, hiddenSize: hiddenSize)
        }
        self.vocabularySize = vocabularySize
        self.hiddenSize = hiddenSize
        receptiveField = (kernelWidth - 1) * cnnLayers
        drop = Dropout(p: dropout)
        encoder = Embedding(numEmbeddings: vocabularySize, embeddingDim: embeddingSize, generator: generator)
        blocks = (0..<cnnLayers).map { layer in
            GatedConvolutionBlock(
                inChannels: layer == 0 ? embeddingSize : hiddenSize, outChannels: hiddenSize, kernelWidth: kernelWidth,
                generator: generator)
        }
        rnn = recurrentLayers > 0
            ? LSTM(inputSize: hiddenSize, hiddenSize: hiddenSize, numLayers: recurrentLayers, dropout: dropout, generator: generator)
            : nil
        decoder = Linear(inFeatures: hiddenSize, outFeatures: vocabularySize, generator: generator)
        super.init()
        WordLanguageModel.initialiseEmbeddingAndDecoder(encoder: encoder, decoder: decoder, tied: tied, generator: generator)
    }

    /// No carried words yet; zero LSTM state.
    public func initialState(batchSize: Int) -> GatedCNNState {
        let layers = rnn?.numLayers ?? 0
        return GatedCNNState(
            history: [], historySteps: 0,
            recurrent: rnn == nil ? nil : RecurrentState(
                hidden: Tensor.zeros([layers, batchSize, hiddenSize]), cell: Tensor.zeros([layers, batchSize, hiddenSize])))
    }

    /// Logits (T·N, V) for `input` (T, N), with the carried words of `state` before it.
    public func callAsFunction(
        _ input: [Int], steps: Int, batchSize: Int, state: GatedCNNState?
    ) -> (logits: Tensor, state: GatedCNNState) {
        let carried = state?.historySteps ?? 0, window = carried + steps
        let words = (state?.history ?? []) + input  // (carried + T, N)
        var hidden = drop(encoder(words, shape: [window, batchSize]))  // (W, N, emsize)
        for block in blocks { hidden = block(hidden) }  // (W, N, H)
        var output = carried > 0 ? hidden.slice(dim: 0, start: carried, end: window) : hidden  // (T, N, H)
        var recurrent: RecurrentState? = nil
        if let rnn {
            let result = rnn.run(drop(output), hidden: state?.recurrent?.hidden, cellState: state?.recurrent?.cell)
            output = result.output
            recurrent = RecurrentState(hidden: result.hidden, cell: result.cell)
        }
        let logits = decoder(drop(output).reshape([steps * batchSize, hiddenSize]))  // (T·N, V)
        let kept = Swift.min(receptiveField, window)
        let history = Array(words[((window - kept) * batchSize)...])
        return (logits, GatedCNNState(history: history, historySteps: kept, recurrent: recurrent))
    }

    /// The input embedding, (V, emsize).
    public func wordVectors() -> (values: [Float], dimension: Int) { (encoder.weight.scalars, encoder.weight.shape[1]) }

    public func useDropoutGenerator(_ generator: RandomGenerator) { drop.generator = generator }
}
