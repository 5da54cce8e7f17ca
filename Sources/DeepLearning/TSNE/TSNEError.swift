/// Why a t-SNE run could not start: what `TSNE.fit` and `tsneJointProbabilities` throw for bad points
/// or settings. (Like every op of the library, the helpers that take a ready P and embedding —
/// `tsneGradient`, `tsneKLDivergence`, `tsneBarnesHutGradient` — stop with a message on a shape
/// mismatch instead, since that is a programming error, not bad data.)
public enum TSNEError: Error, CustomStringConvertible, Equatable {
    /// Fewer points than t-SNE needs (at least 2, and more than the perplexity).
    case tooFewPoints(count: Int, perplexity: Double)
    /// The rows of the input do not all have the same length.
    case raggedInput(row: Int, length: Int, expected: Int)
    /// A flat input whose length is not `count × dimension`.
    case flatSizeMismatch(elements: Int, count: Int, dimension: Int)
    /// An input value is NaN or infinite.
    case nonFiniteInput(row: Int, column: Int)
    /// A hyper-parameter is out of its range.
    case invalidParameter(name: String, value: Double, requirement: String)

    /// What is wrong with the input or the settings.
    public var description: String {
        switch self {
        case let .tooFewPoints(count, perplexity):
            return "t-SNE needs more points than the perplexity: got \(count) points for perplexity \(perplexity)"
        case let .raggedInput(row, length, expected):
            return "t-SNE input row \(row) has \(length) values, the first row has \(expected)"
        case let .flatSizeMismatch(elements, count, dimension):
            return "t-SNE flat input has \(elements) values, not \(count) × \(dimension) = \(count * dimension)"
        case let .nonFiniteInput(row, column):
            return "t-SNE input has a NaN or infinite value at row \(row), column \(column)"
        case let .invalidParameter(name, value, requirement):
            return "t-SNE parameter \(name) = \(value) is invalid: it must be \(requirement)"
        }
    }
}
