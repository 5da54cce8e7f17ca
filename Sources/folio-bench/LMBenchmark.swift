import DeepLearning
import Foundation

/// `folio-bench lm`: training and evaluation speed of pytorch/examples' word language model at the
/// seed's size — 2-layer LSTM, emsize = nhid = 200, tied weights, dropout 0.2, bptt 35, batch 20,
/// vocabulary 10,000, plain SGD lr 20 with the gradient norm clipped to 0.25 — on seeded synthetic
/// tokens. The PyTorch side is `bench/pytorch_lm.py`, printing the same keys.
///
/// Also reads the resident memory after the warm-up steps and after the last step, to show that a long
/// truncated-BPTT loop runs in flat memory (the graph is freed every step, the state is detached).
struct LMBenchmark {
    var vocabularySize = 10_000
    var embeddingSize = 200
    var hiddenSize = 200
    var layers = 2
    var dropout: Float = 0.2
    var bptt = 35
    var batchSize = 20
    var learningRate: Float = 20
    var clip: Float = 0.25
    /// Untimed training steps before the timed ones.
    var warmupSteps = 3
    /// Timed training steps.
    var trainSteps = 30
    /// Timed evaluation chunks.
    var evalSteps = 30
    var seed: UInt64 = 1111

    /// The measured figures, printed as `key=value` lines.
    struct Result {
        var trainTokensPerSecond: Double
        var evalTokensPerSecond: Double
        var rssMegabytesStart: Double
        var rssMegabytesEnd: Double
        var firstLoss: Float
        var lastLoss: Float
    }

    func run() throws -> Result {
        let generator = RandomGenerator(seed: seed)
        manualSeed(seed)
        let model = try WordLanguageModel(
            cell: .lstm, vocabularySize: vocabularySize, embeddingSize: embeddingSize, hiddenSize: hiddenSize,
            layers: layers, dropout: dropout, tied: true, generator: generator)
        let optimizer = SGD(parameters: model.parameters(), lr: learningRate)
        // As `LanguageModelRun.train`: the batch's columns split over the threads asked for.
        let batchParallel = BatchParallelTraining(model, workers: Parallel.threadCount)
        // Enough seeded tokens for every chunk of the run, cut into `batchSize` columns.
        let chunks = warmupSteps + Swift.max(trainSteps, evalSteps)
        let stream = (0..<(chunks * bptt + 1) * batchSize).map { _ in generator.nextInt(below: vocabularySize) }
        let data = BatchifiedText(stream, batchSize: batchSize)
        let starts = Array(data.chunkStarts(bptt: bptt))

        model.train()
        var state: RecurrentState? = model.initialState(batchSize: batchSize)
        var firstLoss: Float = 0, lastLoss: Float = 0
        func trainChunk(_ index: Int) {
            let chunk = data.chunk(at: starts[index], bptt: bptt)
            let step = batchParallel?.trainStep(
                input: chunk.input, targets: chunk.targets, steps: chunk.steps, state: state,
                optimizer: optimizer, clip: clip)
                ?? model.trainStep(
                    input: chunk.input, targets: chunk.targets, steps: chunk.steps, state: state,
                    optimizer: optimizer, clip: clip)
            state = step.state
            if index == 0 { firstLoss = step.loss }
            lastLoss = step.loss
        }
        for index in 0..<warmupSteps { trainChunk(index) }
        let rssStart = Self.residentMegabytes()
        let trainStart = DispatchTime.now().uptimeNanoseconds
        for index in warmupSteps..<(warmupSteps + trainSteps) { trainChunk(index) }
        let trainSeconds = Double(DispatchTime.now().uptimeNanoseconds - trainStart) / 1e9
        let rssEnd = Self.residentMegabytes()

        let evalSeconds = evaluationSeconds(model, batchParallel, data: data, starts: starts)
        let tokensPerChunk = Double(bptt * batchSize)
        return Result(
            trainTokensPerSecond: Double(trainSteps) * tokensPerChunk / trainSeconds,
            evalTokensPerSecond: Double(evalSteps) * tokensPerChunk / evalSeconds,
            rssMegabytesStart: rssStart, rssMegabytesEnd: rssEnd, firstLoss: firstLoss, lastLoss: lastLoss)
    }

    /// Seconds spent in `evalSteps` evaluation chunks (after `warmupSteps` untimed ones), without
    /// recording gradients, on the batch-parallel replicas when there are any.
    private func evaluationSeconds(
        _ model: WordLanguageModel, _ batchParallel: BatchParallelTraining<WordLanguageModel>?,
        data: BatchifiedText, starts: [Int]
    ) -> Double {
        model.eval()
        var evalState: RecurrentState? = model.initialState(batchSize: batchSize)
        var evalSeconds = 0.0
        noGrad {
            for index in 0..<(warmupSteps + evalSteps) {
                let chunk = data.chunk(at: starts[index], bptt: bptt)
                let start = DispatchTime.now().uptimeNanoseconds
                if let batchParallel {
                    evalState = batchParallel.evaluationLoss(
                        input: chunk.input, targets: chunk.targets, steps: chunk.steps, state: evalState).state
                } else {
                    let (loss, next) = model.loss(
                        chunk.input, targets: chunk.targets, steps: chunk.steps, batchSize: batchSize, state: evalState)
                    _ = loss.item
                    evalState = next
                }
                if index >= warmupSteps { evalSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
            }
        }
        return evalSeconds
    }

    /// The resident set size of this process in MB, from `/proc/self/statm` (0 where unavailable).
    static func residentMegabytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }
}
