import Foundation
import Testing
@testable import DeepLearning

@Suite("fastText skip-gram: n-grams and hashes (reference: fasttext-wheel 0.9.2), the update step (finite differences in Double), training")
struct SkipGramTests {
    /// Bucket of each n-gram from fastText's own `get_subwords` on a model with 2,000,000 buckets (the
    /// returned id minus the dictionary size), as `scripts/reference/fasttext-skipgram.py` prints them.
    static let fastTextBuckets: [(String, [(String, Int)])] = [
        ("where", [("<wh", 167652), ("<whe", 989715), ("<wher", 1526707), ("<where", 1071586), ("whe", 420941),
                   ("wher", 312621), ("where", 969176), ("where>", 121234), ("her", 1473420), ("here", 1540811),
                   ("here>", 114991), ("ere", 1529033), ("ere>", 1568469), ("re>", 867498)]),
        ("n't", [("<n'", 1373560), ("<n't", 1089380), ("<n't>", 1110702), ("n't", 1441378), ("n't>", 1168596), ("'t>", 1430296)]),
        ("a", [("<a>", 1087600)]),
        ("café", [("<ca", 916747), ("<caf", 1991831), ("<café", 794639), ("<café>", 17187), ("caf", 369661),
                  ("café", 454601), ("café>", 761685), ("afé", 960362), ("afé>", 1966012), ("fé>", 1609697)]),
        ("über", [("<üb", 1793082), ("<übe", 1664269), ("<über", 716781), ("<über>", 820905), ("übe", 255527),
                  ("über", 904527), ("über>", 1599331), ("ber", 485366), ("ber>", 900056), ("er>", 742840)]),
    ]

    @Test("n-grams of 3–6 characters and their buckets are fastText's, non-ASCII words included")
    func ngramsAndBuckets() {
        for (word, expected) in Self.fastTextBuckets {
            let grams = SubwordNgrams.ngrams(of: word, minLength: 3, maxLength: 6)
            #expect(grams.map { String(decoding: $0, as: UTF8.self) } == expected.map(\.0), "n-grams of \(word)")
            #expect(grams.map { Int(SubwordNgrams.hash($0) % 2_000_000) } == expected.map(\.1), "buckets of \(word)")
        }
    }

    @Test("the dictionary counts tokens with </s>, drops rare words, sorts by count, gives n-gram rows after the words")
    func dictionary() {
        let config = SkipGramConfig(minCount: 2, buckets: 10)
        let dictionary = SkipGramDictionary(text: "b a b\nc a b\nd\n", config: config)
        #expect(dictionary.words == ["b", "</s>", "a"])
        #expect(dictionary.counts == [3, 3, 2])
        #expect(dictionary.tokenCount == 10)
        #expect(dictionary.lines == [[0, 2, 0, 1], [2, 0, 1], [1]])
        #expect(dictionary.inputRows[1] == [1], "</s> has no n-grams")
        let expectedRows = [2] + SubwordNgrams.ngrams(of: "a", minLength: 3, maxLength: 6).map { 3 + Int(SubwordNgrams.hash($0) % 10) }
        #expect(dictionary.inputRows[2] == expectedRows)
        #expect(dictionary.rows(of: "zzz").allSatisfy { (3..<13).contains($0) }, "an unseen word has n-gram rows only")
        #expect(!dictionary.rows(of: "zzz").isEmpty)
    }

    @Test("the text is read as fastText reads it: lines at \\n, words between spaces, tabs and carriage returns, UTF-8 kept whole")
    func scanSplitsLikeFastText() {
        let scan = SkipGramDictionary.scan("x  y\t\tx\r\n\n yé\u{301} é")
        #expect(scan.words == ["x", "y", "</s>", "yé\u{301}", "é"])
        #expect(scan.counts == [2, 1, 3, 1, 1])
        #expect(scan.lines == [[0, 1, 0, 2], [2], [3, 4, 2]])
        let empty = SkipGramDictionary.scan("")
        #expect(empty.words == ["</s>"] && empty.lines == [[0]])
        #expect(SkipGramDictionary.scan("a\n").lines == [[0, 1]], "no empty line after the last line end")
    }

    /// L(h, V) = −log σ(v₀·h) − Σₖ log σ(−vₖ·h) with h the mean of the input rows, in Double.
    static func pairLoss(input: [Double], output: [Double], rows: [Int], target: Int, negatives: [Int], width: Int) -> Double {
        var hidden = [Double](repeating: 0, count: width)
        for row in rows { for k in 0..<width { hidden[k] += input[row * width + k] / Double(rows.count) } }
        func dot(_ row: Int) -> Double { (0..<width).reduce(0) { $0 + output[row * width + $1] * hidden[$1] } }
        func logSigmoid(_ s: Double) -> Double { -Foundation.log1p(Foundation.exp(-s)) }
        return -logSigmoid(dot(target)) - negatives.reduce(0) { $0 + logSigmoid(-dot($1)) }
    }

    @Test("the input rows start as fastText's uniform(−1/D, 1/D), drawn row by row from the generator; the output rows at 0")
    func initialRows() {
        let model = SkipGramModel(inputRows: 7, outputRows: 3, dimension: 5, generator: RandomGenerator(seed: 11))
        let draws = RandomGenerator(seed: 11)
        let bound: Float = 1 / 5
        let expected = (0..<35).map { _ in (draws.nextUniform() * 2 - 1) * bound }
        #expect(model.input == expected)
        #expect(model.input.allSatisfy { abs($0) < 0.2 } && Set(model.input).count == 35)
        #expect(model.output == [Float](repeating: 0, count: 15))
    }

    @Test("a model keeping some input rows starts them as the full table does, and leaves the generator where the full table does")
    func keptRowsStartLikeTheFullTable() {
        let full = SkipGramModel(inputRows: 9, outputRows: 3, dimension: 4, generator: RandomGenerator(seed: 5))
        let generator = RandomGenerator(seed: 5)
        let kept = [1, 2, 6, 8]
        let partial = SkipGramModel(inputRows: 9, keeping: kept, outputRows: 3, dimension: 4, generator: generator)
        #expect(partial.input == kept.flatMap { full.input[($0 * 4)..<($0 * 4 + 4)] })
        let afterFull = RandomGenerator(seed: 5)
        _ = afterFull.uniformFloats(count: 36) { $0 }
        #expect(generator.next() == afterFull.next())
    }

    @Test("the kept rows are every row of the dictionary's words and of the extra words, each renumbered to its position")
    func keptRowsCoverEveryWord() {
        let config = SkipGramConfig(minCount: 1, buckets: 50)
        let dictionary = SkipGramDictionary(text: "the cat sat\non the mat\n", config: config)
        let kept = SkipGramKeptRows(dictionary: dictionary, extraWords: ["dog", "cat"])
        #expect(kept.rows == Array(Set(dictionary.inputRows.joined()).union(dictionary.rows(of: "dog"))).sorted())
        for (word, rows) in dictionary.inputRows.enumerated() {
            #expect(kept.wordRows[word].map { kept.rows[$0] } == rows, "rows of \(dictionary.words[word])")
        }
        #expect(kept.extraRows[0].map { kept.rows[$0] } == dictionary.rows(of: "dog"))
        #expect(kept.extraRows[1] == kept.wordRows[dictionary.indices["cat"]!])
        #expect(kept.rows.count < dictionary.inputRowCount)
    }

    @Test("one update moves each output row by −lr ∂L/∂v and every input row by −lr ∂L/∂h (finite differences in Double)")
    func updateIsGradientStep() {
        let width = 4, generator = RandomGenerator(seed: 3)
        let model = SkipGramModel(inputRows: 6, outputRows: 5, dimension: width, generator: generator)
        // Give the output table non-zero rows through one update, so the checked step has both parts.
        model.update(rows: [0, 4], target: 2, negatives: [1, 3], learningRate: 0.5)
        let input = model.input.map(Double.init), output = model.output.map(Double.init)
        let rows = [1, 3, 5], target = 0, negatives = [2, 4], lr: Float = 0.1
        let loss = model.update(rows: rows, target: target, negatives: negatives, learningRate: lr)
        let reference = Self.pairLoss(input: input, output: output, rows: rows, target: target, negatives: negatives, width: width)
        #expect(abs(Double(loss) - reference) < 1e-5)

        let step = 1e-6
        for row in [target] + negatives {
            for k in 0..<width {
                var plus = output, minus = output
                plus[row * width + k] += step; minus[row * width + k] -= step
                let derivative = (Self.pairLoss(input: input, output: plus, rows: rows, target: target, negatives: negatives, width: width)
                    - Self.pairLoss(input: input, output: minus, rows: rows, target: target, negatives: negatives, width: width)) / (2 * step)
                let moved = Double(model.output[row * width + k]) - output[row * width + k]
                #expect(abs(moved + Double(lr) * derivative) < 1e-6, "output row \(row), coordinate \(k)")
            }
        }
        // ∂L/∂h: perturb h through one input row (h moves by δ/|rows| when that row moves by δ).
        for k in 0..<width {
            var plus = input, minus = input
            plus[rows[0] * width + k] += step; minus[rows[0] * width + k] -= step
            let perRow = (Self.pairLoss(input: plus, output: output, rows: rows, target: target, negatives: negatives, width: width)
                - Self.pairLoss(input: minus, output: output, rows: rows, target: target, negatives: negatives, width: width)) / (2 * step)
            let hiddenDerivative = perRow * Double(rows.count)
            for row in rows {
                let moved = Double(model.input[row * width + k]) - input[row * width + k]
                #expect(abs(moved + Double(lr) * hiddenDerivative) < 1e-6, "input row \(row), coordinate \(k)")
            }
        }
        #expect(model.input[0] == Float(input[0]), "rows not used are left alone")
    }

    /// A tiny corpus in which "x" and "y" always share their neighbours and "p", "q" share theirs.
    static let corpus = (0..<400).map { i in
        i % 2 == 0 ? "the x sat on the mat near \(i % 4 == 0 ? "x" : "y") today" : "a p ran by a q far from \(i % 4 == 1 ? "p" : "q") now"
    }.joined(separator: "\n") + "\n"

    @Test("training lowers the loss, is deterministic for a seed, and a replay of its start gives the same losses")
    func training() {
        // A corpus this small needs a large rate and no sub-sampling to move in a few passes.
        let config = SkipGramConfig(dimension: 16, window: 3, epochs: 4, minCount: 1, buckets: 1000, learningRate: 0.5,
                                    sampleThreshold: 1, negativeTableSize: 10_000, seed: 7, keptWords: ["x", "y", "p"], neighbourQueries: ["x"], lossBlockTokens: 1000)
        let run = SkipGramRun.train(config, text: Self.corpus)
        let again = SkipGramRun.train(config, text: Self.corpus)
        #expect(run == again.with(seconds: run.seconds))
        #expect(run.tokensProcessed == 4 * 4200, "200 lines of 9 words and 200 of 10, each with </s>")
        #expect(run.lossCurve.count == 16)
        #expect(run.lossCurve.last! < 0.9 * run.lossCurve.first!, "\(run.lossCurve) \(run.tokensProcessed)")
        let replay = SkipGramRun.train(config, text: Self.corpus, maxTokens: 2000)
        #expect(replay.lossCurve == Array(run.lossCurve.prefix(replay.lossCurve.count)))
        #expect(replay.lossCurve.count >= 1)
        #expect(run.passes == 4 && replay.passes == 0)
        #expect(run.keptVectors.count == 3 && run.keptVectors.allSatisfy { $0.count == 16 })
        #expect(run.neighbours["x"]?.count == 10)
    }
}

extension SkipGramRun {
    func with(seconds: Double) -> SkipGramRun {
        var copy = self
        copy.seconds = seconds
        return copy
    }
}
