extension LanguageModelRun {
    /// Trains a word-level language model exactly as pytorch/examples' word_language_model `main.py`
    /// does, and returns what the run measured. The network is the one `config.model` names
    /// (`LanguageModelArchitecture`): pytorch/examples' `RNNModel` or one of the assignment's others, all
    /// trained by the same loop.
    ///
    /// `manualSeed(config.seed)` first; the model is built from the default generator (PyTorch's
    /// initialisation), and dropout draws from it. Plain SGD at `lr`, the gradient norm clipped to
    /// `clip` every step, truncated BPTT over `bptt` steps with the state detached between chunks.
    /// After every epoch the validation split is evaluated (`eval_batch_size` columns): an improvement
    /// keeps a copy of the weights in memory, no improvement divides the learning rate by 4. At the end
    /// the best weights are put back and tested, then analysed as the configuration asks
    /// (`embedding_queries`, `map_words`, `sample_words`; sampling draws from its own generator seeded
    /// with `seed`, so the text does not depend on how long training ran).
    ///
    /// The same configuration and corpus give the same losses on every run, and a run stopped by
    /// `maxSteps` has the first losses of the full run. The default generator is process-wide state:
    /// two runs at once in one process disturb each other's random numbers.
    ///
    /// - Parameters:
    ///   - config: the model and training flags, pytorch/examples' names.
    ///   - corpus: the text; nil reads the Penn Treebank from the data folder (`PennTreebank.load()`).
    ///   - maxSteps: stop after this many training steps over the whole run (an epoch cut short is
    ///     neither validated nor recorded; `testPerplexity` is nil when no epoch ended).
    ///   - progress: called every 25 steps and after each epoch with the steps done, the steps the run
    ///     will take, and a message such as "epoch 3/20 · loss 5.12 · ppl 167.4".
    ///   - log: main.py's output, one line per call: the model line, a line every `log_interval`
    ///     batches, the end of each epoch and of training.
    ///   - bestModel: called at the end with the model holding the weights the run was tested with
    ///     (the final ones when no epoch ended), e.g. to save them.
    /// - Throws: `LanguageModelConfigError` for a configuration that cannot be trained, `DatasetError`
    ///   when the corpus cannot be read, or what `bestModel` throws.
    public static func train(
        _ config: LanguageModelConfig, corpus: PennTreebank? = nil, maxSteps: Int? = nil,
        progress: ((Double, Double, String) -> Void)? = nil, log: ((String) -> Void)? = nil,
        bestModel: ((any LanguageModel) throws -> Void)? = nil
    ) throws -> LanguageModelRun {
        manualSeed(config.seed)
        return try train(
            config, corpus: corpus, maxSteps: maxSteps, generator: defaultGenerator, progress: progress, log: log,
            bestModel: bestModel)
    }

    /// `train` with the model's initialisation and dropout drawn from `generator` (tests pass their own
    /// so that tests running at the same time do not share the default generator).
    static func train(
        _ config: LanguageModelConfig, corpus: PennTreebank?, maxSteps: Int?, generator: RandomGenerator,
        progress: ((Double, Double, String) -> Void)? = nil, log: ((String) -> Void)? = nil,
        bestModel: ((any LanguageModel) throws -> Void)? = nil
    ) throws -> LanguageModelRun {
        try config.validate()
        let corpus = try corpus ?? PennTreebank.load()
        let model = try config.makeModel(vocabulary: corpus.vocabulary, generator: generator)
        return try train(model, config: config, corpus: corpus, maxSteps: maxSteps, progress: progress, log: log, bestModel: bestModel)
    }

    /// Runs the trainer on a built model (generic, so that each model's state type is known).
    private static func train<Model: LanguageModel>(
        _ model: Model, config: LanguageModelConfig, corpus: PennTreebank, maxSteps: Int?,
        progress: ((Double, Double, String) -> Void)?, log: ((String) -> Void)?,
        bestModel: ((any LanguageModel) throws -> Void)?
    ) throws -> LanguageModelRun {
        let trainer = LanguageModelTrainer(config, corpus: corpus, model: model, maxSteps: maxSteps, progress: progress, log: log)
        let run = trainer.run()
        try bestModel?(model)
        return run
    }
}
