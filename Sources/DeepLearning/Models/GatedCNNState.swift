/// What a gated convolutional model carries between chunks: for each block, its inputs at the last
/// kernelWidth − 1 positions (what its causal convolution still reaches), and the state of the
/// recurrent layers on top, if any.
public struct GatedCNNState: LanguageModelState {
    /// Per block, its inputs at the last kernelWidth − 1 positions, (K − 1, N, C_in); empty before the
    /// first chunk (zeros are read then), nil entries for blocks of width 1.
    public var blockInputs: [Tensor?]
    /// The state of the recurrent layers (GatedCNN+LSTM), nil without them.
    public var recurrent: RecurrentState?

    /// A state from its parts.
    public init(blockInputs: [Tensor?], recurrent: RecurrentState?) {
        self.blockInputs = blockInputs
        self.recurrent = recurrent
    }

    /// The same values cut off from the graph, so backpropagation stops at the chunk boundary.
    public func detached() -> GatedCNNState {
        GatedCNNState(blockInputs: blockInputs.map { $0?.detach() }, recurrent: recurrent?.detached())
    }
}
