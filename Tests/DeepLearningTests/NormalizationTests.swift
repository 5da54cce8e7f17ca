import Foundation
import Testing
@testable import DeepLearning

/// Batch normalization in Double by its definition over x read as (N, C, S): with `stats` (mean,
/// variance) given it normalizes with them (evaluation), otherwise with the biased batch statistics.
func batchNormReference(
    _ x: DoubleTensor, gamma: DoubleTensor?, beta: DoubleTensor?, stats: ([Double], [Double])? = nil, eps: Double = 1e-5
) -> DoubleTensor {
    let n = x.shape[0], c = x.shape[1], s = x.values.count / (n * c)
    var y = x
    for channel in 0..<c {
        var values: [Double] = []
        for image in 0..<n { for k in 0..<s { values.append(x.values[(image * c + channel) * s + k]) } }
        let mean = stats?.0[channel] ?? values.reduce(0, +) / Double(values.count)
        let variance = stats?.1[channel] ?? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        let g = gamma?.values[channel] ?? 1, b = beta?.values[channel] ?? 0
        for image in 0..<n {
            for k in 0..<s {
                let i = (image * c + channel) * s + k
                y.values[i] = g * (x.values[i] - mean) / (variance + eps).squareRoot() + b
            }
        }
    }
    return y
}

@Suite("Batch normalization")
struct NormalizationTests {
    // PyTorch 2.15 (CPU), pat() as in ConvolutionTests:
    //   for shape in ([4,3], [2,3,2,2]):
    //       bn = nn.BatchNorm1d(3) if len(shape) == 2 else nn.BatchNorm2d(3)
    //       with torch.no_grad(): bn.weight.copy_(torch.tensor([1.0, -0.5, 2.0])); bn.bias.copy_(torch.tensor([0.1, 0.2, -0.3]))
    //       bn.train(); y1 = bn(pat(shape, 7, 3, 13, 4)); y2 = bn(pat(shape, 5, 2, 11, 3))
    //       print(y2, bn.running_mean, bn.running_var); bn.eval(); print(bn(pat(shape, 3, 1, 7, 2)))
    static let cases: [(shape: [Int], y1: [Float], y2: [Float], runningMean: [Float], runningVar: [Float], eval: [Float])] = [
        ([4, 3],
         [-0.4973476, -0.3641616, -1.4946952, 1.626555, 0.2995579, 2.7531099, 0.2991159, 0.9632775, 0.0982317, -1.0283232, -0.0986738, -2.5566463],
         [-0.9441803, -0.161447, -2.3883605, 0.3409647, 0.9630548, 0.1819293, 1.6261096, 0.3204823, 2.7522192, -0.622894, -0.3220901, -1.745788],
         [-0.0085417, -0.0139583, -0.019375], [1.0599247, 1.0599247, 1.0599247],
         [-0.8630191, -0.0496079, -3.1763086, 0.1082967, -0.5352658, -1.2336773, 1.0796124, 0.6788789, 0.7089542, -1.3486769, 0.193221, 2.6515856]),
        ([2, 3, 2, 2],
         [-1.0338851, 1.0827004, -0.7315158, 1.3850697, 0.4689267, -0.4169495, 0.342373, 1.1016954, 1.3630314, -2.2654009, 1.9677701, -1.6606622,
          0.780331, -1.0338851, 1.0827004, -0.7315158, -0.2903958, 0.4689267, -0.4169495, 0.342373, -2.8701396, 1.3630314, -2.2654009, 1.9677701],
         [-0.521146, 1.2535568, -0.8760866, 0.8986163, 1.0914022, 0.332762, -0.4258781, 0.4844901, 2.3620543, -1.8972327, 1.6521732, -2.6071138,
          1.2535568, -0.8760866, 0.8986163, -1.2310271, 0.332762, -0.4258781, 0.4844901, -0.2741501, -1.8972327, 1.6521732, -2.6071138, 0.942292],
         [-0.0247917, 0.0544792, -0.0310417], [0.9811061, 1.0482427, 0.9811061],
         [-0.8845487, 0.629818, -1.3893375, 0.1250291, -0.5059296, 0.4707835, -0.2617513, 0.7149618, 0.7722557, -3.2660553, -0.2373221, 2.7914112,
          -0.3797598, 1.1346068, -0.8845487, 0.629818, 0.9591401, 0.2266053, -0.5059296, 0.4707835, 1.7818334, -2.2564776, 0.7722557, -3.2660553]),
    ]

    @Test("BatchNorm1d and BatchNorm2d match PyTorch: two training steps, running statistics (unbiased variance), then eval",
          arguments: [0, 1])
    func matchesPyTorch(_ index: Int) {
        let reference = Self.cases[index]
        let layer: BatchNormBase = reference.shape.count == 2 ? BatchNorm1d(numFeatures: 3) : BatchNorm2d(numFeatures: 3)
        layer.weight!.scalars = [1.0, -0.5, 2.0]
        layer.bias!.scalars = [0.1, 0.2, -0.3]
        layer.train()
        let y1 = layer(pattern(reference.shape, 7, 3, 13, 4))
        let y2 = layer(pattern(reference.shape, 5, 2, 11, 3))
        expectClose(y1.scalars, reference.y1, rtol: 1e-4, atol: 1e-5)
        expectClose(y2.scalars, reference.y2, rtol: 1e-4, atol: 1e-5)
        expectClose(layer.runningMean!.scalars, reference.runningMean, rtol: 1e-4, atol: 1e-6)
        expectClose(layer.runningVar!.scalars, reference.runningVar, rtol: 1e-4, atol: 1e-6)
        #expect(layer.numBatchesTracked == 2)
        layer.eval()
        expectClose(layer(pattern(reference.shape, 3, 1, 7, 2)).scalars, reference.eval, rtol: 1e-4, atol: 1e-5)
        #expect(layer.numBatchesTracked == 2)
        #expect(layer.namedParameters().map(\.0) == ["weight", "bias"])
        #expect(layer.namedBuffers().map(\.0) == ["runningMean", "runningVar"])
    }

    @Test("training-mode gradients for input, γ and β match finite differences", arguments: [
        [6, 4], [3, 2, 5], [2, 3, 3, 4], [2, 1],
        // (N, C) with whole 8-channel SIMD strips only, and with strips plus a 3-channel tail.
        [3, 16], [5, 19],
    ])
    func trainingGradients(_ shape: [Int]) {
        let channels = shape[1]
        let x = sample(shape, seed: 51), gamma = sample([channels], seed: 52), beta = sample([channels], seed: 53)
        expectMatchesReference([x, gamma, beta], { inputs in
            batchNorm(inputs[0], runningMean: nil, runningVar: nil, weight: inputs[1], bias: inputs[2], training: true)
        }) { inputs in
            batchNormReference(inputs[0], gamma: inputs[1], beta: inputs[2])
        }
        // Without affine parameters.
        expectMatchesReference([x], { batchNorm($0[0], runningMean: nil, runningVar: nil, training: true) }) {
            batchNormReference($0[0], gamma: nil, beta: nil)
        }
    }

    @Test("evaluation-mode gradients use the running statistics as constants")
    func evaluationGradients() {
        let x = sample([4, 3, 5], seed: 54), gamma = sample([3], seed: 55), beta = sample([3], seed: 56)
        let mean = Tensor([0.3, -0.2, 0.1]), variance = Tensor([0.5, 1.5, 2.0])
        expectMatchesReference([x, gamma, beta], { inputs in
            batchNorm(inputs[0], runningMean: mean, runningVar: variance, weight: inputs[1], bias: inputs[2], training: false)
        }) { inputs in
            batchNormReference(inputs[0], gamma: inputs[1], beta: inputs[2], stats: ([0.3, -0.2, 0.1], [0.5, 1.5, 2.0]))
        }
        #expect(mean.scalars == [0.3, -0.2, 0.1] && variance.scalars == [0.5, 1.5, 2.0])
    }

    @Test("evaluation-mode gradients of an (N, C) input with 8-channel SIMD strips and a tail")
    func evaluationGradientsVectorised() {
        let channels = 19
        let x = sample([4, channels], seed: 60), gamma = sample([channels], seed: 61), beta = sample([channels], seed: 62)
        let means = (0..<channels).map { Double($0) * 0.1 - 0.9 }, variances = (0..<channels).map { 0.5 + Double($0) * 0.05 }
        let mean = Tensor(shape: [channels], scalars: means.map(Float.init))
        let variance = Tensor(shape: [channels], scalars: variances.map(Float.init))
        expectMatchesReference([x, gamma, beta], { inputs in
            batchNorm(inputs[0], runningMean: mean, runningVar: variance, weight: inputs[1], bias: inputs[2], training: false)
        }) { inputs in
            batchNormReference(inputs[0], gamma: inputs[1], beta: inputs[2], stats: (means, variances))
        }
    }

    @Test("running statistics: momentum-weighted batch mean and unbiased batch variance")
    func runningStatistics() {
        // Channel 0 holds 1, 2, 3, 6 (mean 3, biased variance 3.5, unbiased 14/3); channel 1 holds 0 four times.
        let x = Tensor(shape: [4, 2], scalars: [1, 0, 2, 0, 3, 0, 6, 0])
        let mean = Tensor.zeros([2]), variance = Tensor.ones([2])
        let y = batchNorm(x, runningMean: mean, runningVar: variance, training: true, momentum: 0.25)
        expectClose(mean.scalars, [0.75 * 0 + 0.25 * 3, 0])
        expectClose(variance.scalars, [0.75 + 0.25 * 14 / 3, 0.75])
        expectClose(y.scalars.enumerated().filter { $0.offset % 2 == 0 }.map(\.element),
                    [1, 2, 3, 6].map { Float((Double($0) - 3) / (3.5 + 1e-5).squareRoot()) })
    }

    @Test("a (N, C) batch large enough for several threads matches the reference, values and gradients")
    func largeBatch() {
        let x = sample([64, 600], seed: 57), gamma = sample([600], seed: 58), beta = sample([600], seed: 59)
        let y = batchNorm(x, runningMean: nil, runningVar: nil, weight: gamma, bias: beta, training: true)
        let reference = batchNormReference(DoubleTensor(x), gamma: DoubleTensor(gamma), beta: DoubleTensor(beta))
        expectClose(y.scalars, reference.values.map(Float.init), rtol: 1e-4, atol: 1e-4)
        // Σ of a normalized channel is 0, so with upstream gradient x̂ itself, ∂β = 0 and ∂γ = m = 64.
        let xhat = batchNormReference(DoubleTensor(x), gamma: nil, beta: nil)
        y.backward(Tensor(shape: y.shape, scalars: xhat.values.map(Float.init)))
        expectClose(gamma.grad!.scalars, [Float](repeating: 64, count: 600), rtol: 1e-4, atol: 1e-3)
        expectClose(beta.grad!.scalars, [Float](repeating: 0, count: 600), rtol: 0, atol: 1e-3)
        // ∂x = γ/σ·(g − mean(g) − x̂·mean(g·x̂)) = γ/σ·(x̂ − 0 − x̂·1) = 0 for g = x̂.
        #expect(x.grad!.scalars.allSatisfy { Swift.abs($0) < 1e-3 })
    }

    @Test("shape errors name both shapes; training refuses a single value per channel")
    func shapeErrors() {
        func message(_ input: [Int], weight: [Int]? = nil, training: Bool = true) -> String? {
            do {
                try NormalizationError.validate(input: input, perChannel: [("weight", weight)], training: training)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(message([4, 3], weight: [4]) == "batchNorm: weight of shape [4] does not match input of shape [4, 3] (expects [3])")
        #expect(message([4]) == "batchNorm: input of shape [4] must be (N, C), (N, C, L) or (N, C, H, W)")
        #expect(message([1, 3]) == "batchNorm: training needs more than one value per channel, input has shape [1, 3]")
        #expect(message([1, 3], training: false) == nil)
        #expect(message([1, 3, 2]) == nil)
    }
}
