/// The part shared by `RNN`, `LSTM` and `GRU` (PyTorch's `RNNBase`): per-layer weights with PyTorch's
/// names and initialisation, stacking of layers, dropout between layers, batch-first handling.
///
/// Parameters are named as PyTorch names them, in Swift case: `weightIH_l0` (G·H, I_0), `weightHH_l0`
/// (G·H, H), `biasIH_l0` (G·H), `biasHH_l0` (G·H), then `…_l1` for the next layer (whose input size is
/// H). All start uniform in [−1/√H, 1/√H], drawn in that order, layer by layer.
public class RecurrentModule: Module {
    /// The cell every layer runs.
    public let cell: RecurrentCell
    /// Features of the input at each step.
    public let inputSize: Int
    /// Features of the hidden state.
    public let hiddenSize: Int
    /// How many layers are stacked.
    public let numLayers: Int
    /// Whether the layers have the two bias vectors.
    public let hasBias: Bool
    /// Input and output as (N, T, features) instead of (T, N, features). States stay (layers, N, H).
    public let batchFirst: Bool
    /// Dropout probability on the outputs of every layer but the last, in training mode only.
    public let dropout: Float
    /// Where the masks between layers come from; nil (the default) is the default generator, as
    /// PyTorch draws them from its global one.
    public var dropoutGenerator: RandomGenerator?

    /// Per layer: weightIH, weightHH, then biasIH and biasHH when `hasBias`.
    private let layerParameters: [[Tensor]]

    init(
        cell: RecurrentCell, inputSize: Int, hiddenSize: Int, numLayers: Int, bias: Bool, batchFirst: Bool,
        dropout: Float, generator: RandomGenerator?
    ) {
        precondition(inputSize > 0 && hiddenSize > 0, "recurrent layer: sizes must be positive, got inputSize \(inputSize), hiddenSize \(hiddenSize)")
        precondition(numLayers >= 1, "recurrent layer: numLayers must be at least 1, got \(numLayers)")
        precondition(dropout >= 0 && dropout < 1, "recurrent layer: dropout must be in [0, 1), got \(dropout)")
        self.cell = cell
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.hasBias = bias
        self.batchFirst = batchFirst
        self.dropout = dropout
        let bound = 1 / Float(hiddenSize).squareRoot()
        let gateWidth = cell.gateCount * hiddenSize
        var layers: [[Tensor]] = []
        for layer in 0..<numLayers {
            let layerInput = layer == 0 ? inputSize : hiddenSize
            var shapes = [[gateWidth, layerInput], [gateWidth, hiddenSize]]
            if bias { shapes += [[gateWidth], [gateWidth]] }
            layers.append(shapes.map {
                Tensor.uniform($0, low: -bound, high: bound, generator: generator, requiresGrad: true)
            })
        }
        layerParameters = layers
        super.init()
    }

    /// PyTorch's parameter names (`weightIH_l0`, …) instead of the stored property's name.
    override func namedDirectTensors() -> [(String, Tensor)] {
        var named: [(String, Tensor)] = []
        for (layer, parameters) in layerParameters.enumerated() {
            let names = ["weightIH", "weightHH", "biasIH", "biasHH"]
            for (name, tensor) in zip(names, parameters) { named.append(("\(name)_l\(layer)", tensor)) }
        }
        return named
    }

    /// W_ih of `layer`, (G·H, input size of the layer), gates stacked in PyTorch's order.
    public func weightIH(layer: Int) -> Tensor { layerParameters[layer][0] }
    /// W_hh of `layer`, (G·H, H).
    public func weightHH(layer: Int) -> Tensor { layerParameters[layer][1] }
    /// b_ih of `layer`, (G·H), or nil without bias.
    public func biasIH(layer: Int) -> Tensor? { hasBias ? layerParameters[layer][2] : nil }
    /// b_hh of `layer`, (G·H), or nil without bias.
    public func biasHH(layer: Int) -> Tensor? { hasBias ? layerParameters[layer][3] : nil }

    /// Runs every layer. `hidden` and `cellState` are (layers, N, H) or nil for zeros.
    /// Returns the last layer's outputs and the final states, (layers, N, H) each.
    func run(_ input: Tensor, hidden: Tensor?, cellState: Tensor?) -> (output: Tensor, hidden: Tensor, cell: Tensor?) {
        precondition(input.rank == 3, "\(type(of: self)): input must be \(batchFirst ? "(N, T, features)" : "(T, N, features)"), got shape \(input.shape)")
        precondition(
            input.shape[2] == inputSize,
            "\(type(of: self)): input of shape \(input.shape) does not match inputSize \(inputSize)")
        var x = batchFirst ? input.transpose(0, 1) : input  // (T, N, I)
        let batch = x.shape[1]
        let stateShape = [numLayers, batch, hiddenSize]
        for (name, state) in [("hidden", hidden), ("cell", cellState)] {
            if let state {
                precondition(
                    state.shape == stateShape,
                    "\(type(of: self)): \(name) state of shape \(state.shape), expected \(stateShape) (layers, N, H)")
            }
        }
        var finalHidden: [Tensor] = [], finalCells: [Tensor] = []
        for layer in 0..<numLayers {
            let h0 = hidden?.select(dim: 0, index: layer) ?? Tensor.zeros([batch, hiddenSize])
            let c0 = cell.hasCellState ? (cellState?.select(dim: 0, index: layer) ?? Tensor.zeros([batch, hiddenSize])) : nil
            let result = recurrentLayer(
                cell, input: x, hidden: h0, cell: c0, weightIH: weightIH(layer: layer),
                weightHH: weightHH(layer: layer), biasIH: biasIH(layer: layer), biasHH: biasHH(layer: layer))
            finalHidden.append(result.hidden)
            if let c = result.cell { finalCells.append(c) }
            x = result.output
            if layer < numLayers - 1 && isTraining && dropout > 0 {
                x = DeepLearning.dropout(x, p: dropout, training: true, generator: dropoutGenerator)
            }
        }
        let output = batchFirst ? x.transpose(0, 1) : x
        let hN = numLayers == 1 ? finalHidden[0].unsqueeze(dim: 0) : Tensor.stack(finalHidden)
        let cN = cell.hasCellState ? (numLayers == 1 ? finalCells[0].unsqueeze(dim: 0) : Tensor.stack(finalCells)) : nil
        return (output, hN, cN)
    }
}

/// The nonlinearity of an Elman `RNN`.
public enum RNNNonlinearity: Sendable {
    /// h' = tanh(…), PyTorch's default.
    case tanh
    /// h' = relu(…).
    case relu
}

/// A multi-layer Elman RNN, PyTorch's `nn.RNN`: h' = act(W_ih x + b_ih + W_hh h + b_hh).
///
/// `rnn(x, h0)` takes x (T, N, I) (or (N, T, I) with `batchFirst`) and h0 (layers, N, H) or nil for
/// zeros, and returns (output (T, N, H), h_T (layers, N, H)). `rnn(x)` alone returns the output.
public final class RNN: RecurrentModule {
    /// Makes the layers; weights start uniform in ±1/√hiddenSize (from `generator`, or the default one).
    public init(
        inputSize: Int, hiddenSize: Int, numLayers: Int = 1, nonlinearity: RNNNonlinearity = .tanh,
        bias: Bool = true, batchFirst: Bool = false, dropout: Float = 0, generator: RandomGenerator? = nil
    ) {
        super.init(
            cell: nonlinearity == .tanh ? .rnnTanh : .rnnReLU, inputSize: inputSize, hiddenSize: hiddenSize,
            numLayers: numLayers, bias: bias, batchFirst: batchFirst, dropout: dropout, generator: generator)
    }

    /// The last layer's outputs at every step, from a zero initial state.
    public override func forward(_ input: Tensor) -> Tensor { run(input, hidden: nil, cellState: nil).output }

    /// Outputs of the last layer (T, N, H) and the final hidden state of every layer (layers, N, H).
    public func callAsFunction(_ input: Tensor, _ hidden: Tensor?) -> (Tensor, Tensor) {
        let result = run(input, hidden: hidden, cellState: nil)
        return (result.output, result.hidden)
    }
}
