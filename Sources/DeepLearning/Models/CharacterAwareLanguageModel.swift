/// The character-aware language model of Kim et al. (2016): each word is spelt in characters
/// (`CharacterVocabulary`), read by a `CharacterCNN` (character embeddings, convolutions of several
/// widths, tanh, max over positions) and `Highway` layers, then a word-level LSTM, dropout and a
/// linear decoder over the vocabulary (softmax in the loss).
///
/// Words are padded per chunk: the distinct words of a chunk are encoded once, padded to the longest
/// of them (at least the widest filter), and their features looked up for every position. Kim pads
/// every word to the longest of the corpus and lets the maximum run over padding too; here it runs
/// over the windows that start inside the word, so a word's features do not depend on its chunk.
///
/// Dropout as Kim's `LSTMTDNN.lua`: between the LSTM layers and before the decoder, not on the CNN
/// output. Initialisation as Kim's `main.lua`: every parameter uniform in ±0.05 (`param_init`), the
/// padding character's vector 0, the highway gate biases −2 + U(±0.05) (Kim adds the constant −2).
///
/// The assignment's "7 filters, 7 feature maps" is read as seven filter widths, 1 to 7, each with its
/// own bank of feature maps (`featureMaps[i]` maps of width `filterWidths[i]`), the widths of Kim's
/// large model (`-kernels {1,...,7}`); the counts are its `-feature_maps {50,100,150,200,200,200,200}`
/// by default. Kim's small model (92.3 on PTB) is widths 1–6 with 25·width maps.
///
/// Shapes: input indices (T, N) → logits (T·N, V); state (layers, N, H).
public final class CharacterAwareLanguageModel: Module, LanguageModel {
    /// Characters → word features, (U, Σ featureMaps).
    public let characterCNN: CharacterCNN
    /// Highway layers on the word features.
    public let highway: Highway
    /// The word-level LSTM.
    public let rnn: LSTM
    /// Dropout before the decoder.
    public let drop: Dropout
    /// Scores over the vocabulary, (V, nhid).
    public let decoder: Linear
    /// Every vocabulary word spelt in characters.
    public let spelling: CharacterVocabulary
    /// V, the number of words.
    public let vocabularySize: Int
    /// H, the LSTM's width.
    public let hiddenSize: Int
    /// The widest filter: the least padded word length.
    public let widestFilter: Int

    /// Builds the model for the words of `vocabulary`, drawing from `generator`.
    public init(
        vocabulary: Vocabulary, characterSize: Int, filterWidths: [Int], featureMaps: [Int], highwayLayers: Int,
        hiddenSize: Int, layers: Int, dropout: Float = 0.5, generator: RandomGenerator? = nil
    ) {
        spelling = CharacterVocabulary(vocabulary)
        vocabularySize = vocabulary.count
        self.hiddenSize = hiddenSize
        widestFilter = filterWidths.max() ?? 1
        characterCNN = CharacterCNN(
            characters: spelling.count, characterSize: characterSize, filterWidths: filterWidths, featureMaps: featureMaps,
            paddingIndex: CharacterVocabulary.padding, generator: generator)
        let features = characterCNN.outputSize
        highway = Highway(size: features, layers: highwayLayers, generator: generator)
        rnn = LSTM(inputSize: features, hiddenSize: hiddenSize, numLayers: layers, dropout: dropout, generator: generator)
        drop = Dropout(p: dropout)
        decoder = Linear(inFeatures: hiddenSize, outFeatures: vocabularySize, generator: generator)
        super.init()
        initialiseAsKim(generator: generator ?? defaultGenerator)
    }

    /// Every parameter uniform in ±0.05, then the padding vector 0 and the gate biases −2 + U(±0.05).
    private func initialiseAsKim(generator: RandomGenerator) {
        generator.withExclusiveAccess { source in
            for parameter in parameters() {
                parameter.scalars = source.uniformFloats(count: parameter.count) { -0.05 + 0.1 * $0 }
            }
        }
        let width = characterCNN.embedding.weight.shape[1]
        for j in 0..<width { characterCNN.embedding.weight.scalars[CharacterVocabulary.padding * width + j] = 0 }
        for gate in highway.gates { gate.bias!.scalars = gate.bias!.scalars.map { $0 - 2 } }
    }

    /// Zeros for the LSTM state.
    public func initialState(batchSize: Int) -> RecurrentState {
        RecurrentState(
            hidden: Tensor.zeros([rnn.numLayers, batchSize, hiddenSize]), cell: Tensor.zeros([rnn.numLayers, batchSize, hiddenSize]))
    }

    /// Highway(CNN(spelling)) of each of `words`, (words.count, features).
    public func wordFeatures(_ words: [Int]) -> Tensor {
        let characters = spelling.padded(words, minimumLength: widestFilter)
        return highway(characterCNN(characters.indices, lengths: characters.lengths, length: characters.length))
    }

    /// Logits (T·N, V) for `input` (T, N): the features of the chunk's distinct words, looked up per position.
    public func callAsFunction(
        _ input: [Int], steps: Int, batchSize: Int, state: RecurrentState?
    ) -> (logits: Tensor, state: RecurrentState) {
        var distinct: [Int] = [], position: [Int: Int] = [:]
        let rows = input.map { word in
            if let row = position[word] { return row }
            position[word] = distinct.count
            distinct.append(word)
            return distinct.count - 1
        }
        let features = wordFeatures(distinct)  // (U, D)
        let inputs = embedding(rows, shape: [steps, batchSize], weight: features)  // (T, N, D)
        let result = rnn.run(inputs, hidden: state?.hidden, cellState: state?.cell)
        let logits = decoder(drop(result.output).reshape([steps * batchSize, hiddenSize]))  // (T·N, V)
        return (logits, RecurrentState(hidden: result.hidden, cell: result.cell))
    }

    /// The highway output of every vocabulary word (Kim et al.'s word representations), in evaluation
    /// mode without gradients, (V, Σ featureMaps).
    public func wordVectors() -> (values: [Float], dimension: Int) {
        let wasTraining = isTraining
        eval()
        defer { train(wasTraining) }
        var values: [Float] = []
        noGrad {
            for start in stride(from: 0, to: vocabularySize, by: 1000) {
                values += wordFeatures(Array(start..<Swift.min(start + 1000, vocabularySize))).scalars
            }
        }
        return (values, characterCNN.outputSize)
    }

    /// Makes `drop` draw its masks from `generator`.
    public func useDropoutGenerator(_ generator: RandomGenerator) { drop.generator = generator }
}
