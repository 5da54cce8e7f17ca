/// Highway layers (Srivastava et al. 2015) as Kim et al. (2016) stack them on the character CNN:
/// for each layer, y = t ⊗ ReLU(W_H x + b_H) + (1 − t) ⊗ x with the transform gate
/// t = σ(W_T x + b_T). Shapes: (…, D) → (…, D).
///
/// Weights start as PyTorch's `nn.Linear`; the gate bias starts at `gateBias` (Kim: −2, so that the
/// layer carries its input at first).
public final class Highway: Module {
    /// W_H, b_H of each layer, (D, D) and (D).
    public let transforms: [Linear]
    /// W_T, b_T of each layer, (D, D) and (D).
    public let gates: [Linear]

    /// `layers` highway layers of width `size` (0 layers: the identity).
    public init(size: Int, layers: Int, gateBias: Float = -2, generator: RandomGenerator? = nil) {
        var transforms: [Linear] = [], gates: [Linear] = []
        for _ in 0..<layers {
            transforms.append(Linear(inFeatures: size, outFeatures: size, generator: generator))
            let gate = Linear(inFeatures: size, outFeatures: size, generator: generator)
            gate.bias!.scalars = [Float](repeating: gateBias, count: size)
            gates.append(gate)
        }
        self.transforms = transforms
        self.gates = gates
        super.init()
    }

    /// (…, D) → (…, D).
    public override func forward(_ input: Tensor) -> Tensor {
        zip(transforms, gates).reduce(input) { x, layer in
            highwayCombine(input: x, transform: layer.0(x).relu(), gate: layer.1(x).sigmoid())
        }
    }
}
