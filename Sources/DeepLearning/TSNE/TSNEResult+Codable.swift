import Foundation

/// A fit's progress report as JSON, so that a chapter can store it in a record (`recorded` in
/// NotebookRuntime) along with the result it belongs to. The keys are the property names.
extension TSNEProgress: Codable {
    enum CodingKeys: String, CodingKey {
        case iteration, klDivergence, gradientNorm, exaggeration, elapsedSeconds
    }

    /// Reads a report written by `encode(to:)`.
    public init(from decoder: Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        iteration = try values.decode(Int.self, forKey: .iteration)
        klDivergence = try values.decode(Double.self, forKey: .klDivergence)
        gradientNorm = try values.decode(Double.self, forKey: .gradientNorm)
        exaggeration = try values.decode(Double.self, forKey: .exaggeration)
        elapsedSeconds = try values.decode(Double.self, forKey: .elapsedSeconds)
    }

    /// Writes every property under its own name.
    public func encode(to encoder: Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(iteration, forKey: .iteration)
        try values.encode(klDivergence, forKey: .klDivergence)
        try values.encode(gradientNorm, forKey: .gradientNorm)
        try values.encode(exaggeration, forKey: .exaggeration)
        try values.encode(elapsedSeconds, forKey: .elapsedSeconds)
    }
}

/// A whole fit as JSON: the map (N × 2), the final KL divergence, the schedule's numbers, every
/// progress report and the times, so that a long fit can be made once and read back unchanged.
extension TSNEResult: Codable {
    enum CodingKeys: String, CodingKey {
        case embedding, klDivergence, iterations, learningRate, perplexities, history, affinitySeconds, seconds
    }

    /// Reads a result written by `encode(to:)`.
    public init(from decoder: Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        embedding = try values.decode([[Double]].self, forKey: .embedding)
        klDivergence = try values.decode(Double.self, forKey: .klDivergence)
        iterations = try values.decode(Int.self, forKey: .iterations)
        learningRate = try values.decode(Double.self, forKey: .learningRate)
        perplexities = try values.decode([Double].self, forKey: .perplexities)
        history = try values.decode([TSNEProgress].self, forKey: .history)
        affinitySeconds = try values.decode(Double.self, forKey: .affinitySeconds)
        seconds = try values.decode(Double.self, forKey: .seconds)
    }

    /// Writes every property under its own name.
    public func encode(to encoder: Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(embedding, forKey: .embedding)
        try values.encode(klDivergence, forKey: .klDivergence)
        try values.encode(iterations, forKey: .iterations)
        try values.encode(learningRate, forKey: .learningRate)
        try values.encode(perplexities, forKey: .perplexities)
        try values.encode(history, forKey: .history)
        try values.encode(affinitySeconds, forKey: .affinitySeconds)
        try values.encode(seconds, forKey: .seconds)
    }
}
