/// Inverted dropout (`F.dropout`): in training, each element is zeroed with probability `p` and the
/// survivors are scaled by 1/(1 − p), so the expected value is unchanged; in evaluation it is the identity.
///
/// The mask comes from `generator` (or the default generator), so a seeded run repeats exactly.
/// Backward: g·mask (the same zeros and scale).
public func dropout(_ input: Tensor, p: Float, training: Bool = true, generator: RandomGenerator? = nil) -> Tensor {
    precondition(p >= 0 && p <= 1, "dropout probability must be in [0, 1], got \(p)")
    if !training || p == 0 { return input }
    let scale: Float = p == 1 ? 0 : 1 / (1 - p)
    let source = generator ?? defaultGenerator
    // Inside a batch-parallel step the worker takes its columns of the whole batch's mask.
    let mask = DropoutColumnShard.current?.nextMask(shape: input.shape, p: p, scale: scale, generator: source)
        ?? source.withExclusiveAccess { source in
            source.uniformFloats(count: input.count) { $0 < p ? 0 : scale }
        }
    let output = Kernels.zip(input.scalars, mask, *)
    return Tensor.result(shape: input.shape, scalars: output, operation: "dropout", inputs: [input]) { [shape = input.shape] g in
        [Tensor(shape: shape, scalars: Kernels.zip(g.scalars, mask, *))]
    }
}
