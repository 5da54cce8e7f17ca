import Foundation
import Testing
@testable import DeepLearning

@Suite("LanguageModelRun analysis: embedding neighbours, ranks, map rows, samples")
struct LanguageModelAnalysisTests {
    typealias Corpus = LanguageModelTestCorpus

    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        let dot = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let norms = [a, b].map { $0.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot() }
        return dot / (norms[0] * norms[1])
    }

    @Test("neighbours: nearest first by the cosine of the encoder rows, ranks agree with query_ranks")
    func neighbours() throws {
        var config = Corpus.config()
        config.embeddingQueries = ["cat", "mat", "dog", "cat"]  // "dog" is not in the vocabulary
        config.mapWords = 100  // every word, so the test can rank them itself
        var encoder: [Float] = []
        let run = try Corpus.train(config, bestModel: { encoder = $0.encoder.weight.scalars })
        #expect(Set(run.neighbours.keys) == ["cat", "mat"])
        #expect(run.queryRanks == ["cat": ["mat": run.queryRanks["cat"]!["mat"]!], "mat": ["cat": run.queryRanks["mat"]!["cat"]!]])
        // The map: all 8 words, most frequent first (each word 250 times: first seen first), rows of the best model.
        #expect(run.mapWords == ["the", "cat", "sat", "on", "a", "red", "mat", "<eos>"])
        let vocabulary = Corpus.cycle.vocabulary
        for (word, row) in zip(run.mapWords, run.mapVectors) {
            let index = try #require(vocabulary.index(of: word))
            #expect(row == Array(encoder[(index * 8)..<((index + 1) * 8)]))
        }
        let vectors = Dictionary(uniqueKeysWithValues: zip(run.mapWords, run.mapVectors))
        for (query, list) in run.neighbours {
            #expect(list.count == 7, "every other word, at most 10")
            #expect(list.map(\.rank) == Array(1...7))
            #expect(!list.contains { $0.word == query })
            #expect(list.map(\.cosine) == list.map(\.cosine).sorted(by: >))
            for neighbour in list {
                let expected = Self.cosine(vectors[query]!, vectors[neighbour.word]!)
                #expect(Swift.abs(neighbour.cosine - expected) < 1e-9, "\(query) → \(neighbour.word)")
            }
            for (other, rank) in run.queryRanks[query]! {
                #expect(list.first { $0.word == other }?.rank == rank, "\(other) among the neighbours of \(query)")
            }
        }
    }

    @Test("query words outside the most frequent ones are added to the map")
    func mapAddsQueries() throws {
        var config = Corpus.config()
        config.embeddingQueries = ["mat", "the"]
        config.mapWords = 2
        let run = try Corpus.train(config, maxSteps: 3)
        #expect(run.mapWords == ["the", "cat", "mat"])
        #expect(run.mapVectors.count == 3 && run.mapVectors.allSatisfy { $0.count == 8 })
    }

    @Test("kept words: the best model's encoder rows, words outside the vocabulary left out")
    func keptWords() throws {
        var config = Corpus.config()
        config.keptWords = ["mat", "dog", "the"]  // "dog" is not in the vocabulary
        var encoder: [Float] = []
        let run = try Corpus.train(config, bestModel: { encoder = $0.encoder.weight.scalars })
        let vocabulary = Corpus.cycle.vocabulary
        #expect(Set(run.keptVectors.keys) == ["mat", "the"])
        for (word, row) in run.keptVectors {
            let index = try #require(vocabulary.index(of: word))
            #expect(row == Array(encoder[(index * 8)..<((index + 1) * 8)]), "\(word)")
        }
        #expect(try LanguageModelRun(json: run.jsonData()).keptVectors == run.keptVectors)
    }

    @Test("mostFrequent orders by count, then by first appearance")
    func mostFrequent() {
        #expect(EmbeddingAnalysis.mostFrequent([3, 1, 1, 2, 3, 0, 1], vocabularySize: 5, count: 4) == [1, 3, 0, 2])
    }

    @Test("samples: seeded by config.seed, words of the vocabulary, one sentence per <eos>")
    func samples() throws {
        var config = Corpus.config()
        config.sampleWords = 40
        let first = try Corpus.train(config)
        let second = try Corpus.train(config)
        #expect(first.samples == second.samples)
        #expect(!first.samples.isEmpty)
        let words = first.samples.flatMap { $0.split(separator: " ").map(String.init) }
        #expect(words.allSatisfy { Corpus.words.contains($0) })
        // 40 draws: every sentence but an unfinished last one ended with an <eos> draw.
        let endings = first.samples.count - 1
        #expect(words.count + endings == 40 || words.count + endings + 1 == 40)
        // The trained model has learnt the cycle: most sentences are the training line.
        let line = Corpus.words.joined(separator: " ")
        #expect(first.samples.dropFirst().dropLast().filter { $0 == line }.count >= 2, "\(first.samples)")
    }

    @Test("sentences cut at <eos>, which is dropped; an unfinished last one is kept")
    func sentences() {
        #expect(LanguageModelTrainer.sentences(["a", "b", "<eos>", "<eos>", "c"]) == ["a b", "", "c"])
        #expect(LanguageModelTrainer.sentences(["a", "<eos>"]) == ["a"])
        #expect(LanguageModelTrainer.sentences([]) == [])
    }

    @Test("draw: a word with all the weight is always drawn; none with zero weight ever")
    func draw() {
        let generator = RandomGenerator(seed: 3)
        for _ in 0..<100 {
            #expect(WordLanguageModel.draw(logits: [-100, 50, -100], temperature: 1, generator: generator) == 1)
        }
        var counts = [0, 0, 0]
        for _ in 0..<3_000 { counts[WordLanguageModel.draw(logits: [0, 0, -1e9], temperature: 1, generator: generator)] += 1 }
        #expect(counts[2] == 0 && Swift.abs(counts[0] - 1_500) < 150)
    }
}
