extension LanguageModelConfig {
    /// Checks that the configuration can be trained: a known `model`, sizes and counts of at least 1,
    /// analysis counts of at least 0, positive `lr` and `clip`, `dropout` in [0, 1), `emsize == nhid`
    /// when `tied` (and a model that can tie), and the settings of the model's own kind (see
    /// `validateModelSettings`). The first problem found is thrown.
    public func validate() throws(LanguageModelConfigError) {
        guard let architecture else {
            throw .unknownModel(model, choices: LanguageModelArchitecture.allCases.map(\.rawValue))
        }
        let sizes = [("emsize", emsize), ("nhid", nhid), ("nlayers", nlayers), ("epochs", epochs),
                     ("batch_size", batchSize), ("bptt", bptt), ("eval_batch_size", evalBatchSize),
                     ("log_interval", logInterval)]
        for (name, value) in sizes where value < 1 { throw .notPositive(name: name, value: value) }
        let counts = [("recorded_steps", recordedSteps), ("map_words", mapWords), ("sample_words", sampleWords)]
        for (name, value) in counts where value < 0 { throw .negative(name: name, value: value) }
        for (name, value) in [("lr", lr), ("clip", clip)] where !(value > 0 && value.isFinite) {
            throw .notPositiveRate(name: name, value: value)
        }
        guard dropout >= 0 && dropout < 1 else { throw .dropoutOutOfRange(dropout) }
        if tied && !architecture.canTie { throw .tiedUnsupported(model: model) }
        if tied && emsize != nhid { throw .tiedSizesDiffer(emsize: emsize, nhid: nhid) }
        try validateModelSettings(architecture)
    }

    /// The gated CNNs need `kernel_width` and `cnn_layers` of at least 1; the character-aware model a
    /// `char_emsize` of at least 1, `highway_layers` of at least 0, and as many `feature_maps` as
    /// `filter_widths` (at least one), all positive.
    func validateModelSettings(_ architecture: LanguageModelArchitecture) throws(LanguageModelConfigError) {
        if architecture.usesConvolutions {
            for (name, value) in [("kernel_width", kernelWidth), ("cnn_layers", cnnLayers)] where value < 1 {
                throw .notPositive(name: name, value: value)
            }
        }
        guard architecture.usesCharacters else { return }
        if charEmsize < 1 { throw .notPositive(name: "char_emsize", value: charEmsize) }
        if highwayLayers < 0 { throw .negative(name: "highway_layers", value: highwayLayers) }
        if filterWidths.isEmpty { throw .emptyList(name: "filter_widths") }
        guard filterWidths.count == featureMaps.count else {
            throw .countsDiffer(filterWidths: filterWidths.count, featureMaps: featureMaps.count)
        }
        for (name, list) in [("filter_widths", filterWidths), ("feature_maps", featureMaps)] {
            for value in list where value < 1 { throw .notPositive(name: name, value: value) }
        }
    }
}
