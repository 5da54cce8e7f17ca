import Testing
@testable import DeepLearning

/// Exactly representable test inputs that a Python snippet can rebuild:
/// value i = (((i·a + b) mod m) − m/2) / d, in row-major order (the `pat` helper in the snippets below).
func pattern(_ shape: [Int], _ a: Int, _ b: Int, _ m: Int, _ d: Float, requiresGrad: Bool = false) -> Tensor {
    let count = shape.reduce(1, *)
    return Tensor(
        shape: shape, scalars: (0..<count).map { Float((($0 * a + b) % m) - m / 2) / d }, requiresGrad: requiresGrad)
}

/// Cross-correlation in Double by its definition: y[n,f,oh,ow] = b[f] + Σ_{c,i,j} x[n,c,oh·s−p+i,ow·s−p+j]·w[f,c,i,j].
func convolution2DReference(
    _ x: DoubleTensor, _ w: DoubleTensor, _ b: DoubleTensor?, stride: (Int, Int), padding: (Int, Int)
) -> DoubleTensor {
    let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (f, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
    let oh = (h + 2 * padding.0 - kh) / stride.0 + 1, ow = (wd + 2 * padding.1 - kw) / stride.1 + 1
    var y = DoubleTensor.zeros([n, f, oh, ow])
    // Flat row-major indices (the variadic subscript is slow in debug builds).
    for img in 0..<n {
        for o in 0..<f {
            for r in 0..<oh {
                for q in 0..<ow {
                    var sum = b?.values[o] ?? 0
                    for ch in 0..<c {
                        for i in 0..<kh {
                            let row = r * stride.0 - padding.0 + i
                            guard row >= 0, row < h else { continue }
                            for j in 0..<kw {
                                let col = q * stride.1 - padding.1 + j
                                guard col >= 0, col < wd else { continue }
                                sum += x.values[((img * c + ch) * h + row) * wd + col] * w.values[((o * c + ch) * kh + i) * kw + j]
                            }
                        }
                    }
                    y.values[((img * f + o) * oh + r) * ow + q] = sum
                }
            }
        }
    }
    return y
}

/// The 1-D case through the 2-D reference (height 1).
func convolution1DReference(_ x: DoubleTensor, _ w: DoubleTensor, _ b: DoubleTensor?, stride: Int, padding: Int) -> DoubleTensor {
    let x4 = DoubleTensor(shape: [x.shape[0], x.shape[1], 1, x.shape[2]], values: x.values)
    let w4 = DoubleTensor(shape: [w.shape[0], w.shape[1], 1, w.shape[2]], values: w.values)
    let y = convolution2DReference(x4, w4, b, stride: (1, stride), padding: (0, padding))
    return DoubleTensor(shape: [y.shape[0], y.shape[1], y.shape[3]], values: y.values)
}

@Suite("Convolution")
struct ConvolutionTests {
    // The seed's worked example; PyTorch agrees on every entry:
    //   img = torch.tensor([[1,7,2,0,3],[0,3,1,8,4],[9,9,9,8,9],[8,5,0,9,2],[0,0,9,9,0].]).reshape(1,1,5,5).requires_grad_()
    //   flt = torch.tensor([[3,8,3],[2,7,9],[5,0,2.]]).reshape(1,1,3,3)
    //   y = F.conv2d(img, flt); y.backward(torch.ones_like(y)); print(y, img.grad)
    @Test("the seed's 5×5 image and 3×3 filter: output and input gradient for all-ones upstream")
    func seedExample() {
        let image = Tensor(
            shape: [1, 1, 5, 5],
            scalars: [1, 7, 2, 0, 3, 0, 3, 1, 8, 4, 9, 9, 9, 8, 9, 8, 5, 0, 9, 2, 0, 0, 9, 9, 0], requiresGrad: true)
        let filter = Tensor(shape: [1, 1, 3, 3], scalars: [3, 8, 3, 2, 7, 9, 5, 0, 2], requiresGrad: true)
        let y = conv2d(image, filter)
        #expect(y.shape == [1, 1, 3, 3])
        #expect(y.scalars == [158, 183, 172, 229, 237, 238, 195, 232, 244])
        y.backward(Tensor.ones(like: y))
        // The seed's numeric matrix is right; its symbolic sum for row 3, column 5 reads 3+2+2 (= 7) where
        // the entry is w[0][2] + w[1][2] + w[2][2] = 3+9+2 = 14.
        #expect(image.grad?.scalars == [3, 11, 14, 11, 3, 5, 20, 32, 27, 12, 10, 25, 39, 29, 14, 7, 14, 25, 18, 11, 5, 5, 7, 2, 2])
        // ∂filter for all-ones upstream: each weight's window sum of the image.
        let windowSums: [Float] = (0..<3).flatMap { i in
            (0..<3).map { j in
                var s: Float = 0
                for r in 0..<3 { for q in 0..<3 { s += image.scalars[(r + i) * 5 + q + j] } }
                return s
            }
        }
        #expect(filter.grad?.scalars == windowSums)
    }

    // x = pat([2,2,4,5], 7, 3, 13, 4); w = pat([3,2,3,2], 5, 1, 11, 8); b = pat([3], 3, 1, 5, 4)
    // print(F.conv2d(x, w, b, stride=(2,1), padding=(1,1)).flatten().tolist())   # PyTorch 2.15, CPU
    @Test("conv2d forward matches PyTorch: 2 channels in, 3 out, kernel (3,2), stride (2,1), padding (1,1), bias")
    func conv2dMatchesPyTorch() {
        let x = pattern([2, 2, 4, 5], 7, 3, 13, 4), w = pattern([3, 2, 3, 2], 5, 1, 11, 8), b = pattern([3], 3, 1, 5, 4)
        let y = conv2d(x, w, bias: b, stride: (2, 1), padding: (1, 1))
        #expect(y.shape == [2, 3, 2, 6])
        expectClose(y.scalars, [
            -0.25, 1.0625, -0.8125, -1.0625, -0.90625, -0.9375, 0.53125, -2.4375, 1.5625, 0.28125, 0.21875, 0.28125,
            0.5, 1.09375, -0.46875, 1.625, -0.34375, 0.40625, -0.3125, 1.4375, 1.25, 0.25, 2.5, 0.3125,
            0.0, 0.21875, 1.03125, -1.40625, 1.03125, -0.875, 0.6875, -1.78125, 0.375, 1.71875, -0.59375, 1.84375,
            0.03125, -0.8125, -1.0625, -0.90625, -1.15625, -0.65625, -1.03125, 1.5625, 0.28125, 0.21875, 0.5625, -1.46875,
            1.09375, -0.46875, 1.625, -0.34375, 1.75, 0.28125, 0.65625, 1.25, 0.25, 2.5, -1.34375, 0.78125,
            0.21875, 1.03125, -1.40625, 1.03125, -1.40625, 1.34375, -0.96875, 0.375, 1.71875, -0.59375, 2.375, -1.65625,
        ], rtol: 1e-4, atol: 1e-6)
    }

    // x = pat([2,3,7], 7, 2, 17, 5); w = pat([2,3,3], 4, 1, 9, 6); b = torch.tensor([0.5, -0.25])
    // print(F.conv1d(x, w, b, stride=2, padding=1).flatten().tolist())
    @Test("conv1d forward matches PyTorch: 3 channels in, 2 out, kernel 3, stride 2, padding 1, bias")
    func conv1dMatchesPyTorch() {
        let x = pattern([2, 3, 7], 7, 2, 17, 5), w = pattern([2, 3, 3], 4, 1, 9, 6), b = Tensor([0.5, -0.25])
        let y = conv1d(x, w, bias: b, stride: 2, padding: 1)
        #expect(y.shape == [2, 2, 4])
        expectClose(y.scalars, [
            -1.5333334, 0.9, 2.0333333, 2.0, -2.2833335, 0.1500001, 1.2833334, 1.25,
            2.4333334, 3.1666665, 0.9, -0.3000001, 1.6833334, 2.4166665, 0.1499999, -1.0500001,
        ], rtol: 1e-4, atol: 1e-6)
    }

    @Test("conv2d gradients for input, weight and bias match finite differences", arguments: [
        // (input, weight, stride, padding)
        ([2, 3, 5, 6], [4, 3, 3, 3], (1, 1), (0, 0)),
        ([2, 2, 6, 5], [3, 2, 3, 2], (2, 1), (1, 1)),
        ([1, 3, 7, 7], [2, 3, 3, 3], (2, 3), (1, 0)),
        ([3, 1, 4, 4], [2, 1, 1, 1], (1, 1), (0, 0)),
        ([1, 2, 3, 3], [2, 2, 3, 3], (1, 1), (2, 2)),
    ] as [([Int], [Int], (Int, Int), (Int, Int))])
    func conv2dGradients(_ setting: ([Int], [Int], (Int, Int), (Int, Int))) {
        let (inputShape, weightShape, stride, padding) = setting
        let x = sample(inputShape, seed: 11), w = sample(weightShape, seed: 12), b = sample([weightShape[0]], seed: 13)
        expectMatchesReference([x, w, b], { conv2d($0[0], $0[1], bias: $0[2], stride: stride, padding: padding) }) {
            convolution2DReference($0[0], $0[1], $0[2], stride: stride, padding: padding)
        }
    }

    @Test("conv1d gradients match finite differences, with and without bias", arguments: [
        ([2, 3, 9], [4, 3, 3], 1, 0), ([2, 2, 8], [3, 2, 4], 2, 1), ([1, 4, 5], [2, 4, 5], 1, 2), ([3, 2, 10], [2, 2, 3], 3, 1),
    ] as [([Int], [Int], Int, Int)])
    func conv1dGradients(_ setting: ([Int], [Int], Int, Int)) {
        let (inputShape, weightShape, stride, padding) = setting
        let x = sample(inputShape, seed: 21), w = sample(weightShape, seed: 22), b = sample([weightShape[0]], seed: 23)
        expectMatchesReference([x, w, b], { conv1d($0[0], $0[1], bias: $0[2], stride: stride, padding: padding) }) {
            convolution1DReference($0[0], $0[1], $0[2], stride: stride, padding: padding)
        }
        expectMatchesReference([x, w], { conv1d($0[0], $0[1], stride: stride, padding: padding) }) {
            convolution1DReference($0[0], $0[1], nil, stride: stride, padding: padding)
        }
    }

    @Test("a convolution large enough to run im2col and col2im on several threads matches the reference")
    func largeConvolution() {
        // 2·16·12·12 input values, K·N·P = 144·2·144: above the parallel threshold.
        let x = sample([2, 16, 12, 12], seed: 31), w = sample([8, 16, 3, 3], seed: 32), b = sample([8], seed: 33)
        let y = conv2d(x, w, bias: b, padding: 1)
        let reference = convolution2DReference(
            DoubleTensor(x), DoubleTensor(w), DoubleTensor(b), stride: (1, 1), padding: (1, 1))
        expectClose(y.scalars, reference.values.map(Float.init), rtol: 1e-4, atol: 1e-4)
    }

    @Test("shape errors name both shapes")
    func shapeErrors() {
        func message(_ input: [Int], _ weight: [Int], bias: [Int]? = nil, rank: Int = 2, padding: (Int, Int) = (0, 0)) -> String? {
            do {
                _ = try ConvolutionGeometry.make(
                    operation: rank == 1 ? "conv1d" : "conv2d", rank: rank, input: input, weight: weight, bias: bias,
                    stride: (1, 1), padding: padding)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(message([1, 3, 5, 5], [2, 4, 3, 3]) == "conv2d: input of shape [1, 3, 5, 5] has 3 channels, but weight of shape [2, 4, 3, 3] expects 4")
        #expect(message([3, 5, 5], [2, 3, 3, 3]) == "conv2d: input of shape [3, 5, 5] must be (N, C_in, H, W)")
        #expect(message([1, 3, 5], [2, 3, 3, 3], rank: 1) == "conv1d: weight of shape [2, 3, 3, 3] must be (C_out, C_in, K)")
        #expect(message([1, 3, 5, 5], [2, 3, 3, 3], bias: [3]) == "conv2d: bias of shape [3] does not match weight of shape [2, 3, 3, 3] (expects [2])")
        #expect(message([1, 3, 2, 5], [2, 3, 3, 3]) == "conv2d: kernel of weight [2, 3, 3, 3] does not fit in input [1, 3, 2, 5] with padding [0, 0]")
        #expect(message([1, 3, 2, 5], [2, 3, 3, 3], padding: (1, 0)) == nil)
        #expect(throws: ConvolutionError.self) {
            try ConvolutionGeometry.make(operation: "conv2d", rank: 2, input: [1, 1, 4, 4], weight: [1, 1, 2, 2], bias: nil, stride: (0, 1), padding: (0, 0))
        }
    }

    @Test("Conv1d and Conv2d layers: PyTorch's initialisation bounds, parameters found, forward is the function")
    func modules() {
        let conv = Conv2d(inChannels: 4, outChannels: 6, kernelSize: 3, padding: 1, generator: RandomGenerator(seed: 5))
        #expect(conv.namedParameters().map(\.0) == ["weight", "bias"])
        #expect(conv.weight.shape == [6, 4, 3, 3] && conv.bias?.shape == [6])
        let bound = 1 / Float(4 * 9).squareRoot()
        #expect(conv.weight.scalars.allSatisfy { Swift.abs($0) <= bound })
        #expect(conv.bias!.scalars.allSatisfy { Swift.abs($0) <= bound })
        // Uniform on ±bound: the largest magnitude among 216 draws comes near the bound.
        #expect(conv.weight.scalars.map { Swift.abs($0) }.max()! > 0.9 * bound)
        let x = sample([2, 4, 5, 5], seed: 6, requiresGrad: false)
        #expect(conv(x).scalars == conv2d(x, conv.weight, bias: conv.bias, padding: 1).scalars)

        let conv1 = Conv1d(inChannels: 3, outChannels: 2, kernelSize: 4, stride: 2, bias: false)
        #expect(conv1.parameters().count == 1 && conv1.weight.shape == [2, 3, 4])
        #expect(conv1.weight.scalars.allSatisfy { Swift.abs($0) <= 1 / Float(12).squareRoot() })
        #expect(conv1(sample([1, 3, 10], seed: 7)).shape == [1, 2, 4])
    }
}
