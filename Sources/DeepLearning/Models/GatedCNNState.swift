/// What a gated convolutional model carries between chunks: the last input words of each column
/// that its receptive field still reaches, and the state of the recurrent layers on top, if any.
public struct GatedCNNState: LanguageModelState {
    /// The last `historySteps` input words of each column, (historySteps, N) row-major.
    public var history: [Int]
    /// Rows of `history` (fewer than the receptive field at the start of the text).
    public var historySteps: Int
    /// The state of the recurrent layers (GatedCNN+LSTM), nil without them.
    public var recurrent: RecurrentState?

    public init(history: [Int], historySteps: Int, recurrent: RecurrentState?) {
        self.history = history
        self.historySteps = historySteps
        self.recurrent = recurrent
    }

    /// The words are plain indices; only the recurrent state is cut off from the graph.
    public func detached() -> GatedCNNState {
        GatedCNNState(history: history, historySteps: historySteps, recurrent: recurrent?.detached())
    }
}
