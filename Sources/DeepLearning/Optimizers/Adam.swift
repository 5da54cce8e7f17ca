import Foundation

/// Adam (Kingma & Ba) with PyTorch's arithmetic (L2 weight decay added to the gradient, not AdamW):
///   g ← g + λ·p;  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;
///   p ← p − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε).
public final class Adam: Optimizer {
    /// The tensors this optimizer updates.
    public let parameters: [Tensor]
    /// The learning rate; change it between steps for a schedule.
    public var lr: Float
    /// (β₁, β₂), the decay rates of the first and second moment estimates.
    public var betas: (Float, Float)
    /// ε, added to the denominator.
    public var eps: Float
    /// λ, the L2 penalty added to the gradient.
    public var weightDecay: Float
    private var firstMoments: [[Float]]
    private var secondMoments: [[Float]]
    private var steps: [Int]

    /// Adam over `parameters` with PyTorch's defaults.
    public init(
        parameters: [Tensor], lr: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999), eps: Float = 1e-8,
        weightDecay: Float = 0
    ) {
        self.parameters = parameters
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        firstMoments = parameters.map { [Float](repeating: 0, count: $0.count) }
        secondMoments = firstMoments
        steps = Array(repeating: 0, count: parameters.count)
    }

    /// Updates every parameter that has a gradient (parameters without one are left alone).
    public func step() {
        let (beta1, beta2) = betas
        for (index, parameter) in parameters.enumerated() {
            guard let grad = parameter.grad else { continue }
            steps[index] += 1
            let t = Float(steps[index])
            let correction1 = 1 - Foundation.pow(beta1, t)
            let correction2 = 1 - Foundation.pow(beta2, t)
            let stepSize = lr / correction1
            let correction2Root = correction2.squareRoot()
            let n = parameter.count, decay = weightDecay, epsilon = eps
            let g = grad.scalars
            firstMoments[index].withUnsafeMutableBufferPointer { m in
                secondMoments[index].withUnsafeMutableBufferPointer { v in
                    parameter.scalars.withUnsafeMutableBufferPointer { p in
                        for i in 0..<n {
                            let gi = g[i] + decay * p[i]
                            m[i] = beta1 * m[i] + (1 - beta1) * gi
                            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi
                            p[i] -= stepSize * m[i] / (v[i].squareRoot() / correction2Root + epsilon)
                        }
                    }
                }
            }
        }
    }
}
