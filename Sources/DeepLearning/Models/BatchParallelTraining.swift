import Foundation

/// Training and evaluation of a language model with the batch's columns split over threads: worker w
/// runs a replica of the model on columns Nw/W ..< N(w+1)/W of each (T, N) chunk, on one core with
/// one-thread BLAS, and the replicas' gradients are summed into the model's before clipping and the
/// SGD step. Worker 0's replica is the model itself.
///
/// The same mathematics as the unsplit step, not an approximation: the loss is the mean over all T·N
/// tokens (worker w's mean weighted by its share of the columns), the columns of a word language
/// model never meet before the loss, and the dropout masks are the whole batch's masks, drawn in the
/// same order from the same generators (`BatchDropoutMasks`). Only the order of floating-point sums
/// differs (a few units in the last place of each gradient).
///
/// Why: the recurrent steps are chains of small (N, H)·(H, G·H) products that one core runs best, so
/// the unsplit step leaves the second core idle for much of its time; two half batches keep both busy
/// from the embedding to the loss.
public final class BatchParallelTraining<Model: LanguageModel> {
    /// The model that is trained; its parameters hold the result.
    public let model: Model
    /// Replicas for workers 1 ..< W; during a step their parameters share `model`'s storage.
    let replicas: [Model]

    /// The number of workers, including the model's own.
    public var workerCount: Int { replicas.count + 1 }

    /// Replicas of `model` for `workers` workers; nil when `workers` < 2 or the model does not offer
    /// replicas (`makeBatchReplica()`).
    public init?(_ model: Model, workers: Int) {
        guard workers >= 2 else { return nil }
        var replicas: [Model] = []
        for _ in 1..<workers {
            guard let replica = model.makeBatchReplica() else { return nil }
            replicas.append(replica)
        }
        self.model = model
        self.replicas = replicas
    }

    /// One step of truncated BPTT on chunk `input` (T, N) as `LanguageModel.trainStep`, its columns
    /// split over the workers (at most N of them). Returns the mean loss of the whole chunk and the state.
    public func trainStep(
        input: [Int], targets: [Int], steps: Int, state: Model.State?, optimizer: SGD, clip: Float
    ) -> (loss: Float, state: Model.State) {
        let batch = input.count / steps
        shareParametersWithReplicas()
        let masks = BatchDropoutMasks(batch: batch)
        let parts = runWorkers(batch: batch) { replica, columns in
            replica.zeroGrad()
            let (loss, next) = replica.loss(
                input.batchColumns(columns, batch: batch), targets: targets.batchColumns(columns, batch: batch),
                steps: steps, batchSize: columns.count, state: state.map { Self.columns($0, columns).detached() })
            let share = Float(columns.count) / Float(batch)
            loss.backward(Tensor(shape: loss.shape, scalars: [share]))
            return (loss.item * share, next.detached())
        } shard: { columns in
            DropoutColumnShard(masks: masks, columns: columns)
        }
        releaseReplicaParameters()
        addReplicaGradients(workers: parts.count)
        clipGradNorm(model.parameters(), maxNorm: clip)
        optimizer.step()
        return (parts.reduce(0) { $0 + $1.loss }, Self.joined(parts.map(\.state)))
    }

    /// The mean cross-entropy per token over `data`, as `LanguageModel.evaluate`, with each chunk's
    /// columns split over the workers.
    public func evaluate(_ data: BatchifiedText, bptt: Int) -> Float {
        let wasTraining = model.isTraining
        setMode(training: false)
        defer { setMode(training: wasTraining) }
        var total: Double = 0
        var state: Model.State? = nil
        for start in data.chunkStarts(bptt: bptt) {
            let chunk = data.chunk(at: start, bptt: bptt)
            let (loss, next) = evaluationLoss(input: chunk.input, targets: chunk.targets, steps: chunk.steps, state: state)
            state = next
            total += Double(chunk.steps) * Double(loss)
        }
        return Float(total / Double(Swift.max(data.rows - 1, 1)))
    }

    /// The mean cross-entropy of one (T, N) chunk without recording gradients, in the model's current
    /// mode, with its columns split over the workers; and the state after it.
    public func evaluationLoss(
        input: [Int], targets: [Int], steps: Int, state: Model.State?
    ) -> (loss: Float, state: Model.State) {
        let batch = input.count / steps
        shareParametersWithReplicas()
        defer { releaseReplicaParameters() }
        for replica in replicas { replica.train(model.isTraining) }
        let parts = runWorkers(batch: batch) { replica, columns in
            noGrad {
                let (loss, next) = replica.loss(
                    input.batchColumns(columns, batch: batch), targets: targets.batchColumns(columns, batch: batch),
                    steps: steps, batchSize: columns.count, state: state.map { Self.columns($0, columns) })
                return (loss.item * Float(columns.count) / Float(batch), next)
            }
        } shard: { _ in nil }
        return (parts.reduce(0) { $0 + $1.loss }, Self.joined(parts.map(\.state)))
    }

    /// Runs `work` for each worker's replica and columns side by side, each worker on one thread with
    /// one-thread BLAS and serial loops, with the caller's gradient mode and its dropout shard; returns
    /// the results in worker order.
    private func runWorkers(
        batch: Int, _ work: (Model, Range<Int>) -> (loss: Float, state: Model.State),
        shard: (Range<Int>) -> DropoutColumnShard?
    ) -> [(loss: Float, state: Model.State)] {
        let workers = Swift.min(workerCount, batch)
        let columns = (0..<workers).map { batch * $0 / workers ..< batch * ($0 + 1) / workers }
        let shards = columns.map(shard)
        let gradientsOff = GradientMode.isDisabled
        let results = WorkerResults<(loss: Float, state: Model.State)>(count: workers)
        BLAS.singleThreaded {
            withoutActuallyEscaping(work) { work in
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    let replica = w == 0 ? model : replicas[w - 1]
                    let result = GradientMode.$isDisabled.withValue(gradientsOff) {
                        DropoutColumnShard.$current.withValue(shards[w]) {
                            Parallel.serially { work(replica, columns[w]) }
                        }
                    }
                    results.set(w, result)
                }
            }
        }
        return results.values
    }

    /// ∂p of the model += ∂p of each replica that ran, in worker order.
    private func addReplicaGradients(workers: Int) {
        let parameters = model.parameters()
        for replica in replicas.prefix(workers - 1) {
            for (parameter, copy) in zip(parameters, replica.parameters()) {
                guard let gradient = copy.grad else { continue }
                if let own = parameter.grad { own.addInPlace(gradient) } else { parameter.grad = gradient.copy() }
            }
        }
    }

    /// The replicas take the model's parameter values, so they always run what the model holds,
    /// whoever changed it: each replica parameter's storage becomes the model's (an array shared by
    /// reference, no copy; nothing writes parameters during a step's forward and backward passes).
    private func shareParametersWithReplicas() {
        let parameters = model.parameters()
        for replica in replicas {
            for (source, target) in zip(parameters, replica.parameters()) { target.scalars = source.scalars }
        }
    }

    /// Drops the replicas' references to the model's storage after the workers ran, so that the model
    /// holds it alone again and the SGD step writes it in place instead of copying it first. Between
    /// steps a replica's parameters hold no elements; only `shareParametersWithReplicas` fills them.
    private func releaseReplicaParameters() {
        for replica in replicas {
            for parameter in replica.parameters() { parameter.scalars = [] }
        }
    }

    private func setMode(training: Bool) {
        model.train(training)
        for replica in replicas { replica.train(training) }
    }

    private static func columns(_ state: Model.State, _ range: Range<Int>) -> Model.State {
        guard let part = state.columns(range) else {
            preconditionFailure("BatchParallelTraining: \(Model.State.self) cannot be split by columns")
        }
        return part
    }

    private static func joined(_ parts: [Model.State]) -> Model.State {
        if parts.count == 1 { return parts[0] }
        guard let whole = Model.State.joiningColumns(parts) else {
            preconditionFailure("BatchParallelTraining: \(Model.State.self) cannot be joined by columns")
        }
        return whole
    }
}

/// One slot per worker, written by that worker only.
private final class WorkerResults<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = value
    }

    var values: [Value] { slots.map { $0! } }
}

extension Array where Element == Int {
    /// Columns `range` of a (T, N) row-major matrix of N = `batch` columns, as (T, n) row-major.
    func batchColumns(_ range: Range<Int>, batch: Int) -> [Int] {
        if range.count == batch { return self }
        var part = [Int]()
        part.reserveCapacity(count / batch * range.count)
        for row in 0..<(count / batch) {
            part.append(contentsOf: self[(row * batch + range.lowerBound)..<(row * batch + range.upperBound)])
        }
        return part
    }
}
