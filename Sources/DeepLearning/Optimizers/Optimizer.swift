/// What every optimizer offers, like PyTorch's `torch.optim.Optimizer`.
public protocol Optimizer: AnyObject {
    /// The tensors the optimizer updates.
    var parameters: [Tensor] { get }
    /// The learning rate; change it between steps to schedule it.
    var lr: Float { get set }
    /// Updates every parameter that has a gradient.
    func step()
}

extension Optimizer {
    /// Drops the gradients of every parameter (`optimizer.zero_grad()`).
    public func zeroGrad() {
        for parameter in parameters { parameter.grad = nil }
    }
}
