import Foundation
import Testing
@testable import DeepLearning

/// One recurrent layer written as plain Double loops, straight from PyTorch's equations: the oracle for
/// finite differences. Returns the outputs (T, N, H), then h_T (N, H), then c_T (N, H) for the LSTM,
/// flattened into one vector.
func referenceRecurrentLayer(
    _ kind: RecurrentCell, x: DoubleTensor, h0: DoubleTensor, c0: DoubleTensor?,
    weightIH: DoubleTensor, weightHH: DoubleTensor, biasIH: DoubleTensor, biasHH: DoubleTensor
) -> (output: DoubleTensor, hidden: DoubleTensor, cell: DoubleTensor?) {
    let T = x.shape[0], N = x.shape[1], I = x.shape[2], H = h0.shape[1]
    func sigmoid(_ v: Double) -> Double { 1 / (1 + Foundation.exp(-v)) }
    var h = h0, c = c0 ?? DoubleTensor.zeros([N, H])
    var output = DoubleTensor.zeros([T, N, H])
    for t in 0..<T {
        var hNew = DoubleTensor.zeros([N, H]), cNew = DoubleTensor.zeros([N, H])
        for n in 0..<N {
            // Row `gate·H + j` of W_ih x + b_ih and of W_hh h + b_hh.
            func inputPart(_ row: Int) -> Double {
                (0..<I).reduce(biasIH[row]) { $0 + weightIH[row, $1] * x[t, n, $1] }
            }
            func hiddenPart(_ row: Int) -> Double {
                (0..<H).reduce(biasHH[row]) { $0 + weightHH[row, $1] * h[n, $1] }
            }
            for j in 0..<H {
                switch kind {
                case .rnnTanh:
                    hNew[n, j] = Foundation.tanh(inputPart(j) + hiddenPart(j))
                case .rnnReLU:
                    hNew[n, j] = Swift.max(0, inputPart(j) + hiddenPart(j))
                case .lstm:
                    let i = sigmoid(inputPart(j) + hiddenPart(j))
                    let f = sigmoid(inputPart(H + j) + hiddenPart(H + j))
                    let g = Foundation.tanh(inputPart(2 * H + j) + hiddenPart(2 * H + j))
                    let o = sigmoid(inputPart(3 * H + j) + hiddenPart(3 * H + j))
                    cNew[n, j] = f * c[n, j] + i * g
                    hNew[n, j] = o * Foundation.tanh(cNew[n, j])
                case .gru:
                    let r = sigmoid(inputPart(j) + hiddenPart(j))
                    let z = sigmoid(inputPart(H + j) + hiddenPart(H + j))
                    let candidate = Foundation.tanh(inputPart(2 * H + j) + r * hiddenPart(2 * H + j))
                    hNew[n, j] = (1 - z) * candidate + z * h[n, j]
                }
                output[t, n, j] = hNew[n, j]
            }
        }
        h = hNew
        c = cNew
    }
    return (output, h, kind == .lstm ? c : nil)
}

/// Concatenates flattened Double tensors.
func flatConcatenation(_ parts: [DoubleTensor]) -> DoubleTensor {
    let values = parts.flatMap(\.values)
    return DoubleTensor(shape: [values.count], values: values)
}

/// Concatenates flattened tensors (with autograd).
func flatConcatenation(_ parts: [Tensor]) -> Tensor {
    Tensor.cat(parts.map { $0.reshape([-1]) })
}

@Suite("Recurrent layers: gradients against finite differences in Double")
struct RecurrentGradientTests {
    static let cells: [RecurrentCell] = [.rnnTanh, .rnnReLU, .lstm, .gru]

    @Test("one fused layer: ∂x, ∂h0, ∂c0, ∂W_ih, ∂W_hh, ∂b_ih, ∂b_hh match finite differences", arguments: cells)
    func singleLayer(kind: RecurrentCell) {
        let T = 4, N = 2, I = 3, H = 3, GH = kind.gateCount * H
        var inputs = [sample([T, N, I], seed: 1), sample([N, H], seed: 2, low: -1, high: 1)]
        if kind == .lstm { inputs.append(sample([N, H], seed: 3, low: -1, high: 1)) }
        inputs += [
            sample([GH, I], seed: 4, low: -0.8, high: 0.8), sample([GH, H], seed: 5, low: -0.8, high: 0.8),
            sample([GH], seed: 6, low: -0.5, high: 0.5), sample([GH], seed: 7, low: -0.5, high: 0.5),
        ]
        let offset = kind == .lstm ? 1 : 0
        expectMatchesReference(inputs, { t in
            let result = recurrentLayer(
                kind, input: t[0], hidden: t[1], cell: kind == .lstm ? t[2] : nil,
                weightIH: t[2 + offset], weightHH: t[3 + offset], biasIH: t[4 + offset], biasHH: t[5 + offset])
            return flatConcatenation([result.output, result.hidden] + (result.cell.map { [$0] } ?? []))
        }) { d in
            let result = referenceRecurrentLayer(
                kind, x: d[0], h0: d[1], c0: kind == .lstm ? d[2] : nil,
                weightIH: d[2 + offset], weightHH: d[3 + offset], biasIH: d[4 + offset], biasHH: d[5 + offset])
            return flatConcatenation([result.output, result.hidden] + (result.cell.map { [$0] } ?? []))
        }
    }

    @Test("two stacked layers with state in and out: gradients of every parameter and state", arguments: [RecurrentCell.lstm, .gru, .rnnTanh])
    func twoLayers(kind: RecurrentCell) {
        let T = 3, N = 2, I = 2, H = 3, L = 2
        let module: RecurrentModule = switch kind {
        case .lstm: LSTM(inputSize: I, hiddenSize: H, numLayers: L, generator: RandomGenerator(seed: 9))
        case .gru: GRU(inputSize: I, hiddenSize: H, numLayers: L, generator: RandomGenerator(seed: 9))
        default: RNN(inputSize: I, hiddenSize: H, numLayers: L, generator: RandomGenerator(seed: 9))
        }
        let x = sample([T, N, I], seed: 11), h0 = sample([L, N, H], seed: 12, low: -1, high: 1)
        let c0 = sample([L, N, H], seed: 13, low: -1, high: 1)
        let states = kind == .lstm ? [h0, c0] : [h0]
        let inputs = [x] + states + module.parameters()
        #expect(module.parameters().count == 8)
        expectMatchesReference(inputs, { _ in
            switch module {
            case let lstm as LSTM:
                let (output, (h, c)) = lstm(x, (h0, c0))
                return flatConcatenation([output, h, c])
            case let gru as GRU:
                let (output, h) = gru(x, h0)
                return flatConcatenation([output, h])
            case let rnn as RNN:
                let (output, h) = rnn(x, h0)
                return flatConcatenation([output, h])
            default:
                preconditionFailure("unexpected module")
            }
        }) { d in
            let parameters = Array(d[(1 + states.count)...])
            var layerInput = d[0]
            var hiddens: [DoubleTensor] = [], cells: [DoubleTensor] = []
            func layerState(_ state: DoubleTensor, _ layer: Int) -> DoubleTensor {
                DoubleTensor(shape: [N, H], values: Array(state.values[(layer * N * H)..<((layer + 1) * N * H)]))
            }
            for layer in 0..<L {
                let p = Array(parameters[(4 * layer)..<(4 * layer + 4)])
                let result = referenceRecurrentLayer(
                    kind, x: layerInput, h0: layerState(d[1], layer), c0: kind == .lstm ? layerState(d[2], layer) : nil,
                    weightIH: p[0], weightHH: p[1], biasIH: p[2], biasHH: p[3])
                layerInput = result.output
                hiddens.append(result.hidden)
                if let c = result.cell { cells.append(c) }
            }
            return flatConcatenation([layerInput] + hiddens + cells)
        }
    }
}
