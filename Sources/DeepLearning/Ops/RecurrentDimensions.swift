/// The sizes of one recurrent layer: T steps, N batch columns, I inputs, H hidden units, G gates.
struct RecurrentDimensions {
    let steps: Int, batch: Int, inputSize: Int, hiddenSize: Int, gates: Int
    /// G·H, the rows of the weight matrices.
    var gateWidth: Int { gates * hiddenSize }
    /// N·H, the size of one step's hidden (or cell) state.
    var stateCount: Int { batch * hiddenSize }

    init(steps: Int, batch: Int, inputSize: Int, hiddenSize: Int, gates: Int) {
        self.steps = steps
        self.batch = batch
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.gates = gates
    }

    /// The sizes read from the arguments of `recurrentLayer`, after checking that they fit together:
    /// input (T, N, I), hidden and cell (N, H), weightIH (G·H, I), weightHH (G·H, H), biases (G·H).
    /// A mismatch stops with a message that names both shapes.
    init(
        validating kind: RecurrentCell, input: Tensor, hidden: Tensor, cell: Tensor?,
        weightIH: Tensor, weightHH: Tensor, biasIH: Tensor?, biasHH: Tensor?
    ) {
        precondition(input.rank == 3, "recurrent layer: input must be (T, N, I), got shape \(input.shape)")
        let steps = input.shape[0], batch = input.shape[1], inputSize = input.shape[2]
        precondition(steps >= 1, "recurrent layer: the sequence is empty (input shape \(input.shape))")
        let gates = kind.gateCount
        precondition(
            weightIH.rank == 2 && weightIH.shape[0] % gates == 0 && weightIH.shape[1] == inputSize,
            "recurrent layer: weightIH of shape \(weightIH.shape) does not fit input of shape \(input.shape) (expects (\(gates)·H, \(inputSize)))")
        let hiddenSize = weightIH.shape[0] / gates
        let gateWidth = gates * hiddenSize
        precondition(
            weightHH.shape == [gateWidth, hiddenSize],
            "recurrent layer: weightHH of shape \(weightHH.shape) does not match weightIH of shape \(weightIH.shape) (expects [\(gateWidth), \(hiddenSize)])")
        for bias in [biasIH, biasHH].compactMap({ $0 }) {
            precondition(bias.shape == [gateWidth], "recurrent layer: bias of shape \(bias.shape), expected [\(gateWidth)]")
        }
        precondition(
            hidden.shape == [batch, hiddenSize],
            "recurrent layer: hidden state of shape \(hidden.shape) for input \(input.shape) and hidden size \(hiddenSize) (expects [\(batch), \(hiddenSize)])")
        if kind.hasCellState {
            precondition(cell != nil, "LSTM layer: the initial cell state is missing")
            precondition(
                cell!.shape == [batch, hiddenSize],
                "LSTM layer: cell state of shape \(cell!.shape), expected [\(batch), \(hiddenSize)]")
        }
        self.init(steps: steps, batch: batch, inputSize: inputSize, hiddenSize: hiddenSize, gates: gates)
    }
}
