import Foundation
import Testing
@testable import DeepLearning

/// PyTorch's outputs for a 2-layer recurrent module with T = 3, N = 2, I = 3, H = 4, every parameter,
/// input and state set to the fixed pattern `pattern(shape, s)`. Obtained with PyTorch 2.15 (CPU) by:
///
///     import torch
///     torch.set_printoptions(precision=8)
///     def pattern(shape, s):
///         n = 1
///         for d in shape: n *= d
///         vals = [(((k * 7 + s * 5) % 17) - 8) / 20 for k in range(n)]
///         return torch.tensor(vals, dtype=torch.float32).reshape(shape)
///     T, N, I, H, L = 3, 2, 3, 4, 2
///     def setup(m):
///         with torch.no_grad():
///             for l in range(L):
///                 for j, name in enumerate(["weight_ih", "weight_hh", "bias_ih", "bias_hh"]):
///                     p = getattr(m, f"{name}_l{l}")
///                     p.copy_(pattern(p.shape, 4 * l + j))
///     x = pattern((T, N, I), 10); h0 = pattern((L, N, H), 11); c0 = pattern((L, N, H), 12)
///     def fmt(t): return ", ".join(f"{v:.8g}" for v in t.detach().reshape(-1).tolist())
///     for name, m in [("lstm", torch.nn.LSTM(I, H, L)), ("gru", torch.nn.GRU(I, H, L)),
///                     ("rnnTanh", torch.nn.RNN(I, H, L)), ("rnnReLU", torch.nn.RNN(I, H, L, nonlinearity="relu"))]:
///         setup(m)
///         if name == "lstm":
///             out, (h, c) = m(x, (h0, c0))
///             print(name, "output", fmt(out)); print(name, "h", fmt(h)); print(name, "c", fmt(c))
///         else:
///             out, h = m(x, h0)
///             print(name, "output", fmt(out)); print(name, "h", fmt(h))
struct RecurrentPyTorchReference {
    let output: [Float]
    let hidden: [Float]
    let cell: [Float]?

    static let cases: [String: RecurrentPyTorchReference] = [
        "lstm": RecurrentPyTorchReference(
            output: [-0.033672616, 0.0011548846, 0.041825339, -0.13692896, -0.12015375, 0.12386383, -0.10128088, 0.051824462, -0.11320473, 0.03665515, 0.054639664, -0.10266477, -0.16401933, 0.11698252, -0.061531961, 0.014323549, -0.16590345, 0.052483376, 0.052287839, -0.089839973, -0.19272827, 0.10718743, -0.049614076, -0.0092540001],
            hidden: [0.1503496, -0.0049449275, -0.094257593, -0.10155053, 0.017738946, 0.030440161, -0.083770789, -0.15257312, -0.16590345, 0.052483376, 0.052287839, -0.089839973, -0.19272827, 0.10718743, -0.049614076, -0.0092540001],
            cell: [0.24944815, -0.0093345223, -0.19892175, -0.23030916, 0.030850252, 0.050932806, -0.17002943, -0.33904517, -0.37065092, 0.12857373, 0.090120107, -0.1590523, -0.43224075, 0.29069269, -0.08211571, -0.016061321]),
        "gru": RecurrentPyTorchReference(
            output: [-0.14674802, 0.22413728, 0.020464778, 0.11678581, -0.36538291, 0.20647481, -0.17778723, -0.13351034, -0.26806432, 0.17903987, 0.06539984, 0.012569964, -0.42903489, 0.21450159, -0.045435958, -0.17864229, -0.3450619, 0.13808538, 0.098931849, -0.059141099, -0.46005741, 0.21957369, -0.010547655, -0.19893584],
            hidden: [0.22116543, -0.097570121, -0.054201834, -0.24023816, 0.12543058, -0.028415769, 0.061667912, -0.35264066, -0.3450619, 0.13808538, 0.098931849, -0.059141099, -0.46005741, 0.21957369, -0.010547655, -0.19893584],
            cell: nil),
        "rnnTanh": RecurrentPyTorchReference(
            output: [-0.11011013, -0.12006177, 0.05658865, -0.52393681, -0.16661385, -0.10805991, 0.22899741, -0.37718445, -0.50292116, 0.15183634, 0.40979937, -0.43113518, -0.33430386, 0.08096949, 0.44312018, -0.65139854, -0.26397407, 0.27641407, 0.32008994, -0.56450593, -0.4966349, 0.41258952, 0.39851764, -0.63322341],
            hidden: [0.10541947, -0.36731482, 0.051643565, -0.15845294, 0.51847637, -0.44499293, 0.27578878, -0.16025881, -0.26397407, 0.27641407, 0.32008994, -0.56450593, -0.4966349, 0.41258952, 0.39851764, -0.63322341],
            cell: nil),
        "rnnReLU": RecurrentPyTorchReference(
            output: [0, 0, 0.31174999, 0, 0, 0, 0.30649999, 0, 0, 0.036887519, 0.41667497, 0, 0, 0, 0.47431248, 0, 0, 0, 0.47066122, 0, 0, 0.14911941, 0.47719252, 0],
            hidden: [0.19965625, 0, 0.078562498, 0, 0.63051879, 0, 0.13492501, 0, 0, 0, 0.47066122, 0, 0, 0.14911941, 0.47719252, 0],
            cell: nil),
    ]
}

/// The deterministic values of the Python snippet: ((k·7 + s·5) mod 17 − 8) / 20 for element k.
func recurrentPattern(_ shape: [Int], _ s: Int) -> [Float] {
    (0..<shape.reduce(1, *)).map { Float(Double((($0 * 7 + s * 5) % 17) - 8) / 20) }
}

/// Copies the pattern into a module's parameters in PyTorch's order (weight_ih, weight_hh, bias_ih, bias_hh
/// per layer), as the snippet does.
func loadRecurrentPattern(into module: RecurrentModule) {
    for layer in 0..<module.numLayers {
        let tensors = [
            module.weightIH(layer: layer), module.weightHH(layer: layer),
            module.biasIH(layer: layer)!, module.biasHH(layer: layer)!,
        ]
        for (j, tensor) in tensors.enumerated() { tensor.scalars = recurrentPattern(tensor.shape, 4 * layer + j) }
    }
}

@Suite("Recurrent layers agree with PyTorch")
struct RecurrentForwardTests {
    static let steps = 3, batch = 2, inputSize = 3, hiddenSize = 4, layers = 2
    let x = Tensor(shape: [Self.steps, Self.batch, Self.inputSize], scalars: recurrentPattern([Self.steps, Self.batch, Self.inputSize], 10))
    let h0 = Tensor(shape: [Self.layers, Self.batch, Self.hiddenSize], scalars: recurrentPattern([Self.layers, Self.batch, Self.hiddenSize], 11))
    let c0 = Tensor(shape: [Self.layers, Self.batch, Self.hiddenSize], scalars: recurrentPattern([Self.layers, Self.batch, Self.hiddenSize], 12))

    @Test("LSTM (2 layers, i,f,g,o) output, h_T and c_T match PyTorch to 1e-4 relative")
    func lstm() {
        let module = LSTM(inputSize: Self.inputSize, hiddenSize: Self.hiddenSize, numLayers: Self.layers)
        loadRecurrentPattern(into: module)
        let (output, (h, c)) = module(x, (h0, c0))
        let reference = RecurrentPyTorchReference.cases["lstm"]!
        #expect(output.shape == [Self.steps, Self.batch, Self.hiddenSize])
        #expect(h.shape == [Self.layers, Self.batch, Self.hiddenSize] && c.shape == h.shape)
        expectClose(output.scalars, reference.output, rtol: 1e-4, atol: 1e-6)
        expectClose(h.scalars, reference.hidden, rtol: 1e-4, atol: 1e-6)
        expectClose(c.scalars, reference.cell!, rtol: 1e-4, atol: 1e-6)
    }

    @Test("GRU (2 layers, r,z,n with b_hn inside the reset) output and h_T match PyTorch to 1e-4 relative")
    func gru() {
        let module = GRU(inputSize: Self.inputSize, hiddenSize: Self.hiddenSize, numLayers: Self.layers)
        loadRecurrentPattern(into: module)
        let (output, h) = module(x, h0)
        let reference = RecurrentPyTorchReference.cases["gru"]!
        expectClose(output.scalars, reference.output, rtol: 1e-4, atol: 1e-6)
        expectClose(h.scalars, reference.hidden, rtol: 1e-4, atol: 1e-6)
    }

    @Test("Elman RNN with tanh and with relu match PyTorch to 1e-4 relative", arguments: [RNNNonlinearity.tanh, .relu])
    func rnn(nonlinearity: RNNNonlinearity) {
        let module = RNN(
            inputSize: Self.inputSize, hiddenSize: Self.hiddenSize, numLayers: Self.layers, nonlinearity: nonlinearity)
        loadRecurrentPattern(into: module)
        let (output, h) = module(x, h0)
        let reference = RecurrentPyTorchReference.cases[nonlinearity == .tanh ? "rnnTanh" : "rnnReLU"]!
        expectClose(output.scalars, reference.output, rtol: 1e-4, atol: 1e-6)
        expectClose(h.scalars, reference.hidden, rtol: 1e-4, atol: 1e-6)
    }

    @Test("batchFirst gives the same numbers with batch and time swapped")
    func batchFirst() {
        let seqFirst = LSTM(inputSize: Self.inputSize, hiddenSize: Self.hiddenSize, numLayers: Self.layers)
        let batchFirst = LSTM(inputSize: Self.inputSize, hiddenSize: Self.hiddenSize, numLayers: Self.layers, batchFirst: true)
        loadRecurrentPattern(into: seqFirst)
        loadRecurrentPattern(into: batchFirst)
        let (expected, _) = seqFirst(x, (h0, c0))
        let (actual, _) = batchFirst(x.transpose(0, 1), (h0, c0))
        #expect(actual.shape == [Self.batch, Self.steps, Self.hiddenSize])
        expectClose(actual.transpose(0, 1).scalars, expected.scalars, rtol: 0, atol: 0)
    }
}
