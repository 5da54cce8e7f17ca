/// The character-level word encoder of Kim et al. (2016): character embeddings, one 1-D convolution
/// per filter width over the characters of a word, tanh, the maximum over positions of each feature
/// map, the maxima of all widths concatenated.
///
/// Shapes: character indices (U, L) (U words padded to L characters) → (U, Σ featureMaps); the
/// maximum runs over the windows that start inside each word (see `callAsFunction`).
/// `paddingIndex`'s embedding row starts at zero and gets no gradient (Kim's code zeroes it after
/// every update), so padding reads as zeros. L must be at least the largest filter width.
public final class CharacterCNN: Module {
    /// Character vectors, (characters, characterSize).
    public let embedding: Embedding
    /// One convolution per filter width, (featureMaps[i], characterSize, filterWidths[i]).
    public let convolutions: [Conv1d]
    /// The character index of padding, whose vector stays zero.
    public let paddingIndex: Int

    /// Makes the encoder from `generator` (PyTorch's initialisation; the padding row zero).
    public init(
        characters: Int, characterSize: Int, filterWidths: [Int], featureMaps: [Int], paddingIndex: Int = 0,
        generator: RandomGenerator? = nil
    ) {
        precondition(filterWidths.count == featureMaps.count, "CharacterCNN: \(filterWidths.count) filter widths but \(featureMaps.count) feature map counts")
        embedding = Embedding(numEmbeddings: characters, embeddingDim: characterSize, generator: generator)
        convolutions = zip(filterWidths, featureMaps).map { width, maps in
            Conv1d(inChannels: characterSize, outChannels: maps, kernelSize: width, generator: generator)
        }
        self.paddingIndex = paddingIndex
        super.init()
        for j in 0..<characterSize { embedding.weight.scalars[paddingIndex * characterSize + j] = 0 }
    }

    /// The width of the output: the sum of the feature map counts.
    public var outputSize: Int { convolutions.reduce(0) { $0 + $1.weight.shape[0] } }

    /// Word features (U, Σ maps) from character indices laid out (U, L) row-major, `lengths[u]` of
    /// them word u's own (the rest padding). The maximum of a filter of width w runs over the windows
    /// that start inside the word, positions 0 … max(0, length − w), so a word's features do not depend
    /// on how far its batch is padded.
    public func callAsFunction(_ characters: [Int], lengths: [Int], length: Int) -> Tensor {
        let words = lengths.count
        let vectors = DeepLearning.embedding(
            characters, shape: [words, length], weight: embedding.weight, paddingIndex: paddingIndex
        ).transpose(1, 2)  // (U, L, c) → (U, c, L)
        let maxima = convolutions.map { convolution in
            let width = convolution.weight.shape[2]
            let activations = convolution(vectors).tanh()  // (U, maps, L − w + 1)
            return (activations + Self.windowMask(lengths, width: width, length: length)).max(dim: 2).values  // (U, maps)
        }
        return maxima.count == 1 ? maxima[0] : cat(maxima, dim: 1)
    }

    /// (U, 1, L − w + 1): 0 for the windows that start inside each word, −∞ for the others.
    static func windowMask(_ lengths: [Int], width: Int, length: Int) -> Tensor {
        let positions = length - width + 1
        var mask = [Float](repeating: -.infinity, count: lengths.count * positions)
        for (u, wordLength) in lengths.enumerated() {
            for p in 0...Swift.max(0, Swift.min(wordLength, length) - width) { mask[u * positions + p] = 0 }
        }
        return Tensor(shape: [lengths.count, 1, positions], scalars: mask)
    }
}
