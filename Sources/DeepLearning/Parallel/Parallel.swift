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

    /// Calls `body` on disjoint subranges that together cover `0..<count`, in parallel when
    /// `count * costPerItem` is large enough and more than one thread is configured.
    @inline(__always)
    public static func forEachChunk(
        _ count: Int, costPerItem: Int = 1, _ body: (Range<Int>) -> Void
    ) {
        let threads = threadCount
        if threads <= 1 || count * costPerItem < minimumParallelWork || count < 2 {
            body(0..<count)
            return
        }
        let chunks = Swift.min(threads, count)
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = count * chunk / chunks
                let end = count * (chunk + 1) / chunks
                body(start..<end)
            }
        }
    }
}
