import Foundation

/// Dropout masks shared by the workers of one batch-parallel step, so that the split step draws
/// exactly the masks the whole batch would have drawn.
///
/// Every worker runs the same model on its own columns of a (T, N, …) batch and so calls `dropout`
/// the same number of times, in the same order, with the same generator. The k-th call of any worker
/// asks for the k-th mask of the whole batch: the first worker to ask draws it, over the full shape
/// with N columns, from the generator (as the unsplit model would), and every worker keeps its
/// columns. Draws happen in call order whatever the threads' timing, because a worker asks for mask
/// k only after mask k − 1.
final class BatchDropoutMasks: @unchecked Sendable {
    /// N, the columns of the whole batch.
    let batch: Int
    private let lock = NSLock()
    private var masks: [[Float]] = []

    /// Masks for a batch of `batch` columns.
    init(batch: Int) { self.batch = batch }

    /// The `index`-th mask of the whole batch, for inputs of `fullCount` elements: 0 with probability
    /// `p`, `scale` otherwise, drawn from `generator` the first time it is asked for.
    func mask(index: Int, fullCount: Int, p: Float, scale: Float, generator: RandomGenerator) -> [Float] {
        lock.lock()
        defer { lock.unlock() }
        if index == masks.count {
            masks.append(generator.withExclusiveAccess { source in
                source.uniformFloats(count: fullCount) { $0 < p ? 0 : scale }
            })
        }
        precondition(index < masks.count, "batch-parallel dropout: mask \(index) asked for before mask \(masks.count)")
        precondition(
            masks[index].count == fullCount,
            "batch-parallel dropout: worker shapes disagree at mask \(index) (\(masks[index].count) vs \(fullCount) elements)")
        return masks[index]
    }
}

/// One worker's view of `BatchDropoutMasks`: its columns of the batch, and how many masks it took.
final class DropoutColumnShard: @unchecked Sendable {
    /// The shard of the running worker; `dropout` takes its masks from it when set.
    @TaskLocal static var current: DropoutColumnShard?

    let masks: BatchDropoutMasks
    /// The worker's columns of the batch (dimension 1 of every dropout input).
    let columns: Range<Int>
    private var taken = 0

    init(masks: BatchDropoutMasks, columns: Range<Int>) {
        self.masks = masks
        self.columns = columns
    }

    /// The mask for an input of `shape` (T, n, …) with n = `columns.count`: the worker's columns of the
    /// whole batch's next mask (T, N, …).
    func nextMask(shape: [Int], p: Float, scale: Float, generator: RandomGenerator) -> [Float] {
        precondition(
            shape.count >= 2 && shape[1] == columns.count,
            "batch-parallel dropout: input of shape \(shape) is not (T, \(columns.count), …)")
        let steps = shape[0], width = shape.dropFirst(2).reduce(1, *)
        let full = masks.mask(
            index: taken, fullCount: steps * masks.batch * width, p: p, scale: scale, generator: generator)
        taken += 1
        var mine = [Float]()
        mine.reserveCapacity(steps * columns.count * width)
        for t in 0..<steps {
            let start = (t * masks.batch + columns.lowerBound) * width
            mine.append(contentsOf: full[start..<(start + columns.count * width)])
        }
        return mine
    }
}
