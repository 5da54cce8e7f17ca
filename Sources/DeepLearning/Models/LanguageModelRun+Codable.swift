import Foundation

extension LanguageModelRun {
    enum CodingKeys: String, CodingKey {
        case config, epochs, neighbours, samples, blas, threads
        case parameterCount = "parameter_count"
        case testPerplexity = "test_ppl"
        case stepLosses = "step_losses"
        case intervalLosses = "interval_losses"
        case queryRanks = "query_ranks"
        case mapWords = "map_words"
        case mapVectors = "map_vectors"
        case keptVectors = "kept_vectors"
    }

    /// Reads a run; the analysis keys (`interval_losses`, `neighbours`, `query_ranks`, `map_words`,
    /// `map_vectors`, `kept_vectors`, `samples`) and `test_ppl` may be missing.
    public init(from decoder: Decoder) throws {
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            config: try keys.decode(LanguageModelConfig.self, forKey: .config),
            parameterCount: try keys.decode(Int.self, forKey: .parameterCount),
            epochs: try keys.decode([LanguageModelEpoch].self, forKey: .epochs),
            testPerplexity: try keys.decodeIfPresent(Double.self, forKey: .testPerplexity),
            stepLosses: try keys.decode([Float].self, forKey: .stepLosses),
            intervalLosses: try keys.decodeIfPresent([Float].self, forKey: .intervalLosses) ?? [],
            neighbours: try keys.decodeIfPresent([String: [LanguageModelNeighbour]].self, forKey: .neighbours) ?? [:],
            queryRanks: try keys.decodeIfPresent([String: [String: Int]].self, forKey: .queryRanks) ?? [:],
            mapWords: try keys.decodeIfPresent([String].self, forKey: .mapWords) ?? [],
            mapVectors: try keys.decodeIfPresent([[Float]].self, forKey: .mapVectors) ?? [],
            samples: try keys.decodeIfPresent([String].self, forKey: .samples) ?? [],
            blas: try keys.decode(String.self, forKey: .blas),
            threads: try keys.decode(Int.self, forKey: .threads))
        keptVectors = try keys.decodeIfPresent([String: [Float]].self, forKey: .keptVectors) ?? [:]
    }

    /// The run as `train-lm --record` writes it: pretty-printed JSON with sorted keys; a value that is
    /// not finite (a diverged loss) is written as the string "nan", "inf" or "-inf".
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    /// Reads a run written by `jsonData()` (or any JSON with the same keys).
    public init(json: Data) throws {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        self = try decoder.decode(LanguageModelRun.self, from: json)
    }
}
