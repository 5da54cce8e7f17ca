/// A fully connected layer y = x·Wᵀ + b (`nn.Linear`).
///
/// Shapes: input (…, inFeatures) → (…, outFeatures); weight (outFeatures, inFeatures), bias (outFeatures).
/// Initialised as PyTorch does: weight and bias uniform in ±1/√inFeatures.
public final class Linear: Module {
    /// The weight matrix, (outFeatures, inFeatures).
    public var weight: Tensor
    /// The bias vector, (outFeatures), or `nil` when made with `bias: false`.
    public var bias: Tensor?

    /// Makes the layer with PyTorch's initialisation from `generator` (or the default generator).
    public init(inFeatures: Int, outFeatures: Int, bias: Bool = true, generator: RandomGenerator? = nil) {
        let bound = 1 / Float(inFeatures).squareRoot()
        weight = Tensor.uniform(
            [outFeatures, inFeatures], low: -bound, high: bound, generator: generator, requiresGrad: true)
        self.bias = bias
            ? Tensor.uniform([outFeatures], low: -bound, high: bound, generator: generator, requiresGrad: true) : nil
        super.init()
    }

    /// y = x Wᵀ + b for input (…, inFeatures); output (…, outFeatures).
    public override func forward(_ input: Tensor) -> Tensor {
        linear(input, weight: weight, bias: bias)
    }
}
