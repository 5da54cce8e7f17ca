/// The cell that a recurrent layer runs at every step, with PyTorch's equations and gate order.
///
/// A cell of G gates stacks G blocks of H rows in its weights: weightIH (G·H, I), weightHH (G·H, H),
/// biasIH and biasHH (G·H).
public enum RecurrentCell: Sendable, Equatable {
    /// Elman RNN: h' = tanh(W_ih x + b_ih + W_hh h + b_hh).
    case rnnTanh
    /// Elman RNN: h' = relu(W_ih x + b_ih + W_hh h + b_hh).
    case rnnReLU
    /// LSTM, gates i, f, g, o: c' = f∘c + i∘g, h' = o∘tanh(c').
    case lstm
    /// GRU, gates r, z, n: n = tanh(W_in x + b_in + r∘(W_hn h + b_hn)), h' = (1 − z)∘n + z∘h.
    case gru

    /// How many blocks of H rows the weight matrices stack.
    public var gateCount: Int {
        switch self {
        case .rnnTanh, .rnnReLU: 1
        case .lstm: 4
        case .gru: 3
        }
    }

    /// Whether the cell carries a second state (the LSTM's cell state c).
    public var hasCellState: Bool { self == .lstm }
}
