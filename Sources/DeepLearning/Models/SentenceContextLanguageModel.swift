/// An LSTM language model that also sees the previous sentence: the mean input embedding of the words
/// of the sentence before the current one (sentences end at `<eos>`, which is left out of the bag) is
/// concatenated to the LSTM's output before the decoder. Embedding → dropout → LSTM, then
/// dropout([h_t ; mean embedding of the previous sentence]) → linear decoder (V, nhid + emsize).
///
/// The sentences carry over between chunks in the state (`SentenceContextState`); the bag is built
/// from the same embedding as the input (`meanEmbedding`), so its gradient reaches the embedding rows
/// of the previous sentence's words. Shapes: input (T, N) → logits (T·N, V).
public final class SentenceContextLanguageModel: Module, LanguageModel {
    /// Word vectors, (V, emsize), for the input and for the previous sentence.
    public let encoder: Embedding
    /// The recurrent layers.
    public let rnn: LSTM
    /// Scores over the vocabulary from [output ; context], (V, nhid + emsize).
    public let decoder: Linear
    /// Dropout on the embeddings and on the decoder's input.
    public let drop: Dropout
    /// V, the number of words.
    public let vocabularySize: Int
    /// H, the width of the LSTM.
    public let hiddenSize: Int
    /// The index of `<eos>`, nil when the vocabulary has none (then no sentence ever ends).
    public let endOfSentence: Int?

    /// Builds the model, drawing from `generator`; initialisation as `WordLanguageModel`.
    public init(
        vocabularySize: Int, embeddingSize: Int, hiddenSize: Int, layers: Int, endOfSentence: Int?, dropout: Float = 0.2,
        generator: RandomGenerator? = nil
    ) {
        self.vocabularySize = vocabularySize
        self.hiddenSize = hiddenSize
        self.endOfSentence = endOfSentence
        drop = Dropout(p: dropout)
        encoder = WordLanguageModel.embeddingToReplace(
            vocabularySize: vocabularySize, embeddingSize: embeddingSize, generator: generator)
        rnn = LSTM(inputSize: embeddingSize, hiddenSize: hiddenSize, numLayers: layers, dropout: dropout, generator: generator)
        decoder = Linear(inFeatures: hiddenSize + embeddingSize, outFeatures: vocabularySize, generator: generator)
        super.init()
        WordLanguageModel.initialiseEmbeddingAndDecoder(encoder: encoder, decoder: decoder, tied: false, generator: generator)
    }

    /// Zeros for the LSTM state; no sentence read yet.
    public func initialState(batchSize: Int) -> SentenceContextState {
        let zeros = { Tensor.zeros([self.rnn.numLayers, batchSize, self.hiddenSize]) }
        let empty = [[Int]](repeating: [], count: batchSize)
        return SentenceContextState(recurrent: RecurrentState(hidden: zeros(), cell: zeros()), previous: empty, current: empty)
    }

    /// Logits (T·N, V) for `input` (T, N).
    public func callAsFunction(
        _ input: [Int], steps: Int, batchSize: Int, state: SentenceContextState?
    ) -> (logits: Tensor, state: SentenceContextState) {
        var next = state ?? initialState(batchSize: batchSize)
        let bags = next.previousSentences(input, batchSize: batchSize, endOfSentence: endOfSentence)
        let embedded = drop(encoder(input, shape: [steps, batchSize]))  // (T, N, emsize)
        let result = rnn.run(embedded, hidden: next.recurrent.hidden, cellState: next.recurrent.cell)
        let context = meanEmbedding(bags, weight: encoder.weight)  // (T·N, emsize)
        let output = result.output.reshape([steps * batchSize, hiddenSize])  // (T·N, H)
        let logits = decoder(drop(cat([output, context], dim: 1)))  // (T·N, V)
        next.recurrent = RecurrentState(hidden: result.hidden, cell: result.cell)
        return (logits, next)
    }

    /// The input embedding, (V, emsize).
    public func wordVectors() -> (values: [Float], dimension: Int) { (encoder.weight.scalars, encoder.weight.shape[1]) }

    /// Makes `drop` draw its masks from `generator`.
    public func useDropoutGenerator(_ generator: RandomGenerator) { drop.generator = generator }
}
