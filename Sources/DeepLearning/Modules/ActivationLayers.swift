/// max(0, x) as a layer (`nn.ReLU`).
public final class ReLU: Module {
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input.relu() }
}

/// tanh as a layer (`nn.Tanh`).
public final class Tanh: Module {
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input.tanh() }
}

/// The logistic function as a layer (`nn.Sigmoid`).
public final class Sigmoid: Module {
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input.sigmoid() }
}

/// Flattens all dimensions after the first (`nn.Flatten`).
public final class Flatten: Module {
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input.flatten(startDim: 1) }
}
