import Foundation
import Testing
@testable import DeepLearning

/// PyTorch 2.15 (CPU, OMP_NUM_THREADS=1) values for the causal convolution and the gated linear unit,
/// with `pattern(shape, s)` the fixed pattern of `RecurrentPyTorchReference` (((k·7 + s·5) mod 17 − 8) / 20):
///
///     T, N, C, Fo, K = 4, 2, 3, 2, 3
///     x = pattern((T, N, C), 0).requires_grad_(); w = pattern((K, Fo, C), 1).requires_grad_()
///     b = pattern((Fo,), 2).requires_grad_()
///     y = F.conv1d(F.pad(x.permute(1, 2, 0), (K - 1, 0)), w.permute(1, 2, 0), b).permute(2, 0, 1)
///     (y * pattern(y.shape, 3)).sum().backward()
///     print("conv y", fmt(y)); print("conv dx", fmt(x.grad)); print("conv dw", fmt(w.grad)); print("conv db", fmt(b.grad))
///     g = (pattern((3, 4), 4) * 4).requires_grad_()
///     y = F.glu(g, dim=-1); (y * pattern(y.shape, 5)).sum().backward()
///     print("glu y", fmt(y)); print("glu dx", fmt(g.grad))
///
/// (`fmt` prints the flattened values with 8 significant digits.)
enum GatedConvolutionPyTorchReference {
    static let convolution: [Float] = [0.067500003, -0.46250001, 0.285, -0.29500002, 0.14750001, -0.0024999678, -0.125, -0.54500002, -0.22499999, -0.60500002, 0.60000008, -0.26999998, 0.49000001, -0.19, -0.21500003, -0.66250002]
    static let convolutionInputGradient: [Float] = [-0.175, -0.0425, 0.090000018, -0.1075, -0.16250001, 0.16500001, -0.16750002, 0.185, -0.1425, -0.099999994, 0.064999998, -0.06750001, 0.205, -0.06750001, 0.042499997, 0.25749999, -0.097500004, 0.057499997, -0.060000002, -0.024999999, -0.075000003, -0.030000001, -0.099999994, -8.9406971e-10]
    static let convolutionWeightGradient: [Float] = [0.21000001, 0.012499994, 0.027499996, -0.1, 0.022499999, 0.060000002, 0.0025000013, 2.0861626e-09, 0.082499996, -0.21250001, 0.052500006, 0.105, -0.19250003, 0.082500003, 0.060000002, 0.18000001, 0.074999981, 0.097500004]
    static let convolutionBiasGradient: [Float] = [0.30000001, -0.30000001]
    static let glu: [Float] = [-0.16798161, 0.18006641, 0.7747876, -0.15825288, 0, 0.96596426]
    static let gluInputGradient: [Float] = [0, 0.1575581, -0, 0.034652323, -0.096848451, 0.03956322, -0.041181169, -0.025389582, -0.10630312, 0.034498725, -0, 0.01497368]
}

/// y[t, n, f] = b[f] + Σ_k Σ_c W[k, f, c]·x[t − (K−1) + k, n, c] in Double, plain loops.
func causalConvolutionReference(_ x: DoubleTensor, _ w: DoubleTensor, _ b: DoubleTensor?) -> DoubleTensor {
    let (steps, columns, channels) = (x.shape[0], x.shape[1], x.shape[2])
    let (taps, outputs) = (w.shape[0], w.shape[1])
    var y = DoubleTensor.zeros([steps, columns, outputs])
    for t in 0..<steps {
        for n in 0..<columns {
            for f in 0..<outputs {
                var total = b?[f] ?? 0
                for k in 0..<taps where t - (taps - 1) + k >= 0 {
                    for c in 0..<channels { total += w[k, f, c] * x[t - (taps - 1) + k, n, c] }
                }
                y[t, n, f] = total
            }
        }
    }
    return y
}

/// a ⊗ σ(b) over the halves of the last axis of a (rows, 2F) tensor, in Double.
func gatedLinearUnitReference(_ x: DoubleTensor) -> DoubleTensor {
    let half = x.shape[x.shape.count - 1] / 2, rows = x.values.count / (2 * half)
    var y = DoubleTensor.zeros(Array(x.shape.dropLast()) + [half])
    for r in 0..<rows {
        for f in 0..<half {
            y.values[r * half + f] = x.values[r * 2 * half + f] / (1 + Foundation.exp(-x.values[r * 2 * half + half + f]))
        }
    }
    return y
}

@Suite("Causal convolution and gated linear unit")
struct CausalConvolutionTests {
    @Test("causal convolution matches PyTorch's left-padded conv1d, values and gradients")
    func againstPyTorch() {
        let x = Tensor(shape: [4, 2, 3], scalars: recurrentPattern([4, 2, 3], 0), requiresGrad: true)
        let w = Tensor(shape: [3, 2, 3], scalars: recurrentPattern([3, 2, 3], 1), requiresGrad: true)
        let b = Tensor(shape: [2], scalars: recurrentPattern([2], 2), requiresGrad: true)
        let y = causalConv1d(x, weight: w, bias: b)
        #expect(y.shape == [4, 2, 2])
        expectClose(y.scalars, GatedConvolutionPyTorchReference.convolution, atol: 1e-6)
        y.backward(Tensor(shape: y.shape, scalars: recurrentPattern(y.shape, 3)))
        expectClose(x.grad!.scalars, GatedConvolutionPyTorchReference.convolutionInputGradient, atol: 1e-6)
        expectClose(w.grad!.scalars, GatedConvolutionPyTorchReference.convolutionWeightGradient, atol: 1e-6)
        expectClose(b.grad!.scalars, GatedConvolutionPyTorchReference.convolutionBiasGradient, atol: 1e-6)
    }

    @Test("causal convolution against finite differences in Double, kernels shorter and longer than the chunk",
          arguments: [(5, 3), (2, 4), (3, 1)])
    func finiteDifferences(steps: Int, taps: Int) {
        let inputs = [sample([steps, 2, 3], seed: 1), sample([taps, 4, 3], seed: 2), sample([4], seed: 3)]
        expectMatchesReference(inputs, { causalConv1d($0[0], weight: $0[1], bias: $0[2]) }) {
            causalConvolutionReference($0[0], $0[1], $0[2])
        }
        expectMatchesReference(Array(inputs.prefix(2)), { causalConv1d($0[0], weight: $0[1]) }) {
            causalConvolutionReference($0[0], $0[1], nil)
        }
    }

    @Test("position t does not see later positions: changing the last step leaves the others unchanged")
    func causality() {
        let layer = CausalConv1d(inChannels: 3, outChannels: 2, kernelWidth: 3, generator: RandomGenerator(seed: 4))
        let x = sample([5, 2, 3], seed: 5, requiresGrad: false)
        var changed = x.scalars
        for i in (4 * 6)..<(5 * 6) { changed[i] += 1 }
        let before = layer(x).scalars, after = layer(Tensor(shape: x.shape, scalars: changed)).scalars
        #expect(Array(before.prefix(4 * 4)) == Array(after.prefix(4 * 4)))
        #expect(Array(before.suffix(4)) != Array(after.suffix(4)))
    }

    @Test("gated linear unit matches PyTorch's F.glu and finite differences in Double")
    func gatedLinearUnit() {
        let x = Tensor(shape: [3, 4], scalars: recurrentPattern([3, 4], 4).map { $0 * 4 }, requiresGrad: true)
        let y = x.gatedLinearUnit()
        #expect(y.shape == [3, 2])
        expectClose(y.scalars, GatedConvolutionPyTorchReference.glu, atol: 1e-6)
        y.backward(Tensor(shape: y.shape, scalars: recurrentPattern(y.shape, 5)))
        expectClose(x.grad!.scalars, GatedConvolutionPyTorchReference.gluInputGradient, atol: 1e-6)
        expectMatchesReference([sample([2, 3, 6], seed: 6)], { $0[0].gatedLinearUnit() }) { gatedLinearUnitReference($0[0]) }
    }

    @Test("a residual gated block is x + (x∗W + b) ⊗ σ(x∗V + c), against finite differences in Double")
    func gatedBlock() {
        let block = GatedConvolutionBlock(inChannels: 3, outChannels: 3, kernelWidth: 2, generator: RandomGenerator(seed: 7))
        let narrowing = GatedConvolutionBlock(inChannels: 3, outChannels: 2, kernelWidth: 2, generator: RandomGenerator(seed: 8))
        #expect(block.isResidual && !narrowing.isResidual)
        let weight = block.convolution.weight, bias = block.convolution.bias!
        expectMatchesReference([sample([4, 2, 3], seed: 9), weight, bias], { inputs in
            block.convolution.weight = inputs[1]
            block.convolution.bias = inputs[2]
            return block(inputs[0])
        }) { x in
            let gated = gatedLinearUnitReference(causalConvolutionReference(x[0], x[1], x[2]))
            return DoubleTensor(shape: gated.shape, values: zip(gated.values, x[0].values).map { $0 + $1 })
        }
        #expect(narrowing(sample([4, 2, 3], seed: 10)).shape == [4, 2, 2])
    }

    @Test("a block fed the inputs it carried continues a longer sequence, chunks shorter than the kernel too")
    func blockHistory() {
        let block = GatedConvolutionBlock(inChannels: 3, outChannels: 3, kernelWidth: 3, generator: RandomGenerator(seed: 11))
        let x = sample([6, 2, 3], seed: 12, requiresGrad: false)
        let whole = block(x).scalars
        var pieces: [Float] = [], history: Tensor? = nil
        for (start, end) in [(0, 2), (2, 3), (3, 6)] {
            let result = block(x.slice(dim: 0, start: start, end: end), history: history)
            pieces += result.output.scalars
            history = result.history
            #expect(history!.shape == [2, 2, 3])
        }
        expectClose(pieces, whole, atol: 1e-6)
        #expect(history!.scalars == x.slice(dim: 0, start: 4, end: 6).scalars)
    }
}
