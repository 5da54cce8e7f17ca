/// Attention over the previous outputs of a recurrent layer within the chunk, after Daniluk et al.
/// (2017, "attention" model): position t attends over the outputs h_s, s < t, with additive scores
/// wᵀ tanh(W^Y h_s + W^h h_t), and its context r_t is combined with its own output:
///
///     h*_t = tanh(W^r r_t + W^x h_t)        (r_0 = 0)
///
/// Shapes: outputs (T, N, H) → (T, N, H). All four matrices are (H, H) without bias, w is (H).
public final class CausalAttention: Module {
    /// W^Y: the keys of the attended outputs.
    public let memory: Linear
    /// W^h: the query of the current output.
    public let query: Linear
    /// w, (H): the score of a key–query sum.
    public var score: Tensor
    /// W^r: the context's part of the combined output.
    public let context: Linear
    /// W^x: the current output's part of the combined output.
    public let current: Linear

    /// Makes the layer; matrices as PyTorch's `nn.Linear`, w uniform in ±1/√H, from `generator`.
    public init(size: Int, generator: RandomGenerator? = nil) {
        memory = Linear(inFeatures: size, outFeatures: size, bias: false, generator: generator)
        query = Linear(inFeatures: size, outFeatures: size, bias: false, generator: generator)
        let bound = 1 / Float(size).squareRoot()
        score = Tensor.uniform([size], low: -bound, high: bound, generator: generator, requiresGrad: true)
        context = Linear(inFeatures: size, outFeatures: size, bias: false, generator: generator)
        current = Linear(inFeatures: size, outFeatures: size, bias: false, generator: generator)
        super.init()
    }

    /// h* (T, N, H) from the outputs h (T, N, H).
    public override func forward(_ outputs: Tensor) -> Tensor {
        let attended = causalAdditiveAttention(values: outputs, keys: memory(outputs), queries: query(outputs), score: score)
        return (context(attended) + current(outputs)).tanh()
    }
}
