/// Layers applied one after the other (`nn.Sequential`); parameters are named "0.weight", "1.bias", ….
public final class Sequential: Module {
    /// The layers, in order.
    public let layers: [Module]

    /// The layers, applied in order.
    public init(_ layers: [Module]) {
        self.layers = layers
        super.init()
    }

    /// The layers, applied in order: `Sequential(Linear(...), ReLU(), Linear(...))`.
    public convenience init(_ layers: Module...) { self.init(layers) }

    /// The layers named `0`, `1`, … as PyTorch names them (parameter names read `0.weight`).
    public override func namedChildren() -> [(String, Module)] {
        layers.enumerated().map { ("\($0.offset)", $0.element) }
    }

    /// Each layer applied to the output of the one before.
    public override func forward(_ input: Tensor) -> Tensor {
        layers.reduce(input) { $1($0) }
    }

    /// The layer at `index`.
    public subscript(index: Int) -> Module { layers[index] }
}
