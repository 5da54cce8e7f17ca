/// The record of one operation in the autograd graph: its inputs and how to send a gradient to them.
struct GradientFunction {
    /// The operation's name, for debugging (`"matmul"`, `"add"`, …).
    let name: String
    /// The operation's tensor inputs, in the order `backward` returns their gradients.
    let inputs: [Tensor]
    /// Maps the gradient of the output to one gradient per input (`nil` where none is needed).
    /// Closures capture saved values (arrays), never the output tensor, so the graph has no cycles.
    let backward: (Tensor) -> [Tensor?]
}

/// Whether operations record the autograd graph. Off inside `noGrad { }`.
///
/// Like PyTorch's grad mode it is local to the running task (thread), so a `noGrad` scope on one thread
/// never stops another thread's training from recording (tests run in parallel).
public enum GradientMode {
    @TaskLocal static var isDisabled = false
    /// True unless inside a `noGrad` scope.
    public static var isEnabled: Bool { !isDisabled }
}

/// Runs `body` without recording operations for autograd, like PyTorch's `with torch.no_grad():`.
@discardableResult
public func noGrad<Result>(_ body: () throws -> Result) rethrows -> Result {
    try GradientMode.$isDisabled.withValue(true) { try body() }
}

extension Tensor {
    /// Makes the result of an operation and, when gradients are being recorded and an input needs one,
    /// attaches the operation's backward function.
    static func result(
        shape: [Int], scalars: [Float], operation name: String, inputs: [Tensor],
        backward: @escaping (Tensor) -> [Tensor?]
    ) -> Tensor {
        let output = Tensor(shape: shape, scalars: scalars)
        if GradientMode.isEnabled && inputs.contains(where: { $0.requiresGrad }) {
            output.requiresGrad = true
            output.gradientFunction = GradientFunction(name: name, inputs: inputs, backward: backward)
        }
        return output
    }

    /// Computes the gradient of this tensor with respect to every leaf that requires gradients and
    /// adds it to their `grad`, as PyTorch's `backward()`.
    ///
    /// - Parameters:
    ///   - gradient: the gradient of some final scalar with respect to this tensor; omit it for a
    ///     one-element tensor (it is then 1).
    ///   - retainGraph: keep the graph so that `backward` can run through it again.
    ///
    /// Without `retainGraph`, the graph is freed afterwards: the computed tensors drop their records
    /// (and so the saved values), and stop requiring gradients, as if detached.
    public func backward(_ gradient: Tensor? = nil, retainGraph: Bool = false) {
        precondition(requiresGrad, "backward() on a tensor that does not require gradients")
        let seed: Tensor
        if let gradient {
            precondition(
                gradient.shape == shape,
                "backward: gradient of shape \(gradient.shape) for a tensor of shape \(shape)")
            seed = gradient
        } else {
            precondition(
                count == 1,
                "backward() without a gradient needs a one-element tensor, shape is \(shape)")
            seed = Tensor(shape: shape, scalars: [1])
        }
        let order = topologicalOrder()
        var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): seed]
        noGrad {
            for node in order.reversed() {
                guard let outputGradient = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
                guard let function = node.gradientFunction else {
                    node.accumulateGradient(outputGradient)
                    continue
                }
                let inputGradients = function.backward(outputGradient)
                for (input, inputGradient) in zip(function.inputs, inputGradients) {
                    guard input.requiresGrad, let inputGradient else { continue }
                    precondition(
                        inputGradient.shape == input.shape,
                        "\(function.name) backward produced a gradient of shape \(inputGradient.shape) for an input of shape \(input.shape)")
                    let key = ObjectIdentifier(input)
                    if let existing = pending[key] {
                        existing.addInPlace(inputGradient)
                    } else {
                        // A new object over the same (copy-on-write) storage, so accumulating into it later
                        // never changes a tensor that a backward closure handed out twice.
                        pending[key] = inputGradient.copy()
                    }
                }
                if !retainGraph {
                    node.gradientFunction = nil
                    node.requiresGrad = false
                }
            }
        }
    }

    /// The tensors this one depends on through recorded operations, each after all of its inputs.
    func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        // Iterative depth-first search: (tensor, whether its inputs were already pushed).
        var stack: [(Tensor, Bool)] = [(self, false)]
        while let (tensor, expanded) = stack.popLast() {
            if expanded {
                order.append(tensor)
                continue
            }
            guard visited.insert(ObjectIdentifier(tensor)).inserted else { continue }
            stack.append((tensor, true))
            for input in tensor.gradientFunction?.inputs ?? [] where input.requiresGrad {
                if !visited.contains(ObjectIdentifier(input)) { stack.append((input, false)) }
            }
        }
        return order
    }

    /// Adds `gradient` to `grad` (a leaf's accumulated gradient).
    func accumulateGradient(_ gradient: Tensor) {
        if let grad {
            grad.addInPlace(gradient)
        } else {
            grad = Tensor(shape: gradient.shape, scalars: gradient.scalars)
        }
    }

    /// `self += other` elementwise, same shape, without recording (over the threads when large).
    func addInPlace(_ other: Tensor) {
        precondition(shape == other.shape, "cannot add a tensor of shape \(other.shape) into one of shape \(shape)")
        scalars.withUnsafeMutableBufferPointer { target in
            other.scalars.withUnsafeBufferPointer { source in
                let t = target.baseAddress!, s = source.baseAddress!
                Parallel.forEachChunk(target.count) { range in
                    for i in range { t[i] += s[i] }
                }
            }
        }
    }
}
