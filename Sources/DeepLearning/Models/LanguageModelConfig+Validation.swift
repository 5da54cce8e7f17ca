extension LanguageModelConfig {
    /// Checks that the configuration can be trained: a known `model`, sizes and counts of at least 1,
    /// analysis counts of at least 0, positive `lr` and `clip`, `dropout` in [0, 1), and
    /// `emsize == nhid` when `tied`. The first problem found is thrown.
    public func validate() throws(LanguageModelConfigError) {
        guard cell != nil else {
            throw .unknownModel(model, choices: LanguageModelCell.allCases.map(\.rawValue))
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
        if tied && emsize != nhid { throw .tiedSizesDiffer(emsize: emsize, nhid: nhid) }
    }
}
