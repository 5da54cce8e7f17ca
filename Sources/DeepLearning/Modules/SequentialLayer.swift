/// Layers applied one after the other (`nn.Sequential`); parameters are named "0.weight", "1.bias", ….
public final class Sequential: Module {
    /// The layers, in order.
    public let layers: [Module]

    public init(_ layers: [Module]) {
        self.layers = layers
        super.init()
    }

    public convenience init(_ layers: Module...) { self.init(layers) }

    public override func namedChildren() -> [(String, Module)] {
        layers.enumerated().map { ("\($0.offset)", $0.element) }
    }

    public override func forward(_ input: Tensor) -> Tensor {
        layers.reduce(input) { $1($0) }
    }

    /// The layer at `index`.
    public subscript(index: Int) -> Module { layers[index] }
}
