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
        case kernelWidth = "kernel_width"
        case cnnLayers = "cnn_layers"
        case charEmsize = "char_emsize"
        case filterWidths = "filter_widths"
        case featureMaps = "feature_maps"
        case highwayLayers = "highway_layers"
    }

    /// Reads a configuration; every key but `model`, `emsize`, `nhid`, `nlayers` and `epochs` may be
    /// missing (its default is then used), so records written before a setting existed still read.
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
            keptWords: try value(.keptWords, defaults.keptWords),
            kernelWidth: try value(.kernelWidth, defaults.kernelWidth),
            cnnLayers: try value(.cnnLayers, defaults.cnnLayers),
            charEmsize: try value(.charEmsize, defaults.charEmsize),
            filterWidths: try value(.filterWidths, defaults.filterWidths),
            featureMaps: try value(.featureMaps, defaults.featureMaps),
            highwayLayers: try value(.highwayLayers, defaults.highwayLayers))
    }

    /// Writes every key of pytorch/examples' settings and the analysis, and the model settings only
    /// for the models that read them (so an LSTM record has the keys it had before they existed).
    public func encode(to encoder: Encoder) throws {
        var keys = encoder.container(keyedBy: CodingKeys.self)
        try keys.encode(model, forKey: .model)
        try keys.encode(emsize, forKey: .emsize)
        try keys.encode(nhid, forKey: .nhid)
        try keys.encode(nlayers, forKey: .nlayers)
        try keys.encode(lr, forKey: .lr)
        try keys.encode(clip, forKey: .clip)
        try keys.encode(epochs, forKey: .epochs)
        try keys.encode(batchSize, forKey: .batchSize)
        try keys.encode(bptt, forKey: .bptt)
        try keys.encode(dropout, forKey: .dropout)
        try keys.encode(tied, forKey: .tied)
        try keys.encode(seed, forKey: .seed)
        try keys.encode(evalBatchSize, forKey: .evalBatchSize)
        try keys.encode(logInterval, forKey: .logInterval)
        try keys.encode(dryRun, forKey: .dryRun)
        try keys.encode(recordedSteps, forKey: .recordedSteps)
        try keys.encode(embeddingQueries, forKey: .embeddingQueries)
        try keys.encode(mapWords, forKey: .mapWords)
        try keys.encode(sampleWords, forKey: .sampleWords)
        try keys.encode(keptWords, forKey: .keptWords)
        try encodeModelSettings(into: &keys)
    }

    /// The settings of the gated CNNs or of the character-aware model, when `model` is one of them.
    private func encodeModelSettings(into keys: inout KeyedEncodingContainer<CodingKeys>) throws {
        if architecture?.usesConvolutions == true {
            try keys.encode(kernelWidth, forKey: .kernelWidth)
            try keys.encode(cnnLayers, forKey: .cnnLayers)
        }
        if architecture?.usesCharacters == true {
            try keys.encode(charEmsize, forKey: .charEmsize)
            try keys.encode(filterWidths, forKey: .filterWidths)
            try keys.encode(featureMaps, forKey: .featureMaps)
            try keys.encode(highwayLayers, forKey: .highwayLayers)
        }
    }
}
