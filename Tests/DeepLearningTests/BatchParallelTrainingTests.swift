import Foundation
import Testing
@testable import DeepLearning

/// The batch split over workers computes the unsplit step: the same losses, gradients, updates and
/// dropout masks, up to the order of floating-point sums. Reference: the same model trained by the
/// library's unsplit `trainStep` / `evaluate` (itself checked against PyTorch in
/// RecurrentLanguageModelTests), from the same seed.
@Suite("BatchParallelTraining: the batch's columns on several workers")
struct BatchParallelTrainingTests {
    /// A 2-layer LSTM word model with dropout everywhere (embedding, between layers, output), tied.
    static func model(seed: UInt64) throws -> WordLanguageModel {
        try WordLanguageModel(
            cell: .lstm, vocabularySize: 40, embeddingSize: 12, hiddenSize: 12, layers: 2, dropout: 0.3, tied: true,
            generator: RandomGenerator(seed: seed))
    }

    /// Seeded tokens batchified into `batch` columns.
    static func data(batch: Int, rows: Int = 25) -> BatchifiedText {
        let generator = RandomGenerator(seed: 99)
        return BatchifiedText((0..<(rows * batch)).map { _ in generator.nextInt(below: 40) }, batchSize: batch)
    }

    /// Trains `steps` chunks of 6 steps, unsplit or split over `workers`, with seeded dropout masks.
    static func train(workers: Int, batch: Int, steps: Int = 4) throws -> (losses: [Float], weights: [[Float]]) {
        let model = try model(seed: 7)
        model.useDropoutGenerator(RandomGenerator(seed: 11))
        model.rnn.dropoutGenerator = RandomGenerator(seed: 5)
        let optimizer = SGD(parameters: model.parameters(), lr: 2)
        let parallel = BatchParallelTraining(model, workers: workers)
        let text = data(batch: batch)
        var state: RecurrentState? = model.initialState(batchSize: batch)
        var losses: [Float] = []
        for start in text.chunkStarts(bptt: 6).prefix(steps) {
            let chunk = text.chunk(at: start, bptt: 6)
            let step = parallel?.trainStep(
                input: chunk.input, targets: chunk.targets, steps: chunk.steps, state: state, optimizer: optimizer, clip: 0.5)
                ?? model.trainStep(
                    input: chunk.input, targets: chunk.targets, steps: chunk.steps, state: state, optimizer: optimizer,
                    clip: 0.5)
            losses.append(step.loss)
            state = step.state
        }
        return (losses, model.parameterValues())
    }

    @Test("2 and 3 workers give the unsplit losses and weights after 4 steps with dropout (batch 6 and 5)")
    func trainingMatchesUnsplit() throws {
        for (workers, batch) in [(2, 6), (3, 5), (2, 5)] {
            let unsplit = try Self.train(workers: 1, batch: batch)
            let split = try Self.train(workers: workers, batch: batch)
            expectClose(split.losses, unsplit.losses, rtol: 1e-5, atol: 1e-6)
            for (a, b) in zip(split.weights, unsplit.weights) { expectClose(a, b, rtol: 1e-5, atol: 1e-6) }
            #expect(unsplit.losses[0] != unsplit.losses[3], "training moved the loss")
        }
    }

    @Test("more workers than columns: each column on its own worker, the unsplit result")
    func moreWorkersThanColumns() throws {
        let unsplit = try Self.train(workers: 1, batch: 3, steps: 2)
        let split = try Self.train(workers: 4, batch: 3, steps: 2)
        expectClose(split.losses, unsplit.losses, rtol: 1e-5, atol: 1e-6)
    }

    @Test("evaluation split over 2 workers gives the unsplit mean loss, and keeps the model's mode")
    func evaluationMatchesUnsplit() throws {
        let model = try Self.model(seed: 3)
        let text = Self.data(batch: 4, rows: 30)
        let unsplit = model.evaluate(text, bptt: 7)
        let parallel = try #require(BatchParallelTraining(model, workers: 2))
        let split = parallel.evaluate(text, bptt: 7)
        #expect(Swift.abs(split - unsplit) <= 1e-5 * Swift.abs(unsplit))
        #expect(model.isTraining, "evaluate restores training mode")
        #expect(unsplit > 3 && unsplit < 4.5, "an untrained model is near log 40 = 3.69, got \(unsplit)")
    }

    @Test("a replica holds the model's values, tied or not, and is built without random draws")
    func replicaValues() throws {
        for tied in [true, false] {
            let model = try WordLanguageModel(
                cell: .lstm, vocabularySize: 40, embeddingSize: 12, hiddenSize: 12, layers: 2, dropout: 0.3, tied: tied,
                generator: RandomGenerator(seed: 3))
            let replica = try #require(model.makeBatchReplica())
            #expect(replica.parameterValues() == model.parameterValues())
            #expect(replica.isTied == tied)
        }
        let generator = RandomGenerator(seed: 8), untouched = RandomGenerator(seed: 8)
        let skipped = RandomInitialisation.withoutDraws {
            (Tensor.randn([5], generator: generator), Tensor.uniform([3], low: -1, high: 1, generator: generator))
        }
        #expect(skipped.0.scalars == [0, 0, 0, 0, 0] && skipped.1.scalars == [0, 0, 0])
        #expect(generator.next() == untouched.next())
        #expect(Tensor.randn([2], generator: generator).scalars != [0, 0])
    }

    @Test("one worker, or a model without replicas, gives no batch-parallel trainer")
    func unavailable() throws {
        #expect(BatchParallelTraining(try Self.model(seed: 1), workers: 1) == nil)
        let gated = try GatedCNNLanguageModel(
            vocabularySize: 10, embeddingSize: 4, hiddenSize: 4, kernelWidth: 2, cnnLayers: 1, recurrentLayers: 0,
            dropout: 0, tied: false, generator: RandomGenerator(seed: 1))
        #expect(BatchParallelTraining(gated, workers: 2) == nil)
    }

    @Test("two shards' masks are the column halves of the whole batch's mask, drawn in call order")
    func dropoutShards() {
        // The unsplit draws: two masks of (T 3, N 4, F 2) from one generator.
        let reference = RandomGenerator(seed: 21)
        let whole = (0..<2).map { _ in (0..<24).map { _ -> Float in reference.nextUniform() < 0.5 ? 0 : 2 } }
        let generator = RandomGenerator(seed: 21)
        let masks = BatchDropoutMasks(batch: 4)
        let left = DropoutColumnShard(masks: masks, columns: 0..<1)
        let right = DropoutColumnShard(masks: masks, columns: 1..<4)
        // The right shard asks first: the draws still follow the call index.
        let right0 = right.nextMask(shape: [3, 3, 2], p: 0.5, scale: 2, generator: generator)
        let left0 = left.nextMask(shape: [3, 1, 2], p: 0.5, scale: 2, generator: generator)
        let left1 = left.nextMask(shape: [3, 1, 2], p: 0.5, scale: 2, generator: generator)
        let right1 = right.nextMask(shape: [3, 3, 2], p: 0.5, scale: 2, generator: generator)
        for (k, (l, r)) in [(left0, right0), (left1, right1)].enumerated() {
            var joined: [Float] = []
            for t in 0..<3 {
                let leftRow: ArraySlice<Float> = l[(t * 2)..<(t * 2 + 2)]
                let rightRow: ArraySlice<Float> = r[(t * 6)..<(t * 6 + 6)]
                joined.append(contentsOf: leftRow)
                joined.append(contentsOf: rightRow)
            }
            #expect(joined == whole[k], "mask \(k)")
        }
        #expect(whole[0].contains(0) && whole[0].contains(2))
    }

    @Test("state columns cut and joined back give the state")
    func stateColumns() throws {
        let hidden = Tensor(shape: [2, 3, 2], scalars: (0..<12).map(Float.init))
        let state = RecurrentState(hidden: hidden, cell: Tensor(shape: [2, 3, 2], scalars: (0..<12).map { Float($0) * -1 }))
        let left = try #require(state.columns(0..<1)), right = try #require(state.columns(1..<3))
        #expect(left.hidden.shape == [2, 1, 2] && left.hidden.scalars == [0, 1, 6, 7])
        #expect(right.cell!.scalars == [-2, -3, -4, -5, -8, -9, -10, -11])
        let joined = try #require(RecurrentState.joiningColumns([left, right]))
        #expect(joined.hidden.scalars == hidden.scalars && joined.cell!.scalars == state.cell!.scalars)
        #expect(joined.hidden.shape == [2, 3, 2])
    }

    @Test("inside Parallel.serially a large loop runs as one chunk on the calling thread")
    func serialScope() {
        var calls: [Range<Int>] = []
        Parallel.serially {
            Parallel.forEachChunk(1_000_000, threads: 4) { calls.append($0) }
        }
        #expect(calls == [0..<1_000_000])
    }
}

