import Foundation
import Testing
@testable import DeepLearning

/// The three poolings in Double by their definitions, over the last two axes of x (leading axes are planes).
/// Lp uses PyTorch's definition: (Σ x^p)^(1/p), no averaging.
func pooling2DReference(
    _ x: DoubleTensor, kind: String, p: Double = 2, kernel: (Int, Int), stride: (Int, Int), padding: (Int, Int)
) -> DoubleTensor {
    let h = x.shape[x.shape.count - 2], w = x.shape[x.shape.count - 1]
    let planes = x.values.count / (h * w)
    let oh = (h + 2 * padding.0 - kernel.0) / stride.0 + 1, ow = (w + 2 * padding.1 - kernel.1) / stride.1 + 1
    var out = [Double]()
    for plane in 0..<planes {
        for r in 0..<oh {
            for q in 0..<ow {
                var values: [Double] = []
                for i in 0..<kernel.0 {
                    for j in 0..<kernel.1 {
                        let row = r * stride.0 - padding.0 + i, col = q * stride.1 - padding.1 + j
                        guard row >= 0, row < h, col >= 0, col < w else { continue }
                        values.append(x.values[(plane * h + row) * w + col])
                    }
                }
                switch kind {
                case "max": out.append(values.max()!)
                case "avg": out.append(values.reduce(0, +) / Double(kernel.0 * kernel.1))
                default: out.append(Foundation.pow(values.reduce(0) { $0 + Foundation.pow($1, p) }, 1 / p))
                }
            }
        }
    }
    return DoubleTensor(shape: Array(x.shape.dropLast(2)) + [oh, ow], values: out)
}

/// The 1-D case through the 2-D reference.
func pooling1DReference(_ x: DoubleTensor, kind: String, p: Double = 2, kernel: Int, stride: Int, padding: Int) -> DoubleTensor {
    let x2 = DoubleTensor(shape: Array(x.shape.dropLast()) + [1, x.shape.last!], values: x.values)
    let y = pooling2DReference(x2, kind: kind, p: p, kernel: (1, kernel), stride: (1, stride), padding: (0, padding))
    return DoubleTensor(shape: Array(x.shape.dropLast()) + [y.shape.last!], values: y.values)
}

@Suite("Pooling")
struct PoolingTests {
    // Reference values from PyTorch 2.15 (CPU), with pat() as in ConvolutionTests:
    //   x = pat([1,2,5,5], 7, 3, 11, 4).requires_grad_()
    //   y = F.max_pool2d(x, 3, stride=2, padding=1); y.backward(torch.ones_like(y)); print(y, x.grad)
    //   F.avg_pool2d(x, 3, stride=2, padding=1); F.avg_pool2d(x, (2,3), stride=(1,2))
    //   x1 = pat([2,2,7], 5, 1, 9, 3); F.max_pool1d(x1, 2); F.avg_pool1d(x1, 3, stride=2, padding=1)
    @Test("max and average pooling match PyTorch, including padding, ties (first maximum) and the max gradient")
    func maxAndAverageMatchPyTorch() {
        let x = pattern([1, 2, 5, 5], 7, 3, 11, 4, requiresGrad: true)
        let maxPooled = maxPool2d(x, kernelSize: 3, stride: 2, padding: 1)
        #expect(maxPooled.shape == [1, 2, 3, 3])
        expectClose(maxPooled.scalars, [1.25, 1.25, 1.0, 1.0, 1.25, 0.75, 1.0, 1.25, 1.25, 1.0, 1.0, 1.25, 0.75, 1.0, 1.25, 1.25, 1.0, 1.0])
        maxPooled.backward(Tensor.ones(like: maxPooled))
        // The windows overlap and the input repeats values: PyTorch routes each window's gradient to its
        // first maximum in row-major order.
        #expect(x.grad?.scalars == [
            0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 2, 0, 0, 1, 0, 0, 0, 0, 2, 0,
            0, 2, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 2, 0,
        ])
        expectClose(avgPool2d(x, kernelSize: 3, stride: 2, padding: 1).scalars, [
            -0.0277778, 0.0277778, -0.1388889, 0.0, 0.0277778, -0.1666667, 0.0277778, 0.1111111, 0.2222222,
            -0.1388889, -0.1388889, 0.0555556, -0.1666667, -0.2222222, -0.0277778, 0.2222222, -0.0555556, 0.1111111,
        ], atol: 1e-6)
        let rectangular = avgPool2d(x, kernelSize: (2, 3), stride: (1, 2))
        #expect(rectangular.shape == [1, 2, 4, 2])
        expectClose(rectangular.scalars, [
            0.125, -0.0416667, 0.1666667, 0.0, 0.2083333, 0.0416667, -0.2083333, 0.0833333,
            -0.125, 0.1666667, -0.0833333, 0.2083333, -0.0416667, -0.2083333, 0.0, -0.1666667,
        ], atol: 1e-6)
        let x1 = pattern([2, 2, 7], 5, 1, 9, 3)
        let max1 = maxPool1d(x1, kernelSize: 2)
        #expect(max1.shape == [2, 2, 3])
        expectClose(max1.scalars, [0.6666667, 1.0, 1.3333334, 0.3333333, 0.6666667, 1.0, 1.3333334, 0.3333333, 0.6666667, 1.0, 1.3333334, 0.3333333])
        let avg1 = avgPool1d(x1, kernelSize: 3, stride: 2, padding: 1)
        #expect(avg1.shape == [2, 2, 4])
        expectClose(avg1.scalars, [
            -0.1111111, 0.3333333, 0.6666667, 0.4444444, -0.3333333, 0.0, 0.3333333, 0.2222222,
            0.4444444, -0.3333333, 0.0, 0.0, 0.2222222, 0.3333333, -0.3333333, -0.2222222,
        ], atol: 1e-6)
    }

    // xl = pat([1,2,4,5], 7, 3, 11, 4); x1 = pat([2,2,7], 5, 1, 9, 3)
    // F.lp_pool2d(xl, 2, 2); F.lp_pool2d(xl, 3, 2); F.lp_pool2d(xl, 3, (2,3), stride=1)
    // F.lp_pool1d(x1, 2, 3, stride=2); F.lp_pool1d(x1, 3, 2)
    // PyTorch computes (sign(a)·relu(|a|)·k)^(1/p) with a = avg_pool(x^p): a window whose sum of cubes is
    // negative gives nan, and an all-zero window gives 0.
    @Test("Lp pooling matches PyTorch for p = 2 and p = 3: a sum, not a mean; NaN for negative sums of cubes")
    func lpMatchesPyTorch() {
        let x = pattern([1, 2, 4, 5], 7, 3, 11, 4)
        let p2 = lpPool2d(x, normType: 2, kernelSize: 2)
        #expect(p2.shape == [1, 2, 2, 2])
        expectClose(p2.scalars, [1.6770509, 1.118034, 1.2247449, 1.7853571, 1.8371173, 1.6770509, 1.5, 1.2247449])
        expectClose(
            lpPool2d(x, normType: 3, kernelSize: 2).scalars,
            [0.9390714, 0.0, 1.0, 1.1161863, .nan, 0.9390714, .nan, 1.0], atol: 1e-6, equalNaN: true)
        let rectangular = lpPool2d(x, normType: 3, kernelSize: (2, 3), stride: (1, 1))
        #expect(rectangular.shape == [1, 2, 3, 3])
        expectClose(rectangular.scalars, [
            1.0816872, 0.9841243, .nan, 1.1119901, 1.0772173, 0.0, 1.25, 1.0816872, 0.9841243,
            .nan, 1.25, 1.0816872, .nan, .nan, 1.1119901, .nan, .nan, 1.25,
        ], atol: 1e-6, equalNaN: true)
        let x1 = pattern([2, 2, 7], 5, 1, 9, 3)
        expectClose(lpPool1d(x1, normType: 2, kernelSize: 3, stride: 2).scalars, [
            1.3743685, 1.2472191, 1.3743687, 1.6996732, 1.3743685, 1.2472191, 1.8856182, 1.6996732, 1.3743685,
            1.6996732, 1.8856182, 1.6996732,
        ])
        expectClose(lpPool1d(x1, normType: 3, kernelSize: 2).scalars, [
            .nan, 0.8894672, 1.3263525, .nan, .nan, 0.8894672, 1.3333334, .nan, .nan, 0.9874987, 1.3333334, .nan,
        ], atol: 1e-6, equalNaN: true)
    }

    // x = torch.tensor([[[0.,0.,1.,-2.,-1.,0.5]]], requires_grad=True)
    // F.lp_pool1d(x, 3, 2).sum().backward() → grad [0, 0, nan, nan, nan, nan]
    // F.lp_pool1d(x, 2, 2).sum().backward() → grad [0, 0, 0.4472, -0.8944, -0.8944, 0.4472]
    @Test("Lp pooling's gradient at an all-zero window is 0 and NaN where the sum of cubes is negative, as PyTorch")
    func lpEdgeGradients() {
        let x = Tensor(shape: [1, 1, 6], scalars: [0, 0, 1, -2, -1, 0.5], requiresGrad: true)
        lpPool1d(x, normType: 3, kernelSize: 2).sum().backward()
        let cubic = x.grad!.scalars
        #expect(cubic[0] == 0 && cubic[1] == 0 && cubic[2...].allSatisfy(\.isNaN))
        x.grad = nil
        lpPool1d(x, normType: 2, kernelSize: 2).sum().backward()
        expectClose(x.grad!.scalars, [0, 0, 0.4472136, -0.8944272, -0.8944272, 0.4472136])
    }

    @Test("2-D pooling gradients match finite differences", arguments: [
        ("max", (3, 3), (2, 2), (1, 1)), ("max", (2, 3), (1, 2), (0, 1)), ("avg", (3, 3), (2, 2), (1, 1)),
        ("avg", (2, 3), (1, 2), (1, 0)), ("lp2", (2, 2), (2, 2), (0, 0)), ("lp2", (3, 2), (1, 1), (0, 0)),
        ("lp3", (2, 3), (2, 1), (0, 0)),
    ] as [(String, (Int, Int), (Int, Int), (Int, Int))])
    func pooling2DGradients(_ setting: (String, (Int, Int), (Int, Int), (Int, Int))) {
        let (kind, kernel, stride, padding) = setting
        // Positive inputs for p = 3 (a negative sum of cubes has no real root); distinct values for max.
        let x = kind == "lp3" ? sample([2, 3, 6, 7], seed: 41, low: 0.2, high: 2) : sample([2, 3, 6, 7], seed: 42)
        expectMatchesReference([x], { inputs in
            switch kind {
            case "max": return maxPool2d(inputs[0], kernelSize: kernel, stride: stride, padding: padding)
            case "avg": return avgPool2d(inputs[0], kernelSize: kernel, stride: stride, padding: padding)
            case "lp2": return lpPool2d(inputs[0], normType: 2, kernelSize: kernel, stride: stride)
            default: return lpPool2d(inputs[0], normType: 3, kernelSize: kernel, stride: stride)
            }
        }) { inputs in
            let referenceKind = kind.hasPrefix("lp") ? "lp" : kind
            return pooling2DReference(inputs[0], kind: referenceKind, p: kind == "lp3" ? 3 : 2, kernel: kernel, stride: stride, padding: padding)
        }
    }

    @Test("1-D pooling gradients match finite differences, on (N, C, L) and (C, L)", arguments: [
        ("max", 3, 2, 1), ("avg", 3, 2, 1), ("avg", 4, 1, 2), ("lp2", 3, 2, 0), ("lp3", 2, 1, 0), ("lp1.5", 3, 3, 0),
    ] as [(String, Int, Int, Int)])
    func pooling1DGradients(_ setting: (String, Int, Int, Int)) {
        let (kind, kernel, stride, padding) = setting
        let p: Double = kind == "lp3" ? 3 : kind == "lp1.5" ? 1.5 : 2
        for shape in [[2, 3, 9], [3, 9]] {
            let x = kind.hasPrefix("lp") && p != 2 ? sample(shape, seed: 43, low: 0.2, high: 2) : sample(shape, seed: 44)
            expectMatchesReference([x], { inputs in
                switch kind {
                case "max": return maxPool1d(inputs[0], kernelSize: kernel, stride: stride, padding: padding)
                case "avg": return avgPool1d(inputs[0], kernelSize: kernel, stride: stride, padding: padding)
                default: return lpPool1d(inputs[0], normType: Float(p), kernelSize: kernel, stride: stride)
                }
            }) { inputs in
                pooling1DReference(inputs[0], kind: kind.hasPrefix("lp") ? "lp" : kind, p: p, kernel: kernel, stride: stride, padding: padding)
            }
        }
    }

    @Test("max over time is max pooling over the whole length, shaped (N, C), gradient to the argmax")
    func maxOverTimeForKimCNN() {
        let x = sample([4, 5, 8], seed: 45)
        let y = maxOverTime(x)
        #expect(y.shape == [4, 5])
        #expect(y.scalars == maxPool1d(x, kernelSize: 8).scalars)
        expectMatchesReference([x], { maxOverTime($0[0]) }) { inputs in
            let pooled = pooling1DReference(inputs[0], kind: "max", kernel: 8, stride: 8, padding: 0)
            return DoubleTensor(shape: [4, 5], values: pooled.values)
        }
    }

    @Test("a pooling large enough to run on several threads matches the reference")
    func largePooling() {
        let x = sample([8, 16, 20, 20], seed: 46, requiresGrad: false)
        let reference = pooling2DReference(DoubleTensor(x), kind: "max", kernel: (3, 3), stride: (2, 2), padding: (1, 1))
        #expect(maxPool2d(x, kernelSize: 3, stride: 2, padding: 1).scalars == reference.values.map(Float.init))
    }

    @Test("shape errors name the shapes and sizes involved")
    func shapeErrors() {
        func message(_ input: [Int], rank: Int = 2, kernel: (Int, Int) = (2, 2), padding: (Int, Int) = (0, 0)) -> String? {
            do {
                _ = try PoolingGeometry.make(operation: "maxPool2d", rank: rank, input: input, kernelSize: kernel, stride: kernel, padding: padding)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(message([5, 5]) == "maxPool2d: input of shape [5, 5] must be (N, C, H, W) or (C, H, W)")
        #expect(message([1, 1, 5, 5], kernel: (3, 3), padding: (2, 1)) == "maxPool2d: padding [2, 1] must be at most half of kernel size [3, 3]")
        #expect(message([1, 1, 2, 5], kernel: (3, 3)) == "maxPool2d: kernel size [3, 3] does not fit in input of shape [1, 1, 2, 5] with padding [0, 0]")
        #expect(message([1, 5, 5]) == nil)
    }

    @Test("pooling layers call the functions with their arguments and have no parameters")
    func modules() {
        let x = sample([2, 3, 6, 6], seed: 47, requiresGrad: false)
        #expect(MaxPool2d(kernelSize: 2)(x).scalars == maxPool2d(x, kernelSize: 2).scalars)
        #expect(AvgPool2d(kernelSize: (3, 2), stride: (1, 2), padding: (1, 0))(x).scalars
            == avgPool2d(x, kernelSize: (3, 2), stride: (1, 2), padding: (1, 0)).scalars)
        #expect(LPPool2d(normType: 2, kernelSize: 3)(x).scalars == lpPool2d(x, normType: 2, kernelSize: 3).scalars)
        let x1 = sample([2, 3, 9], seed: 48, requiresGrad: false)
        #expect(MaxPool1d(kernelSize: 3, stride: 2, padding: 1)(x1).scalars == maxPool1d(x1, kernelSize: 3, stride: 2, padding: 1).scalars)
        #expect(AvgPool1d(kernelSize: 2)(x1).shape == [2, 3, 4])
        #expect(LPPool1d(normType: 3, kernelSize: 3)(x1).shape == [2, 3, 3])
        #expect(MaxPool2d(kernelSize: 2).parameters().isEmpty)
    }
}
