/// Inverted dropout as a layer (`nn.Dropout`): active in training mode, the identity after `eval()`.
public final class Dropout: Module {
    /// The probability of zeroing an element.
    public var p: Float
    /// The generator of the masks; `nil` uses the default generator.
    public var generator: RandomGenerator?

    /// Zeroes each element with probability `p` in training (scaling the rest by 1/(1−p)), drawing
    /// from `generator` or the default one.
    public init(p: Float = 0.5, generator: RandomGenerator? = nil) {
        precondition(p >= 0 && p <= 1, "Dropout probability must be in [0, 1], got \(p)")
        self.p = p
        self.generator = generator
        super.init()
    }

    /// The input with dropout applied in training mode, unchanged in evaluation mode.
    public override func forward(_ input: Tensor) -> Tensor {
        dropout(input, p: p, training: isTraining, generator: generator)
    }
}
