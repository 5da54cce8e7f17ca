import Testing
@testable import DeepLearning

/// A module written the way a user would: parameters and sub-modules in stored properties only.
private final class Block: Module {
    let weight = Tensor.ones([2, 2], requiresGrad: true)
    var bias: Tensor? = Tensor.zeros([2], requiresGrad: true)
    let runningMean = Tensor.zeros([2])  // a buffer: no gradient
    override func forward(_ input: Tensor) -> Tensor { linear(input, weight: weight, bias: bias) }
}

private final class Network: Module {
    let first = Block()
    let stack: [Module] = [Block(), Block()]
    let gains = [Tensor.ones([1], requiresGrad: true)]
    let scale = 2  // not a tensor: ignored
    override func forward(_ input: Tensor) -> Tensor {
        stack.reduce(first(input)) { $1($0) } * gains[0]
    }
}

private class BaseModel: Module {
    let baseWeight = Tensor.ones([1], requiresGrad: true)
}

private final class DerivedModel: BaseModel {
    let head = Block()
}

@Suite("Module parameter discovery and modes")
struct ModuleTests {
    @Test("parameters are found by reflection, with PyTorch-style dotted names, buffers apart")
    func discovery() {
        let net = Network()
        #expect(net.namedParameters().map(\.0) == [
            "gains.0", "first.weight", "first.bias", "stack.0.weight", "stack.0.bias", "stack.1.weight", "stack.1.bias",
        ])
        #expect(net.parameters().count == 7)
        #expect(net.parameterCount == 1 + 3 * 6)
        #expect(net.namedBuffers().map(\.0) == ["first.runningMean", "stack.0.runningMean", "stack.1.runningMean"])
        #expect(DerivedModel().namedParameters().map(\.0) == ["baseWeight", "head.weight", "head.bias"])
    }

    @Test("train() and eval() reach every sub-module")
    func modes() {
        let net = Network()
        net.eval()
        #expect(net.namedModules().allSatisfy { !$0.1.isTraining })
        #expect(net.namedModules().count == 4)
        net.train()
        #expect(net.namedModules().allSatisfy { $0.1.isTraining })
    }

    @Test("zeroGrad clears every parameter's gradient after a backward pass")
    func zeroGrad() {
        let net = Network()
        net(Tensor([[1, 2]])).sum().backward()
        #expect(net.parameters().allSatisfy { $0.grad != nil })
        net.zeroGrad()
        #expect(net.parameters().allSatisfy { $0.grad == nil })
    }
}
