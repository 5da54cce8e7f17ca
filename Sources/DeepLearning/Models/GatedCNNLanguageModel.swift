/// The gated convolutional language model of Dauphin et al. (2017), optionally with LSTM layers on
/// top (the assignment's "GatedCNN + RNN"): embedding → dropout → `cnnLayers` residual gated blocks
/// (`GatedConvolutionBlock`, causal convolutions of width `kernelWidth`) → [dropout → LSTM] →
/// dropout → linear decoder over the vocabulary.
///
/// The convolutions see (kernelWidth − 1)·cnnLayers words before the current one. Like the LSTM's
/// state, each block's inputs at the last kernelWidth − 1 positions carry over to the next chunk
/// (`GatedCNNState`), so every position sees its whole receptive field across chunk boundaries too,
/// and backpropagation stops at the boundary; before the first chunk the blocks read zeros. In
/// evaluation this gives the same logits as one long chunk.
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
    /// V, the number of words.
    public let vocabularySize: Int
    /// The width of the blocks' outputs (and the LSTM's).
    public let hiddenSize: Int
    /// Words before the current one that the last block sees: (kernelWidth − 1)·cnnLayers.
    public var receptiveField: Int { blocks.reduce(0) { $0 + $1.convolution.weight.shape[0] - 1 } }

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
        drop = Dropout(p: dropout)
        encoder = WordLanguageModel.embeddingToReplace(
            vocabularySize: vocabularySize, embeddingSize: embeddingSize, generator: generator)
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

    /// Nothing carried yet (the blocks read zeros); zero LSTM state.
    public func initialState(batchSize: Int) -> GatedCNNState {
        let layers = rnn?.numLayers ?? 0
        return GatedCNNState(
            blockInputs: [],
            recurrent: rnn == nil ? nil : RecurrentState(
                hidden: Tensor.zeros([layers, batchSize, hiddenSize]), cell: Tensor.zeros([layers, batchSize, hiddenSize])))
    }

    /// Logits (T·N, V) for `input` (T, N), each block reading its carried inputs before the chunk.
    public func callAsFunction(
        _ input: [Int], steps: Int, batchSize: Int, state: GatedCNNState?
    ) -> (logits: Tensor, state: GatedCNNState) {
        var hidden = drop(encoder(input, shape: [steps, batchSize]))  // (T, N, emsize)
        var carried: [Tensor?] = []
        for (index, block) in blocks.enumerated() {
            let history = state.flatMap { index < $0.blockInputs.count ? $0.blockInputs[index] : nil }
            let result = block(hidden, history: history)  // (T, N, H)
            hidden = result.output
            carried.append(result.history)
        }
        var output = hidden
        var recurrent: RecurrentState? = nil
        if let rnn {
            let result = rnn.run(drop(output), hidden: state?.recurrent?.hidden, cellState: state?.recurrent?.cell)
            output = result.output
            recurrent = RecurrentState(hidden: result.hidden, cell: result.cell)
        }
        let logits = decoder(drop(output).reshape([steps * batchSize, hiddenSize]))  // (T·N, V)
        return (logits, GatedCNNState(blockInputs: carried, recurrent: recurrent))
    }

    /// The input embedding, (V, emsize).
    public func wordVectors() -> (values: [Float], dimension: Int) { (encoder.weight.scalars, encoder.weight.shape[1]) }

    /// Makes `drop` draw its masks from `generator`.
    public func useDropoutGenerator(_ generator: RandomGenerator) { drop.generator = generator }
}
