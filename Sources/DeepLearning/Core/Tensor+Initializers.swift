/// The initialisers and factories a PyTorch user would guess: nested arrays, `zeros`, `ones`, `full`,
/// `randn`, `rand`, `arange`, each with an optional `requiresGrad:`.
extension Tensor {
    /// A scalar tensor (shape `[]`), like `torch.tensor(3.0)`.
    public convenience init(_ value: Float, requiresGrad: Bool = false) {
        self.init(shape: [], scalars: [value], requiresGrad: requiresGrad)
    }

    /// A vector, like `torch.tensor([1, 2, 3])`.
    public convenience init(_ values: [Float], requiresGrad: Bool = false) {
        self.init(shape: [values.count], scalars: values, requiresGrad: requiresGrad)
    }

    /// A matrix from its rows, like `torch.tensor([[1, 2], [3, 4]])`.
    public convenience init(_ rows: [[Float]], requiresGrad: Bool = false) {
        let columns = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == columns }, "rows of different lengths: \(rows.map(\.count))")
        self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 }, requiresGrad: requiresGrad)
    }

    /// A rank-3 tensor from nested arrays.
    public convenience init(_ values: [[[Float]]], requiresGrad: Bool = false) {
        let inner = values.map { Tensor($0) }
        let innerShape = inner.first?.shape ?? [0, 0]
        precondition(inner.allSatisfy { $0.shape == innerShape }, "ragged nested array: \(inner.map(\.shape))")
        self.init(shape: [values.count] + innerShape, scalars: inner.flatMap(\.scalars), requiresGrad: requiresGrad)
    }

    /// A rank-4 tensor from nested arrays.
    public convenience init(_ values: [[[[Float]]]], requiresGrad: Bool = false) {
        let inner = values.map { Tensor($0) }
        let innerShape = inner.first?.shape ?? [0, 0, 0]
        precondition(inner.allSatisfy { $0.shape == innerShape }, "ragged nested array: \(inner.map(\.shape))")
        self.init(shape: [values.count] + innerShape, scalars: inner.flatMap(\.scalars), requiresGrad: requiresGrad)
    }

    /// A tensor of the given shape filled with `value` (`torch.full`).
    public static func full(_ shape: [Int], _ value: Float, requiresGrad: Bool = false) -> Tensor {
        Tensor(shape: shape, scalars: [Float](repeating: value, count: shape.reduce(1, *)), requiresGrad: requiresGrad)
    }

    /// A tensor of zeros (`torch.zeros`).
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, 0, requiresGrad: requiresGrad)
    }

    /// A tensor of ones (`torch.ones`).
    public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, 1, requiresGrad: requiresGrad)
    }

    /// Zeros with the shape of `other` (`torch.zeros_like`).
    public static func zeros(like other: Tensor) -> Tensor { zeros(other.shape) }
    /// Ones with the shape of `other` (`torch.ones_like`).
    public static func ones(like other: Tensor) -> Tensor { ones(other.shape) }

    /// Standard normal samples (`torch.randn`), from `generator` or the default generator.
    public static func randn(
        _ shape: [Int], generator: RandomGenerator? = nil, requiresGrad: Bool = false
    ) -> Tensor {
        if RandomInitialisation.isSkipped { return zeros(shape, requiresGrad: requiresGrad) }
        let scalars = (generator ?? defaultGenerator).withExclusiveAccess { source in
            source.normalFloats(count: shape.reduce(1, *))
        }
        return Tensor(shape: shape, scalars: scalars, requiresGrad: requiresGrad)
    }

    /// Uniform samples in [0, 1) (`torch.rand`), from `generator` or the default generator.
    public static func rand(
        _ shape: [Int], generator: RandomGenerator? = nil, requiresGrad: Bool = false
    ) -> Tensor {
        uniform(shape, low: 0, high: 1, generator: generator, requiresGrad: requiresGrad)
    }

    /// Uniform samples in [low, high) (`torch.empty(shape).uniform_(low, high)`).
    public static func uniform(
        _ shape: [Int], low: Float, high: Float, generator: RandomGenerator? = nil, requiresGrad: Bool = false
    ) -> Tensor {
        if RandomInitialisation.isSkipped { return zeros(shape, requiresGrad: requiresGrad) }
        let scalars = (generator ?? defaultGenerator).withExclusiveAccess { source in
            source.uniformFloats(count: shape.reduce(1, *)) { low + (high - low) * $0 }
        }
        return Tensor(shape: shape, scalars: scalars, requiresGrad: requiresGrad)
    }

    /// Values `start, start + step, …` below `end` (`torch.arange`).
    public static func arange(_ start: Float, _ end: Float, step: Float = 1, requiresGrad: Bool = false) -> Tensor {
        precondition(step != 0, "arange needs a non-zero step")
        let count = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        let scalars = (0..<count).map { start + Float($0) * step }
        return Tensor(shape: [count], scalars: scalars, requiresGrad: requiresGrad)
    }

    /// Values `0, 1, …, end - 1` (`torch.arange(end)`).
    public static func arange(_ end: Int) -> Tensor {
        arange(0, Float(end))
    }
}

/// Random initialisation switched off, for a model built only to be handed another model's parameter
/// values (a batch-parallel replica: its own draws were thrown away at once, and for a 10,000-word
/// model they were two million Box–Muller normals and as many uniforms per replica). Inside
/// `withoutDraws`, `Tensor.randn`, `rand` and `uniform` return zeros and no generator moves.
enum RandomInitialisation {
    @TaskLocal static var isSkipped = false

    /// Runs `body` with random initialisation switched off on this thread.
    static func withoutDraws<Result>(_ body: () throws -> Result) rethrows -> Result {
        try $isSkipped.withValue(true) { try body() }
    }
}
