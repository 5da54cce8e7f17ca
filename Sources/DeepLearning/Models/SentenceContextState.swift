/// What the previous-sentence model carries between chunks: the LSTM state, and for each column the
/// words of the last finished sentence and of the sentence read so far (`<eos>` left out of both).
public struct SentenceContextState: LanguageModelState {
    /// The LSTM state, (layers, N, H).
    public var recurrent: RecurrentState
    /// Per column, the words of the last sentence that ended (empty before the first `<eos>`).
    public var previous: [[Int]]
    /// Per column, the words since the last `<eos>`.
    public var current: [[Int]]

    /// A state from its parts.
    public init(recurrent: RecurrentState, previous: [[Int]], current: [[Int]]) {
        self.recurrent = recurrent
        self.previous = previous
        self.current = current
    }

    /// The words are plain indices; only the recurrent state is cut off from the graph.
    public func detached() -> SentenceContextState {
        SentenceContextState(recurrent: recurrent.detached(), previous: previous, current: current)
    }

    /// Reads `input` (T, N) row-major and returns, for each position, the bag of the sentence before
    /// the one its next word belongs to: after an `<eos>` input, the sentence it just ended. The
    /// sentences are updated as they are read.
    mutating func previousSentences(_ input: [Int], batchSize: Int, endOfSentence: Int?) -> [[Int]] {
        input.enumerated().map { position, word in
            let column = position % batchSize
            if word == endOfSentence {
                previous[column] = current[column]
                current[column] = []
            } else {
                current[column].append(word)
            }
            return previous[column]
        }
    }
}
