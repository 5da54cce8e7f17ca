import Foundation

/// One run of `LanguageModelRun.train` while it goes, pytorch/examples' word_language_model `main.py`:
/// the network and plain SGD, the batchified splits, the step count, the epochs so far and the
/// best-validation weights (a copy of the parameter values, kept in memory).
final class LanguageModelTrainer<Model: LanguageModel> {
    let config: LanguageModelConfig
    let corpus: PennTreebank
    let model: Model
    /// The model's batch split over `Parallel.threadCount` workers, when it offers replicas and more
    /// than one thread is asked for (`BatchParallelTraining`); nil trains on the calling thread.
    let batchParallel: BatchParallelTraining<Model>?
    let optimizer: SGD
    let trainData: BatchifiedText  // (rows, batch_size)
    let validData: BatchifiedText  // (rows, eval_batch_size)
    let testData: BatchifiedText  // (rows, eval_batch_size)
    /// Training steps after which the run stops (`maxSteps`, or no limit).
    let stepLimit: Int
    /// Training steps the whole run will take, for progress.
    let totalSteps: Int
    let progress: ((Double, Double, String) -> Void)?
    let log: ((String) -> Void)?

    /// Training steps taken so far over the run.
    private(set) var steps = 0
    var losses: TrainingLossRecord
    var epochs: [LanguageModelEpoch] = []
    var best: (loss: Float, weights: [[Float]])?

    /// Steps between two progress reports.
    static var progressInterval: Int { 25 }

    /// Prepares the run of `model` (built by `config.makeModel`) on `corpus`.
    init(
        _ config: LanguageModelConfig, corpus: PennTreebank, model: Model, maxSteps: Int?,
        progress: ((Double, Double, String) -> Void)?, log: ((String) -> Void)?
    ) {
        self.config = config
        self.corpus = corpus
        trainData = BatchifiedText(corpus.train, batchSize: config.batchSize)
        validData = BatchifiedText(corpus.valid, batchSize: config.evalBatchSize)
        testData = BatchifiedText(corpus.test, batchSize: config.evalBatchSize)
        self.model = model
        batchParallel = BatchParallelTraining(model, workers: Parallel.threadCount)
        optimizer = SGD(parameters: model.parameters(), lr: Float(config.lr))
        stepLimit = Swift.max(0, maxSteps ?? Int.max)
        let perEpoch = config.dryRun ? 1 : Array(trainData.chunkStarts(bptt: config.bptt)).count
        totalSteps = Swift.min(stepLimit, perEpoch * config.epochs)
        losses = TrainingLossRecord(recordedSteps: config.recordedSteps)
        self.progress = progress
        self.log = log
    }

    /// Trains epoch after epoch (validating after each), then tests the best weights and analyses them.
    func run() -> LanguageModelRun {
        log?("| \(config.model): \(model.parameterCount) parameters, vocabulary \(corpus.vocabulary.count), BLAS \(BLASConfiguration.summary)")
        for epoch in 1...config.epochs {
            let start = Date()
            guard let pass = trainEpoch(epoch) else { break }  // maxSteps stopped it mid-epoch
            let validLoss = evaluate(validData)
            endEpoch(epoch, pass: pass, validLoss: validLoss, seconds: Date().timeIntervalSince(start))
            if steps >= stepLimit { break }
        }
        return finish()
    }

    /// What one pass over the training text measured.
    struct Pass {
        var tokens = 0
        var lossSum: Double = 0  // Σ loss × tokens of the step
        var seconds: Double = 0
    }

    /// One pass over the training columns (`train()` in main.py), logging every `logInterval` batches;
    /// nil when the step limit stopped it before its last batch.
    func trainEpoch(_ epoch: Int) -> Pass? {
        model.train()
        var state: Model.State? = model.initialState(batchSize: config.batchSize)
        var pass = Pass()
        var intervalLoss: Float = 0
        let passStart = Date()
        var intervalStart = passStart
        for (batch, start) in trainData.chunkStarts(bptt: config.bptt).enumerated() {
            if config.dryRun && batch == 1 { break }
            if steps >= stepLimit { return nil }
            let chunk = trainData.chunk(at: start, bptt: config.bptt)
            let step = trainStep(chunk, state: state)
            state = step.state
            steps += 1
            losses.add(step.loss)
            pass.tokens += chunk.input.count
            pass.lossSum += Double(step.loss) * Double(chunk.input.count)
            intervalLoss += step.loss
            if batch % config.logInterval == 0 && batch > 0 {
                logBatch(epoch, batch: batch, loss: intervalLoss, since: intervalStart)
                intervalLoss = 0
                intervalStart = Date()
            }
            if steps % Self.progressInterval == 0 { reportProgress(epoch) }
        }
        pass.seconds = Date().timeIntervalSince(passStart)
        return pass
    }

    /// One training step on `chunk`, split over the workers when there are several.
    func trainStep(_ chunk: (input: [Int], targets: [Int], steps: Int), state: Model.State?) -> (loss: Float, state: Model.State) {
        let clip = Float(config.clip)
        if let batchParallel {
            return batchParallel.trainStep(
                input: chunk.input, targets: chunk.targets, steps: chunk.steps, state: state, optimizer: optimizer, clip: clip)
        }
        return model.trainStep(
            input: chunk.input, targets: chunk.targets, steps: chunk.steps, state: state, optimizer: optimizer, clip: clip)
    }

    /// The mean loss per token over `data`, split over the workers when there are several.
    func evaluate(_ data: BatchifiedText) -> Float {
        batchParallel?.evaluate(data, bptt: config.bptt) ?? model.evaluate(data, bptt: config.bptt)
    }

    /// main.py's log line: mean loss and milliseconds per batch over the last `logInterval` batches.
    func logBatch(_ epoch: Int, batch: Int, loss: Float, since start: Date) {
        guard let log else { return }
        let interval = config.logInterval
        let currentLoss = loss / Float(interval)
        let milliseconds = Date().timeIntervalSince(start) * 1000 / Double(interval)
        log(String(
            format: "| epoch %3d | %5d/%5d batches | lr %02.2f | ms/batch %5.2f | loss %5.2f | ppl %8.2f",
            epoch, batch, (trainData.rows - 1) / config.bptt, optimizer.lr, milliseconds, currentLoss,
            Foundation.exp(Double(currentLoss))))
    }

    /// Tells `progress` the steps done and the mean loss since the last report.
    func reportProgress(_ epoch: Int) {
        guard let progress, let loss = losses.takeProgressMean() else { return }
        let message = String(format: "epoch %d/%d · loss %.2f · ppl %.1f", epoch, config.epochs, loss, Foundation.exp(loss))
        progress(Double(steps), Double(totalSteps), message)
    }
}
