extension LanguageModelConfig {
    /// The JSON keys: pytorch/examples' flag names (argparse spelling), then the analysis settings.
    enum CodingKeys: String, CodingKey {
        case model, emsize, nhid, nlayers, lr, clip, epochs, bptt, dropout, tied, seed
        case batchSize = "batch_size"
        case evalBatchSize = "eval_batch_size"
        case logInterval = "log_interval"
        case dryRun = "dry_run"
        case recordedSteps = "recorded_steps"
        case embeddingQueries = "embedding_queries"
        case mapWords = "map_words"
        case sampleWords = "sample_words"
        case keptWords = "kept_words"
    }

    /// Reads a configuration; every key but `model`, `emsize`, `nhid`, `nlayers` and `epochs` may be
    /// missing (its default is then used).
    public init(from decoder: Decoder) throws {
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = LanguageModelConfig(model: "LSTM", emsize: 1, nhid: 1, nlayers: 1, epochs: 1)
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try keys.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        self.init(
            model: try keys.decode(String.self, forKey: .model),
            emsize: try keys.decode(Int.self, forKey: .emsize),
            nhid: try keys.decode(Int.self, forKey: .nhid),
            nlayers: try keys.decode(Int.self, forKey: .nlayers),
            lr: try value(.lr, defaults.lr),
            clip: try value(.clip, defaults.clip),
            epochs: try keys.decode(Int.self, forKey: .epochs),
            batchSize: try value(.batchSize, defaults.batchSize),
            bptt: try value(.bptt, defaults.bptt),
            dropout: try value(.dropout, defaults.dropout),
            tied: try value(.tied, defaults.tied),
            seed: try value(.seed, defaults.seed),
            evalBatchSize: try value(.evalBatchSize, defaults.evalBatchSize),
            logInterval: try value(.logInterval, defaults.logInterval),
            dryRun: try value(.dryRun, defaults.dryRun),
            recordedSteps: try value(.recordedSteps, defaults.recordedSteps),
            embeddingQueries: try value(.embeddingQueries, defaults.embeddingQueries),
            mapWords: try value(.mapWords, defaults.mapWords),
            sampleWords: try value(.sampleWords, defaults.sampleWords),
            keptWords: try value(.keptWords, defaults.keptWords))
    }
}
