/// Adadelta (Zeiler, 2012) with PyTorch's arithmetic, the optimizer of Kim's sentence CNN:
///   g ← g + λ·p;  s ← ρs + (1−ρ)g²;  Δ ← √(a + ε) / √(s + ε) · g;  a ← ρa + (1−ρ)Δ²;  p ← p − lr·Δ.
/// Its step needs no rate (lr 1 is the method as published); the running averages s and a start at 0.
public final class Adadelta: Optimizer {
    public let parameters: [Tensor]
    public var lr: Float
    /// ρ, the decay of both running averages.
    public var rho: Float
    /// ε, inside both square roots.
    public var eps: Float
    /// λ, the L2 penalty added to the gradient.
    public var weightDecay: Float
    private var squareAverages: [[Float]]
    private var deltaAverages: [[Float]]

    /// Adadelta over `parameters` with PyTorch's defaults (`torch.optim.Adadelta`).
    public init(parameters: [Tensor], lr: Float = 1, rho: Float = 0.9, eps: Float = 1e-6, weightDecay: Float = 0) {
        self.parameters = parameters
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.weightDecay = weightDecay
        squareAverages = parameters.map { [Float](repeating: 0, count: $0.count) }
        deltaAverages = squareAverages
    }

    public func step() {
        for (index, parameter) in parameters.enumerated() {
            guard let grad = parameter.grad else { continue }
            let g = grad.scalars, n = parameter.count
            let (rho, eps, lr, decay) = (self.rho, self.eps, self.lr, weightDecay)
            squareAverages[index].withUnsafeMutableBufferPointer { s in
                deltaAverages[index].withUnsafeMutableBufferPointer { a in
                    parameter.scalars.withUnsafeMutableBufferPointer { p in
                        for i in 0..<n {
                            let gi = g[i] + decay * p[i]
                            s[i] = rho * s[i] + (1 - rho) * gi * gi
                            let delta = (a[i] + eps).squareRoot() / (s[i] + eps).squareRoot() * gi
                            a[i] = rho * a[i] + (1 - rho) * delta * delta
                            p[i] -= lr * delta
                        }
                    }
                }
            }
        }
    }
}
