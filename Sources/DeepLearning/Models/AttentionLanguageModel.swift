/// An LSTM language model with attention over its previous outputs within the chunk, after Daniluk
/// et al. (2017): embedding → dropout → LSTM → `CausalAttention` (each position attends over the
/// earlier outputs of its chunk, and the context is combined with its own output,
/// h*_t = tanh(W^r r_t + W^x h_t)) → dropout → linear decoder.
///
/// The attention does not reach across chunks (the memory is the BPTT window; the first position of
/// a chunk has an empty memory, r = 0). Initialisation as `WordLanguageModel`; the attention's
/// matrices as PyTorch's `nn.Linear`. Shapes: input (T, N) → logits (T·N, V); state (layers, N, H).
public final class AttentionLanguageModel: Module, LanguageModel {
    /// Word vectors, (V, emsize).
    public let encoder: Embedding
    /// The recurrent layers.
    public let rnn: LSTM
    /// Attention over the previous outputs, and the combination with the current one.
    public let attention: CausalAttention
    /// Scores over the vocabulary, (V, nhid); `encoder.weight` when tied.
    public let decoder: Linear
    /// Dropout on the embeddings and on the combined outputs.
    public let drop: Dropout
    /// V, the number of words.
    public let vocabularySize: Int
    /// H, the width of the LSTM and of the attention.
    public let hiddenSize: Int

    /// Builds the model, drawing from `generator`.
    public init(
        vocabularySize: Int, embeddingSize: Int, hiddenSize: Int, layers: Int, dropout: Float = 0.2, tied: Bool = false,
        generator: RandomGenerator? = nil
    ) throws(WordLanguageModel.ConfigurationError) {
        if tied && embeddingSize != hiddenSize {
            throw .tiedSizesDiffer(embeddingSize: embeddingSize, hiddenSize: hiddenSize)
        }
        self.vocabularySize = vocabularySize
        self.hiddenSize = hiddenSize
        drop = Dropout(p: dropout)
        encoder = WordLanguageModel.embeddingToReplace(
            vocabularySize: vocabularySize, embeddingSize: embeddingSize, generator: generator)
        rnn = LSTM(inputSize: embeddingSize, hiddenSize: hiddenSize, numLayers: layers, dropout: dropout, generator: generator)
        attention = CausalAttention(size: hiddenSize, generator: generator)
        decoder = Linear(inFeatures: hiddenSize, outFeatures: vocabularySize, generator: generator)
        super.init()
        WordLanguageModel.initialiseEmbeddingAndDecoder(encoder: encoder, decoder: decoder, tied: tied, generator: generator)
    }

    /// Zeros for the LSTM state.
    public func initialState(batchSize: Int) -> RecurrentState {
        RecurrentState(
            hidden: Tensor.zeros([rnn.numLayers, batchSize, hiddenSize]), cell: Tensor.zeros([rnn.numLayers, batchSize, hiddenSize]))
    }

    /// Logits (T·N, V) for `input` (T, N).
    public func callAsFunction(
        _ input: [Int], steps: Int, batchSize: Int, state: RecurrentState?
    ) -> (logits: Tensor, state: RecurrentState) {
        let embedded = drop(encoder(input, shape: [steps, batchSize]))  // (T, N, emsize)
        let result = rnn.run(embedded, hidden: state?.hidden, cellState: state?.cell)
        let combined = drop(attention(result.output))  // (T, N, H)
        let logits = decoder(combined.reshape([steps * batchSize, hiddenSize]))  // (T·N, V)
        return (logits, RecurrentState(hidden: result.hidden, cell: result.cell))
    }

    /// The input embedding, (V, emsize).
    public func wordVectors() -> (values: [Float], dimension: Int) { (encoder.weight.scalars, encoder.weight.shape[1]) }

    /// Makes `drop` draw its masks from `generator`.
    public func useDropoutGenerator(_ generator: RandomGenerator) { drop.generator = generator }
}
