import Testing
@testable import DeepLearning

@Suite("Autograd engine")
struct AutogradTests {
    @Test("a tensor used twice accumulates both gradients (d(x·x + 3x)/dx = 2x + 3)")
    func reuse() {
        let x = Tensor([1, -2, 3], requiresGrad: true)
        (x * x + x * 3).sum().backward()
        #expect(x.grad?.scalars == [5, -1, 9])
    }

    @Test("gradients accumulate over backward calls until zeroGrad, like PyTorch")
    func accumulation() {
        let w = Tensor([2], requiresGrad: true)
        (w * 3).sum().backward()
        (w * 4).sum().backward()
        #expect(w.grad?.scalars == [7])
        w.zeroGrad()
        #expect(w.grad == nil)
    }

    @Test("backward frees the graph: computed tensors drop their records and saved values")
    func graphFreed() {
        let x = Tensor([1, 2], requiresGrad: true)
        let y = x * 2
        let loss = (y * y).sum()
        #expect(!y.isLeaf && !loss.isLeaf)
        loss.backward()
        #expect(y.isLeaf && loss.isLeaf)
        #expect(!y.requiresGrad)
        #expect(x.grad?.scalars == [8, 16])
    }

    @Test("retainGraph allows a second backward through the same graph")
    func retainGraph() {
        let x = Tensor([3], requiresGrad: true)
        let loss = (x * x).sum()
        loss.backward(retainGraph: true)
        loss.backward()
        #expect(x.grad?.scalars == [12])
    }

    @Test("a weak reference to an intermediate tensor dies once backward ran and the loss is gone")
    func intermediatesReleased() {
        let x = Tensor([1, 2, 3], requiresGrad: true)
        weak var intermediate: Tensor?
        var loss: Tensor? = {
            let hidden = (x * 2).exp()
            intermediate = hidden
            return hidden.sum()
        }()
        #expect(intermediate != nil)  // held by the graph of `loss`
        loss?.backward()
        #expect(intermediate == nil)  // graph freed: nothing holds it any more
        loss = nil
        #expect(x.grad != nil)
    }

    @Test("noGrad and detach stop recording")
    func noGradAndDetach() {
        let x = Tensor([1, 2], requiresGrad: true)
        let y = noGrad { x * 2 }
        #expect(!y.requiresGrad && y.isLeaf)
        let z = x.detach() * 2
        #expect(!z.requiresGrad)
        #expect(GradientMode.isEnabled)
    }

    @Test("an explicit gradient seeds a non-scalar backward (vector-Jacobian product)")
    func explicitGradient() {
        let x = Tensor([1, 2, 3], requiresGrad: true)
        let y = x * x
        y.backward(Tensor([1, 0.5, -1]))
        #expect(x.grad?.scalars == [2, 2, -6])
    }

    @Test("a diamond graph (shared subexpression) gets each path once")
    func diamond() {
        // f = (a·b) + (a·b)·a with a = 2, b = 3: df/da = b + 2ab = 15, df/db = a + a² = 6
        let a = Tensor(2, requiresGrad: true), b = Tensor(3, requiresGrad: true)
        let shared = a * b
        (shared + shared * a).backward()
        #expect(a.grad?.item == 15)
        #expect(b.grad?.item == 6)
    }
}

@Suite("Tensor creation and random numbers")
struct CreationTests {
    @Test("nested arrays give the shapes PyTorch's torch.tensor gives")
    func nestedArrays() {
        #expect(Tensor(3.0).shape == [])
        #expect(Tensor([1, 2, 3]).shape == [3])
        #expect(Tensor([[1, 2], [3, 4], [5, 6]]).shape == [3, 2])
        let t3 = Tensor([[[1, 2]], [[3, 4]]])
        #expect(t3.shape == [2, 1, 2] && t3.scalars == [1, 2, 3, 4])
        #expect(Tensor([[[[1]], [[2]]]]).shape == [1, 2, 1, 1])
        #expect(Tensor.zeros([2, 3]).scalars == [Float](repeating: 0, count: 6))
        #expect(Tensor.full([2], 7).scalars == [7, 7])
        #expect(Tensor.arange(5).scalars == [0, 1, 2, 3, 4])
        #expect(Tensor.arange(1, 2, step: 0.25).scalars == [1, 1.25, 1.5, 1.75])
        #expect(Tensor.ones([2], requiresGrad: true).requiresGrad)
        #expect(Tensor([[1, 2], [3, 4]]).description == "tensor([[1, 2], [3, 4]])")
    }

    @Test("the same seed gives the same numbers; manualSeed restarts the default stream")
    func seeded() {
        let a = Tensor.randn([100], generator: RandomGenerator(seed: 42))
        let b = Tensor.randn([100], generator: RandomGenerator(seed: 42))
        #expect(a.scalars == b.scalars)
        #expect(Tensor.randn([100], generator: RandomGenerator(seed: 43)).scalars != a.scalars)
        manualSeed(7)
        let c = Tensor.rand([10])
        manualSeed(7)
        #expect(Tensor.rand([10]).scalars == c.scalars)
    }

    @Test("randn has mean 0 and variance 1; rand lies in [0, 1) with mean 1/2")
    func distributions() {
        let n = 200_000
        let normal = Tensor.randn([n], generator: RandomGenerator(seed: 1)).scalars.map(Double.init)
        let mean = normal.reduce(0, +) / Double(n)
        let variance = normal.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
        // Standard errors: 1/sqrt(n) ≈ 0.0022 for the mean, sqrt(2/n) ≈ 0.0032 for the variance.
        #expect(abs(mean) < 0.011)
        #expect(abs(variance - 1) < 0.016)
        let uniform = Tensor.rand([n], generator: RandomGenerator(seed: 2)).scalars
        #expect(uniform.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(uniform.reduce(0, +) / Float(n) - 0.5) < 0.004)
    }
}
