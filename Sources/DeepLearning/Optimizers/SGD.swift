/// Stochastic gradient descent with optional momentum and weight decay, PyTorch's update rule
/// (dampening 0, no Nesterov):
///   d = g + λ·p;   b = μ·b + d (b = d on the first step);   p ← p − lr·b   (b = d without momentum).
public final class SGD: Optimizer {
    /// The tensors this optimizer updates.
    public let parameters: [Tensor]
    /// The learning rate; change it between steps for a schedule (the language model divides it by 4).
    public var lr: Float
    /// μ, the momentum factor.
    public var momentum: Float
    /// λ, the L2 penalty added to the gradient.
    public var weightDecay: Float
    private var buffers: [[Float]?]

    /// SGD over `parameters`: `SGD(parameters: model.parameters(), lr: 0.1, momentum: 0.9)`.
    public init(parameters: [Tensor], lr: Float, momentum: Float = 0, weightDecay: Float = 0) {
        self.parameters = parameters
        self.lr = lr
        self.momentum = momentum
        self.weightDecay = weightDecay
        buffers = Array(repeating: nil, count: parameters.count)
    }

    /// Updates every parameter that has a gradient, as `torch.optim.SGD.step()`.
    public func step() {
        for (index, parameter) in parameters.enumerated() {
            guard let grad = parameter.grad else { continue }
            let n = parameter.count
            var direction = grad.scalars
            if weightDecay != 0 {
                for i in 0..<n { direction[i] += weightDecay * parameter.scalars[i] }
            }
            if momentum != 0 {
                if var buffer = buffers[index] {
                    for i in 0..<n { buffer[i] = momentum * buffer[i] + direction[i] }
                    direction = buffer
                }
                buffers[index] = direction
            }
            let rate = lr
            parameter.scalars.withUnsafeMutableBufferPointer { p in
                direction.withUnsafeBufferPointer { d in
                    let pp = p.baseAddress!, dp = d.baseAddress!
                    Parallel.forEachChunk(n) { range in
                        for i in range { pp[i] -= rate * dp[i] }
                    }
                }
            }
        }
    }
}
