/// Why a `LanguageModelConfig` cannot be trained, worded with the flag names a reader of
/// pytorch/examples knows.
public enum LanguageModelConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `model` is none of the `LanguageModelArchitecture` raw values.
    case unknownModel(String, choices: [String])
    /// `tied` needs `emsize == nhid`.
    case tiedSizesDiffer(emsize: Int, nhid: Int)
    /// A size or count that must be at least 1 (`emsize`, `batch_size`, …) is not.
    case notPositive(name: String, value: Int)
    /// A setting that may be 0 but not negative (`recorded_steps`, `map_words`, …) is negative.
    case negative(name: String, value: Int)
    /// `lr` or `clip` is not a positive finite number.
    case notPositiveRate(name: String, value: Double)
    /// `dropout` is outside [0, 1).
    case dropoutOutOfRange(Double)
    /// `tied` with a model whose decoder does not read a vector of the embedding's width.
    case tiedUnsupported(model: String)
    /// A list setting (`filter_widths`) is empty.
    case emptyList(name: String)
    /// `feature_maps` does not have one count per filter width.
    case countsDiffer(filterWidths: Int, featureMaps: Int)

    /// What is wrong with the configuration, naming the flag and its valid values.
    public var description: String {
        switch self {
        case let .unknownModel(name, choices):
            return "invalid model '\(name)'; valid choices: \(choices.joined(separator: ", "))"
        case let .tiedSizesDiffer(emsize, nhid):
            return "when using tied weights, nhid (\(nhid)) must be equal to emsize (\(emsize))"
        case let .notPositive(name, value):
            return "\(name) must be positive, got \(value)"
        case let .negative(name, value):
            return "\(name) must not be negative, got \(value)"
        case let .notPositiveRate(name, value):
            return "\(name) must be a positive number, got \(value)"
        case let .dropoutOutOfRange(value):
            return "dropout must be in [0, 1), got \(value)"
        case let .tiedUnsupported(model):
            return "model \(model) cannot tie its weights: its decoder does not read a word embedding"
        case let .emptyList(name):
            return "\(name) must list at least one value"
        case let .countsDiffer(filterWidths, featureMaps):
            return "feature_maps must give one count per filter width: \(filterWidths) filter widths, \(featureMaps) feature map counts"
        }
    }
}
