extension LanguageModelTrainer {
    /// Adds to `run` what the configuration asks of the model as it now is (the best weights, once
    /// `finish` has put them back): embedding neighbours and ranks, map rows, sampled text.
    func analyse(into run: inout LanguageModelRun) {
        let vocabulary = corpus.vocabulary
        for word in config.embeddingQueries where vocabulary.index(of: word) == nil {
            log?("| embedding query '\(word)' is not in the vocabulary: left out")
        }
        if !config.embeddingQueries.isEmpty || config.mapWords > 0 {
            let analysis = EmbeddingAnalysis(
                weight: model.encoder.weight.scalars, dimension: config.emsize, vocabulary: vocabulary,
                queries: config.embeddingQueries, trainTokens: corpus.train, mapWords: config.mapWords)
            run.neighbours = analysis.neighbours
            run.queryRanks = analysis.queryRanks
            run.mapWords = analysis.mapWords
            run.mapVectors = analysis.mapVectors
        }
        let weight = config.keptWords.isEmpty ? [] : model.encoder.weight.scalars
        for word in config.keptWords {
            guard let index = vocabulary.index(of: word) else { continue }
            run.keptVectors[word] = Array(weight[(index * config.emsize)..<((index + 1) * config.emsize)])
        }
        if config.sampleWords > 0 {
            let words = model.sample(count: config.sampleWords, generator: RandomGenerator(seed: config.seed))
            run.samples = Self.sentences(words.map { vocabulary[$0] })
        }
    }

    /// Words cut into sentences at `<eos>` (which is dropped), each joined by single spaces; a last
    /// unfinished sentence is kept, an empty one (two `<eos>` in a row) too.
    static func sentences(_ words: [String]) -> [String] {
        var result: [String] = []
        var current: [String] = []
        for word in words {
            if word == "<eos>" {
                result.append(current.joined(separator: " "))
                current = []
            } else {
                current.append(word)
            }
        }
        if !current.isEmpty { result.append(current.joined(separator: " ")) }
        return result
    }
}
