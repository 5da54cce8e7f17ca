import Foundation

/// Splits large loops over the available threads with `DispatchQueue.concurrentPerform`.
///
/// The thread count follows `OPENBLAS_NUM_THREADS` (so one variable sets both BLAS and our own loops),
/// then `OMP_NUM_THREADS`, and defaults to the number of active cores.
public enum Parallel {
    /// How many threads parallel loops use.
    public static let threadCount: Int = {
        let environment = ProcessInfo.processInfo.environment
        for name in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"] {
            if let text = environment[name], let value = Int(text), value > 0 { return value }
        }
        return Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// Work below this many elements (times the per-item cost) runs on the calling thread.
    public static let minimumParallelWork = 32_768

    /// True inside `serially { }`: every loop runs on the calling thread.
    @TaskLocal static var isSerial = false

    /// Runs `body` with every `forEachChunk` loop inside it (on this thread) kept on this thread: for work
    /// that is already one of several running side by side, such as one replica of a batch-parallel step.
    public static func serially<Result>(_ body: () throws -> Result) rethrows -> Result {
        try $isSerial.withValue(true) { try body() }
    }

    /// Calls `body` on disjoint contiguous subranges that together cover `0..<count`, in parallel when
    /// `count * costPerItem` is large enough and more than one thread is asked for.
    ///
    /// The range is cut into `threads × chunksPerThread` chunks whose bounds depend only on `count`
    /// and that number, and every index is in exactly one call, so results written per index are the
    /// same whatever the scheduling. With `chunksPerThread` above 1, `threads` workers each take the
    /// next chunk when they finish one: a thread slowed by other work on the machine (or a chunk that
    /// costs more than the others) does not hold the rest up.
    @inline(__always)
    public static func forEachChunk(
        _ count: Int, costPerItem: Int = 1, threads: Int = threadCount, chunksPerThread: Int = 1,
        _ body: (Range<Int>) -> Void
    ) {
        if threads <= 1 || count * costPerItem < minimumParallelWork || count < 2 || isSerial {
            body(0..<count)
            return
        }
        let chunks = Swift.min(threads * Swift.max(1, chunksPerThread), count)
        withoutActuallyEscaping(body) { body in
            if chunks <= threads {
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    body(count * chunk / chunks ..< count * (chunk + 1) / chunks)
                }
                return
            }
            let next = ChunkCounter()
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while let chunk = next.take(below: chunks) {
                    body(count * chunk / chunks ..< count * (chunk + 1) / chunks)
                }
            }
        }
    }
}

/// The next chunk to hand out, shared by the workers of one `forEachChunk` call.
private final class ChunkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    /// The next chunk number, or nil once all `count` are taken.
    func take(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}
