import Foundation

extension SkipGramRun {
    /// Trains fastText's skip-gram on `text` (one sentence per line) as `fasttext skipgram` does with
    /// one thread: per line, tokens of frequent words are dropped at random (keep with probability
    /// √(t/f) + t/f); for each remaining word a window b is drawn uniformly from 1…`window`, and every
    /// word within b positions is a context for one `SkipGramModel.update` with `negatives` words drawn
    /// from a shuffled table of the words in proportion to √count. The learning rate falls linearly
    /// from `learningRate` to 0 over all passes, updated after every `learningRateUpdateTokens` tokens.
    ///
    /// - Parameters:
    ///   - config: the model and training settings, fastText's names.
    ///   - text: the corpus, one sentence or document per line, words separated by white space.
    ///   - maxTokens: stop once this many tokens are processed (a replay of the run's start).
    ///   - progress: called about every 1% with the tokens done, the tokens of the whole run, and a
    ///     message (pass, learning rate, loss).
    public static func train(_ config: SkipGramConfig, text: String, maxTokens: Int? = nil,
                             progress: ((Double, Double, String) -> Void)? = nil) -> SkipGramRun {
        let dictionary = SkipGramDictionary(text: text, config: config)
        let generator = RandomGenerator(seed: config.seed)
        let kept = SkipGramKeptRows(dictionary: dictionary, extraWords: config.keptWords)
        let model = SkipGramModel(inputRows: dictionary.inputRowCount, keeping: kept.rows, outputRows: dictionary.words.count,
                                  dimension: config.dimension, generator: generator)
        var state = SkipGramTrainingState(config: config, dictionary: dictionary, wordRows: kept.wordRows, generator: generator)
        let wordsPerPass = dictionary.lines.reduce(0) { $0 + $1.count }
        let totalTokens = config.epochs * wordsPerPass
        let start = Date()
        var passesDone = 0
        passes: for pass in 1...max(config.epochs, 1) {
            for line in dictionary.lines {
                if let maxTokens, state.tokensDone >= maxTokens { break passes }
                state.trainLine(line, model: model)
                if let progress, state.tokensDone - state.lastReport >= max(totalTokens / 100, 1) {
                    state.lastReport = state.tokensDone
                    progress(Double(state.tokensDone), Double(totalTokens),
                             "pass \(pass)/\(config.epochs) · lr \(String(format: "%.4f", state.learningRate)) · loss \(String(format: "%.3f", state.recentLoss))")
                }
            }
            passesDone = pass
        }
        let seconds = Date().timeIntervalSince(start)
        let keptVectors = kept.extraRows.map { model.vector(rows: $0) }
        return SkipGramRun(
            config: config, dictionaryWords: dictionary.words.count, tokensPerPass: dictionary.tokenCount, passes: passesDone,
            tokensProcessed: state.tokensDone, lossCurve: state.lossCurve,
            meanLoss: state.totalPairs > 0 ? state.totalLoss / Double(state.totalPairs) : 0, seconds: seconds,
            keptVectors: keptVectors,
            neighbours: neighbours(of: config.neighbourQueries, model: model, dictionary: dictionary, wordRows: kept.wordRows))
    }

    /// The 10 nearest dictionary words of each query (by cosine of the word vectors, the query left out);
    /// `wordRows` are each word's rows in the model.
    static func neighbours(of queries: [String], model: SkipGramModel, dictionary: SkipGramDictionary,
                           wordRows: [[Int]]) -> [String: [LanguageModelNeighbour]] {
        guard !queries.isEmpty else { return [:] }
        let table = CosineTable(weight: wordRows.flatMap { model.vector(rows: $0) },
                                dimension: model.dimension)
        var result: [String: [LanguageModelNeighbour]] = [:]
        for query in queries {
            guard let index = dictionary.indices[query] else { continue }
            result[query] = table.order(from: index).prefix(LanguageModelRun.neighbourCount).enumerated().map {
                LanguageModelNeighbour(word: dictionary.words[$1], cosine: table.cosine(index, $1), rank: $0 + 1)
            }
        }
        return result
    }
}

/// The running state of one skip-gram training: counters, learning rate, negative table, losses.
struct SkipGramTrainingState {
    let config: SkipGramConfig
    let dictionary: SkipGramDictionary
    /// Each word's input rows in the model.
    let wordRows: [[Int]]
    let generator: RandomGenerator
    let keepProbability: [Double]
    let negativeTable: [Int]
    let totalTokens: Int
    var negativePosition = 0
    var tokensDone = 0, tokensSinceRateUpdate = 0, lastReport = 0
    var learningRate: Float
    var totalLoss = 0.0, totalPairs = 0
    var blockLoss = 0.0, blockPairs = 0, blockTokens = 0
    var lossCurve: [Double] = []
    var recentLoss: Double { lossCurve.last ?? (blockPairs > 0 ? blockLoss / Double(blockPairs) : 0) }

    init(config: SkipGramConfig, dictionary: SkipGramDictionary, wordRows: [[Int]], generator: RandomGenerator) {
        self.config = config
        self.dictionary = dictionary
        self.wordRows = wordRows
        self.generator = generator
        keepProbability = dictionary.keepProbabilities(threshold: config.sampleThreshold)
        negativeTable = Self.makeNegativeTable(counts: dictionary.counts, size: config.negativeTableSize, generator: generator)
        totalTokens = config.epochs * dictionary.lines.reduce(0) { $0 + $1.count }
        learningRate = config.learningRate
    }

    /// Each word fills a share of the table proportional to √count (fastText's `initTableNegatives`),
    /// then the table is shuffled.
    static func makeNegativeTable(counts: [Int], size: Int, generator: RandomGenerator) -> [Int] {
        let weights = counts.map { Double($0).squareRoot() }
        let total = weights.reduce(0, +)
        var table: [Int] = []
        table.reserveCapacity(size + counts.count)
        for (word, weight) in weights.enumerated() {
            table += repeatElement(word, count: Int((weight * Double(size) / total).rounded(.up)))
        }
        var source = generator  // the same generator object; `shuffle(using:)` takes it inout
        table.shuffle(using: &source)
        return table
    }

    /// One line: sub-sample, then every (word, context) pair within each word's random window.
    mutating func trainLine(_ line: [Int], model: SkipGramModel) {
        let words = line.filter { Double(generator.nextUniform()) <= keepProbability[$0] }
        for position in words.indices {
            let reach = 1 + generator.nextInt(below: config.window)
            let rows = wordRows[words[position]]
            for other in max(0, position - reach)...min(words.count - 1, position + reach) where other != position {
                let loss = model.update(rows: rows, target: words[other], negatives: drawNegatives(avoiding: words[other]),
                                        learningRate: learningRate)
                addLoss(Double(loss))
            }
        }
        countTokens(line.count)
    }

    /// `config.negatives` words from the table, skipping the target (fastText's `getNegative`).
    mutating func drawNegatives(avoiding target: Int) -> [Int] {
        (0..<config.negatives).map { _ in
            var negative: Int
            repeat {
                negative = negativeTable[negativePosition]
                negativePosition = (negativePosition + 1) % negativeTable.count
            } while negative == target
            return negative
        }
    }

    mutating func addLoss(_ loss: Double) {
        totalLoss += loss; totalPairs += 1
        blockLoss += loss; blockPairs += 1
    }

    /// Advances the token counters; the rate is recomputed once more than `learningRateUpdateTokens`
    /// tokens have passed since the last update, and a loss block closes every `lossBlockTokens`.
    mutating func countTokens(_ count: Int) {
        tokensDone += count
        tokensSinceRateUpdate += count
        if tokensSinceRateUpdate > config.learningRateUpdateTokens {
            tokensSinceRateUpdate = 0
            learningRate = config.learningRate * Float(max(0, 1 - Double(tokensDone) / Double(max(totalTokens, 1))))
        }
        blockTokens += count
        if blockTokens >= config.lossBlockTokens {
            lossCurve.append(blockPairs > 0 ? blockLoss / Double(blockPairs) : 0)
            blockLoss = 0; blockPairs = 0; blockTokens = 0
        }
    }
}
