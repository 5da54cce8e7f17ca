import Foundation
import Testing
@testable import DeepLearning

@Suite("Word language model on recurrent layers")
struct RecurrentLanguageModelTests {
    @Test("batchify lays consecutive slices of the text in columns, as pytorch/examples does")
    func batchify() {
        // torch.arange(11).narrow(0, 0, 10).view(2, -1).t() == [[0, 5], [1, 6], [2, 7], [3, 8], [4, 9]]
        let data = BatchifiedText(Array(0..<11), batchSize: 2)
        #expect(data.rows == 5)
        #expect(data.tokens == [0, 5, 1, 6, 2, 7, 3, 8, 4, 9])
        // get_batch(source, 3) with bptt 35: seq_len = min(35, 5 − 1 − 3) = 1.
        let last = data.chunk(at: 3, bptt: 35)
        #expect(last.steps == 1 && last.input == [3, 8] && last.targets == [4, 9])
        let first = data.chunk(at: 0, bptt: 2)
        #expect(first.steps == 2 && first.input == [0, 5, 1, 6] && first.targets == [1, 6, 2, 7])
        #expect(Array(data.chunkStarts(bptt: 2)) == [0, 2])
    }

    @Test("tied weights: the decoder uses the embedding's tensor, counted once among the parameters")
    func tiedWeights() throws {
        let tied = try WordLanguageModel(
            cell: .lstm, vocabularySize: 50, embeddingSize: 8, hiddenSize: 8, layers: 2, tied: true,
            generator: RandomGenerator(seed: 1))
        let untied = try WordLanguageModel(
            cell: .lstm, vocabularySize: 50, embeddingSize: 8, hiddenSize: 8, layers: 2, tied: false,
            generator: RandomGenerator(seed: 1))
        #expect(tied.isTied && !untied.isTied)
        #expect(untied.parameterCount - tied.parameterCount == 50 * 8)
        // 50·8 embedding + 2 layers × (4·8·8 + 4·8·8 + 2·32) + decoder bias 50
        #expect(tied.parameterCount == 400 + 2 * (256 + 256 + 64) + 50)
        #expect(throws: WordLanguageModel.ConfigurationError.tiedSizesDiffer(embeddingSize: 8, hiddenSize: 16)) {
            try WordLanguageModel(cell: .gru, vocabularySize: 50, embeddingSize: 8, hiddenSize: 16, layers: 1, tied: true)
        }
    }

    /// A tiny corpus with a learnable structure: a fixed cycle of 7 words, so the next word is certain.
    static let cycleCorpus = (0..<2_000).map { [3, 1, 4, 0, 5, 2, 6][$0 % 7] }

    @Test("training with truncated BPTT lowers the loss on a tiny corpus", arguments: LanguageModelCell.allCases)
    func lossDecreases(cell: LanguageModelCell) throws {
        // No dropout: the default generator is shared by tests running in parallel, so this stays deterministic.
        let model = try WordLanguageModel(
            cell: cell, vocabularySize: 7, embeddingSize: 16, hiddenSize: 16, layers: 2, dropout: 0, tied: true,
            generator: RandomGenerator(seed: 7))
        let data = BatchifiedText(Self.cycleCorpus, batchSize: 4)
        let initial = model.evaluate(data, bptt: 10)
        // Uniform guessing over 7 words costs log 7 ≈ 1.95 nats per word; the fresh model is near it.
        #expect(Swift.abs(initial - Foundation.log(7)) < 0.3)
        let optimizer = SGD(parameters: model.parameters(), lr: 5)
        var state: RecurrentState? = nil
        var losses: [Float] = []
        for _ in 0..<4 {
            model.train()
            for start in data.chunkStarts(bptt: 10) {
                let chunk = data.chunk(at: start, bptt: 10)
                let step = model.trainStep(
                    input: chunk.input, targets: chunk.targets, steps: chunk.steps, state: state,
                    optimizer: optimizer, clip: 0.25)
                state = step.state
                losses.append(step.loss)
                #expect(step.state.hidden.isLeaf && !step.state.hidden.requiresGrad, "state is detached")
            }
        }
        let final = model.evaluate(data, bptt: 10)
        #expect(final < 0.5 * initial, "loss went from \(initial) to \(final)")
        #expect(losses.suffix(10).reduce(0, +) < losses.prefix(10).reduce(0, +))
    }
}
