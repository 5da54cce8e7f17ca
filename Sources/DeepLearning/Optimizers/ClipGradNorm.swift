/// Scales the gradients of `parameters` so that their joint L2 norm is at most `maxNorm`
/// (`torch.nn.utils.clip_grad_norm_`), and returns the norm before clipping.
///
/// As PyTorch: coefficient = maxNorm / (norm + 1e-6), applied only when below 1.
@discardableResult
public func clipGradNorm(_ parameters: [Tensor], maxNorm: Float) -> Float {
    var squares: Double = 0
    for parameter in parameters {
        guard let grad = parameter.grad else { continue }
        for value in grad.scalars { squares += Double(value) * Double(value) }
    }
    let norm = Float(squares.squareRoot())
    let coefficient = maxNorm / (norm + 1e-6)
    if coefficient < 1 {
        for parameter in parameters {
            guard let grad = parameter.grad else { continue }
            for i in 0..<grad.count { grad.scalars[i] *= coefficient }
        }
    }
    return norm
}
