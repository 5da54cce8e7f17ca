/// A lookup table of learned vectors (`nn.Embedding`), initialised from N(0, 1) like PyTorch.
///
/// Shapes: indices S → S + [embeddingDim]; weight (numEmbeddings, embeddingDim).
public final class Embedding: Module {
    /// The table, (numEmbeddings, embeddingDim).
    public var weight: Tensor

    /// Makes the table from `generator` (or the default generator).
    public init(numEmbeddings: Int, embeddingDim: Int, generator: RandomGenerator? = nil) {
        weight = Tensor.randn([numEmbeddings, embeddingDim], generator: generator, requiresGrad: true)
        super.init()
    }

    /// Looks up a tensor of whole-number indices.
    public override func forward(_ input: Tensor) -> Tensor { embedding(input, weight: weight) }

    /// Looks up integer indices laid out in `shape` (default: a vector).
    public func callAsFunction(_ indices: [Int], shape: [Int]? = nil) -> Tensor {
        embedding(indices, shape: shape, weight: weight)
    }
}
