/// max(0, x) as a layer (`nn.ReLU`).
public final class ReLU: Module {
    /// The layer (it has no parameters).
    public override init() { super.init() }
    /// max(0, x), elementwise.
    public override func forward(_ input: Tensor) -> Tensor { input.relu() }
}

/// tanh as a layer (`nn.Tanh`).
public final class Tanh: Module {
    /// The layer (it has no parameters).
    public override init() { super.init() }
    /// tanh x, elementwise.
    public override func forward(_ input: Tensor) -> Tensor { input.tanh() }
}

/// The logistic function as a layer (`nn.Sigmoid`).
public final class Sigmoid: Module {
    /// The layer (it has no parameters).
    public override init() { super.init() }
    /// 1 / (1 + e⁻ˣ), elementwise.
    public override func forward(_ input: Tensor) -> Tensor { input.sigmoid() }
}

/// Flattens all dimensions after the first (`nn.Flatten`).
public final class Flatten: Module {
    /// The layer (it has no parameters).
    public override init() { super.init() }
    /// The input as (N, everything else), as PyTorch's `nn.Flatten()`.
    public override func forward(_ input: Tensor) -> Tensor { input.flatten(startDim: 1) }
}
