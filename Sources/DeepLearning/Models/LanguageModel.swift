/// What a language model carries from one chunk of text to the next (the recurrent state, the words
/// a convolution still sees, the previous sentence).
public protocol LanguageModelState {
    /// The same state cut off from the graph, so backpropagation stops at the chunk boundary
    /// (pytorch/examples' `repackage_hidden`).
    func detached() -> Self

    /// The state of columns `range` of the batch, for one worker of a batch-parallel step; nil when the
    /// state cannot be cut by columns (the default).
    func columns(_ range: Range<Int>) -> Self?

    /// The states of consecutive column ranges, in order, put back into one; nil where `columns` is.
    static func joiningColumns(_ parts: [Self]) -> Self?
}

extension LanguageModelState {
    /// No split by columns: batch-parallel training is not offered for this state.
    public func columns(_ range: Range<Int>) -> Self? { nil }
    /// No split by columns: batch-parallel training is not offered for this state.
    public static func joiningColumns(_ parts: [Self]) -> Self? { nil }
}

/// A word-level language model that `LanguageModelRun.train` drives: scores of the next word at every
/// position of a (T, N) chunk of word indices, given what the model carried from the previous chunk.
///
/// Training, evaluation and sampling (`trainStep`, `evaluate`, `sample`) are written once for every
/// model on top of `callAsFunction`.
public protocol LanguageModel: Module {
    /// What the model carries between chunks.
    associatedtype State: LanguageModelState

    /// V, the number of words.
    var vocabularySize: Int { get }

    /// The state before the first chunk of `batchSize` columns.
    func initialState(batchSize: Int) -> State

    /// Logits (T·N, V) of the next word at every position of `input` (T, N) row-major, and the state
    /// after the chunk; `state` nil means `initialState`.
    func callAsFunction(_ input: [Int], steps: Int, batchSize: Int, state: State?) -> (logits: Tensor, state: State)

    /// The mean cross-entropy of the next-word scores of `input` (T, N) against `targets` (T, N), and
    /// the state after the chunk: `crossEntropy(self(input, …).logits, targets)` (the default), or the
    /// same loss computed without holding the (T·N, V) scores (`linearCrossEntropy`).
    func loss(_ input: [Int], targets: [Int], steps: Int, batchSize: Int, state: State?) -> (loss: Tensor, state: State)

    /// One vector per vocabulary word for the embedding analysis, (V, dimension) row-major: the input
    /// embedding where the model has one.
    func wordVectors() -> (values: [Float], dimension: Int)

    /// Makes every dropout layer of the model draw its masks from `generator` (dropout inside
    /// `RecurrentModule` always draws from the default generator, as PyTorch's does from its global one).
    func useDropoutGenerator(_ generator: RandomGenerator)

    /// A second model of the same configuration, with this one's parameter values and dropout
    /// generators and mode, for `BatchParallelTraining`; nil (the default) when the model's columns are
    /// not independent of each other or the model was not checked for it.
    func makeBatchReplica() -> Self?
}

extension LanguageModel {
    /// The cross-entropy of `callAsFunction`'s logits.
    public func loss(_ input: [Int], targets: [Int], steps: Int, batchSize: Int, state: State?) -> (loss: Tensor, state: State) {
        let (logits, next) = self(input, steps: steps, batchSize: batchSize, state: state)
        return (crossEntropy(logits, targets), next)
    }

    /// No replica: the model trains on one thread's worth of batch.
    public func makeBatchReplica() -> Self? { nil }
}
