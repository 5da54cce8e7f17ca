/// The character-level word encoder of Kim et al. (2016): character embeddings, one 1-D convolution
/// per filter width over the characters of a word, tanh, the maximum over positions of each feature
/// map, the maxima of all widths concatenated.
///
/// Shapes: character indices (U, L) (U words padded to L characters) → (U, Σ featureMaps).
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

    /// Word features (U, Σ maps) from character indices laid out (U, L) row-major.
    public func callAsFunction(_ characters: [Int], words: Int, length: Int) -> Tensor {
        let vectors = DeepLearning.embedding(
            characters, shape: [words, length], weight: embedding.weight, paddingIndex: paddingIndex
        ).transpose(1, 2)  // (U, L, c) → (U, c, L)
        let maxima = convolutions.map { $0(vectors).tanh().max(dim: 2).values }  // each (U, maps)
        return maxima.count == 1 ? maxima[0] : cat(maxima, dim: 1)
    }
}
