import Foundation
import Testing
@testable import DeepLearning

@Suite("LanguageModelConfig and LanguageModelRun as JSON")
struct LanguageModelRunCodingTests {
    static let sampleRun = LanguageModelRun(
        config: LanguageModelConfig(
            model: "GRU", emsize: 16, nhid: 16, nlayers: 2, lr: 10, epochs: 3, tied: true,
            embeddingQueries: ["cat", "mat"], mapWords: 2, sampleWords: 5),
        parameterCount: 1234,
        epochs: [LanguageModelEpoch(epoch: 1, trainPerplexity: 300.5, validPerplexity: 250.25, lr: 10, seconds: 1.5, tokensPerSecond: 9000)],
        testPerplexity: 240.125, stepLosses: [9.5, 9.25], intervalLosses: [8.75],
        neighbours: ["cat": [LanguageModelNeighbour(word: "mat", cosine: 0.5, rank: 1)]],
        queryRanks: ["cat": ["mat": 1], "mat": ["cat": 2]], mapWords: ["the", "cat"], mapVectors: [[0.5, -0.25], [1, 2]],
        samples: ["the cat sat", "on"], blas: "Haswell (detected), 1 threads", threads: 1)

    /// The top-level object of `json`.
    static func object(_ json: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    }

    @Test("a run written as JSON reads back equal, under the documented snake_case keys")
    func roundTrip() throws {
        let json = try Self.sampleRun.jsonData()
        #expect(try LanguageModelRun(json: json) == Self.sampleRun)
        let top = try Self.object(json)
        #expect(Set(top.keys) == [
            "config", "parameter_count", "epochs", "test_ppl", "step_losses", "interval_losses", "neighbours",
            "query_ranks", "map_words", "map_vectors", "kept_vectors", "samples", "blas", "threads",
        ])
        let config = try #require(top["config"] as? [String: Any])
        #expect(Set(config.keys) == [
            "model", "emsize", "nhid", "nlayers", "lr", "clip", "epochs", "batch_size", "bptt", "dropout", "tied",
            "seed", "eval_batch_size", "log_interval", "dry_run", "recorded_steps", "embedding_queries",
            "map_words", "sample_words", "kept_words",
        ])
        #expect(config["batch_size"] as? Int == 20 && config["eval_batch_size"] as? Int == 10)
        #expect(config["model"] as? String == "GRU" && config["tied"] as? Bool == true)
        let epoch = try #require((top["epochs"] as? [[String: Any]])?.first)
        #expect(Set(epoch.keys) == ["epoch", "train_ppl", "valid_ppl", "lr", "seconds", "tokens_per_s"])
        #expect(epoch["train_ppl"] as? Double == 300.5 && epoch["valid_ppl"] as? Double == 250.25)
        let neighbour = try #require(((top["neighbours"] as? [String: Any])?["cat"] as? [[String: Any]])?.first)
        #expect(Set(neighbour.keys) == ["word", "cosine", "rank"])
        #expect(top["test_ppl"] as? Double == 240.125)
    }

    @Test("the JSON is pretty-printed with sorted keys, so that a re-record diffs well")
    func sortedKeys() throws {
        let text = String(decoding: try Self.sampleRun.jsonData(), as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"blas\" : "))
        let positions = ["\"blas\"", "\"config\"", "\"epochs\"", "\"interval_losses\"", "\"threads\""]
            .compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == 5)
        #expect(positions == positions.sorted())
    }

    @Test("a run stopped before any epoch ended has no test_ppl key and reads back with nil")
    func missingTest() throws {
        var run = Self.sampleRun
        run.testPerplexity = nil
        run.epochs = []
        let json = try run.jsonData()
        #expect(try Self.object(json)["test_ppl"] == nil)
        #expect(try LanguageModelRun(json: json) == run)
    }

    @Test("a diverged loss (NaN, infinity) is written as a string and reads back")
    func nonFinite() throws {
        var run = Self.sampleRun
        run.stepLosses = [.infinity, 1]
        run.testPerplexity = .infinity
        let decoded = try LanguageModelRun(json: try run.jsonData())
        #expect(decoded.stepLosses == [.infinity, 1] && decoded.testPerplexity == .infinity)
    }

    @Test("older JSON without the optional keys reads with the defaults")
    func defaults() throws {
        let json = Data(#"{"model": "LSTM", "emsize": 50, "nhid": 50, "nlayers": 1, "epochs": 20}"#.utf8)
        let config = try JSONDecoder().decode(LanguageModelConfig.self, from: json)
        #expect(config == LanguageModelConfig(model: "LSTM", emsize: 50, nhid: 50, nlayers: 1, epochs: 20))
        #expect(config.lr == 20 && config.clip == 0.25 && config.batchSize == 20 && config.bptt == 35)
        #expect(config.dropout == 0.2 && !config.tied && config.seed == 1111 && config.evalBatchSize == 10)
        #expect(config.recordedSteps == 100 && config.embeddingQueries.isEmpty && config.mapWords == 0 && config.sampleWords == 0)
        let run = Data(#"""
            {"config": {"model": "GRU", "emsize": 4, "nhid": 4, "nlayers": 1, "epochs": 1}, "parameter_count": 7,
             "epochs": [], "step_losses": [1.5], "blas": "x", "threads": 2}
            """#.utf8)
        let decoded = try LanguageModelRun(json: run)
        #expect(decoded.stepLosses == [1.5] && decoded.testPerplexity == nil && decoded.samples.isEmpty)
        #expect(decoded.neighbours.isEmpty && decoded.mapVectors.isEmpty && decoded.intervalLosses.isEmpty)
    }

    static let invalid: [(LanguageModelConfig, LanguageModelConfigError)] = {
        let base = LanguageModelConfig(model: "LSTM", emsize: 8, nhid: 8, nlayers: 1, epochs: 1)
        func with(_ change: (inout LanguageModelConfig) -> Void) -> LanguageModelConfig {
            var config = base
            change(&config)
            return config
        }
        return [
            (with { $0.model = "lstm" }, .unknownModel("lstm", choices: ["LSTM", "GRU", "RNN_TANH", "RNN_RELU"])),
            (with { $0.tied = true; $0.nhid = 16 }, .tiedSizesDiffer(emsize: 8, nhid: 16)),
            (with { $0.emsize = 0 }, .notPositive(name: "emsize", value: 0)),
            (with { $0.batchSize = -1 }, .notPositive(name: "batch_size", value: -1)),
            (with { $0.epochs = 0 }, .notPositive(name: "epochs", value: 0)),
            (with { $0.mapWords = -3 }, .negative(name: "map_words", value: -3)),
            (with { $0.lr = 0 }, .notPositiveRate(name: "lr", value: 0)),
            (with { $0.dropout = 1 }, .dropoutOutOfRange(1)),
            (with { $0.dropout = -0.1 }, .dropoutOutOfRange(-0.1)),
        ]
    }()

    @Test("validate() names the first problem", arguments: invalid)
    func validation(config: LanguageModelConfig, expected: LanguageModelConfigError) {
        #expect(throws: expected) { try config.validate() }
    }

    @Test("a valid configuration passes, and the error messages read as sentences")
    func messages() throws {
        try LanguageModelConfig(model: "RNN_RELU", emsize: 8, nhid: 8, nlayers: 2, epochs: 1, dropout: 0, tied: true).validate()
        #expect(LanguageModelConfigError.tiedSizesDiffer(emsize: 8, nhid: 16).description
            == "when using tied weights, nhid (16) must be equal to emsize (8)")
        #expect(LanguageModelConfigError.unknownModel("lstm", choices: ["LSTM", "GRU"]).description
            == "invalid model 'lstm'; valid choices: LSTM, GRU")
    }
}
