import Foundation
import Testing
@testable import DeepLearning

@Suite("LanguageModelRun.train: pytorch/examples' word_language_model procedure")
struct LanguageModelTrainingTests {
    typealias Corpus = LanguageModelTestCorpus

    @Test("the same seed gives identical losses, another seed other ones, and a replay the first ones of the full run")
    func determinism() throws {
        let config = Corpus.config(dropout: 0.2)
        let first = try Corpus.train(config, maxSteps: 12)
        let second = try Corpus.train(config, maxSteps: 12)
        #expect(first.stepLosses.count == 12)
        #expect(first.stepLosses == second.stepLosses)
        let otherSeed = try Corpus.train(Corpus.config(seed: 2, dropout: 0.2), maxSteps: 12)
        #expect(otherSeed.stepLosses != first.stepLosses)
        #expect(otherSeed.stepLosses[0] != first.stepLosses[0], "the seed changes the initial weights")
        let full = try Corpus.train(config)
        #expect(full.stepLosses.count == 100)
        #expect(Array(full.stepLosses.prefix(12)) == first.stepLosses)
    }

    @Test("maxSteps inside the first epoch: no epoch recorded, no test, the losses of the steps taken")
    func stoppedEarly() throws {
        var lines: [String] = []
        let run = try Corpus.train(Corpus.config(), maxSteps: 5, log: { lines.append($0) })
        #expect(run.epochs.isEmpty && run.testPerplexity == nil)
        #expect(run.stepLosses.count == 5 && run.stepLosses.allSatisfy(\.isFinite))
        #expect(run.intervalLosses.isEmpty)
        #expect(lines.last == "| Stopped after 5 training steps, before the end of the first epoch: no test")
    }

    @Test("maxSteps at the end of an epoch: that epoch is validated and the best weights tested")
    func stoppedAtEpochEnd() throws {
        // 2,000 training tokens in 4 columns: 500 rows, chunk starts 0, 8, …, 496 — 63 steps per epoch.
        let run = try Corpus.train(Corpus.config(epochs: 3), maxSteps: 63)
        #expect(run.epochs.map(\.epoch) == [1])
        #expect(run.testPerplexity != nil)
    }

    /// Checks main.py's schedule on recorded epochs: the next epoch's lr is this one's divided by 4
    /// exactly when this epoch's validation loss was not below every earlier one.
    static func expectAnnealing(_ run: LanguageModelRun, initial: Double) {
        #expect(run.epochs.first?.lr == initial)
        var best = Double.infinity
        for (epoch, next) in zip(run.epochs, run.epochs.dropFirst()) {
            let improved = epoch.validPerplexity < best
            best = Swift.min(best, epoch.validPerplexity)
            #expect(next.lr == (improved ? epoch.lr : epoch.lr / 4), "after epoch \(epoch.epoch)")
        }
    }

    @Test("lr is divided by 4 exactly when validation did not improve; the best weights are tested")
    func annealingAndBestWeights() throws {
        let config = Corpus.config(epochs: 3)
        var best: (valid: Double, test: Double)?
        let run = try Corpus.train(config, corpus: Corpus.reversedHeldOut, bestModel: { model in
            let valid = model.evaluate(BatchifiedText(Corpus.reversedHeldOut.valid, batchSize: 2), bptt: 8)
            let test = model.evaluate(BatchifiedText(Corpus.reversedHeldOut.test, batchSize: 2), bptt: 8)
            best = (Foundation.exp(Double(valid)), Foundation.exp(Double(test)))
        })
        // Held-out text in the reverse order gets worse as the training order is learnt.
        let valid = run.validPerplexities
        #expect(valid[1] > valid[0] && valid[2] > valid[0], "valid ppl \(valid)")
        #expect(run.learningRates == [5, 5, 1.25], "epoch 1 always improves; epoch 2 did not")
        Self.expectAnnealing(run, initial: 5)
        // The run evaluates with the batch split over the threads (BatchParallelTraining), the callback
        // unsplit: the same weights agree to float rounding (seen: 5e-7 relative), other epochs' weights
        // differ by more than 10%.
        let restored = try #require(best)
        #expect(Swift.abs(restored.valid - valid[0]) <= 1e-5 * valid[0], "the model ends with epoch 1's weights")
        let test = try #require(run.testPerplexity)
        #expect(Swift.abs(restored.test - test) <= 1e-5 * test)
    }

    @Test("while validation improves the learning rate stays, and perplexities fall")
    func improving() throws {
        let run = try Corpus.train(Corpus.config(epochs: 3))
        Self.expectAnnealing(run, initial: 5)
        let valid = run.validPerplexities
        #expect(valid[2] < valid[0] && valid[0] < 7, "valid ppl \(valid) (uniform over 8 tokens: 8)")
        #expect(run.epochs.allSatisfy { $0.trainPerplexity.isFinite && $0.tokensPerSecond > 0 && $0.seconds > 0 })
        let test = try #require(run.testPerplexity)
        #expect(test < 7)
    }

    @Test("interval losses are the means of whole blocks of 100 steps, across epochs")
    func intervalLosses() throws {
        var config = Corpus.config(epochs: 4)  // 4 × 63 = 252 steps: two whole blocks
        config.recordedSteps = 300
        let run = try Corpus.train(config)
        #expect(run.stepLosses.count == 252)
        #expect(run.intervalLosses.count == 2)
        for (block, mean) in run.intervalLosses.enumerated() {
            let losses = run.stepLosses[(block * 100)..<((block + 1) * 100)]
            let expected = losses.reduce(0.0) { $0 + Double($1) } / 100
            #expect(Swift.abs(Double(mean) - expected) <= 1e-6 * expected)
        }
    }

    @Test("progress counts steps over the whole run; log has main.py's lines")
    func progressAndLog() throws {
        var reports: [(done: Double, total: Double, message: String)] = []
        var lines: [String] = []
        let run = try Corpus.train(
            Corpus.config(), progress: { reports.append(($0, $1, $2)) }, log: { lines.append($0) })
        #expect(reports.allSatisfy { $0.total == 126 })
        #expect(reports.map(\.done) == reports.map(\.done).sorted())
        #expect(reports.last?.done == 126)
        let stepMessage = try #require(reports.first?.message)
        #expect(stepMessage.hasPrefix("epoch 1/2 · loss ") && stepMessage.contains(" · ppl "))
        #expect(reports.contains { $0.message.hasPrefix("epoch 2/2 · valid ppl ") })
        #expect(lines.first?.hasPrefix("| LSTM: \(run.parameterCount) parameters, vocabulary 8, BLAS ") == true)
        // log-interval 20 over 63 batches: batches 20, 40, 60 of each epoch.
        #expect(lines.filter { $0.hasPrefix("| epoch   1 |    20/   62 batches | lr 5.00 | ms/batch") }.count == 1)
        #expect(lines.filter { $0.contains(" batches | ") }.count == 6)
        #expect(lines.contains { $0.hasPrefix("| end of epoch   2 | time: ") })
        #expect(lines.contains { $0.hasPrefix("| End of training | test loss ") })
    }

    @Test("dry_run trains one batch per epoch and still validates and tests")
    func dryRun() throws {
        var config = Corpus.config(epochs: 3)
        config.dryRun = true
        let run = try Corpus.train(config)
        #expect(run.stepLosses.count == 3 && run.epochs.count == 3 && run.testPerplexity != nil)
    }

    @Test("an invalid configuration throws before any data is read")
    func invalidConfig() {
        var config = Corpus.config()
        config.model = "Transformer"
        // No corpus given: reading the Penn Treebank would come first if validation did not.
        #expect(throws: LanguageModelConfigError.unknownModel("Transformer", choices: LanguageModelArchitecture.allCases.map(\.rawValue))) {
            try LanguageModelRun.train(config, corpus: nil, maxSteps: 1, generator: RandomGenerator(seed: 1))
        }
    }
}
