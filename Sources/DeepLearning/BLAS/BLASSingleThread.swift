import COpenBLAS
import Foundation

extension BLAS {
    /// Runs `body` with OpenBLAS limited to one thread, then restores the previous thread count.
    ///
    /// For loops of many small GEMMs (a recurrent layer's (N, H)·(H, G·H) step products, 20×200·200×800
    /// in the language model): OpenBLAS would split each one over its threads, and the helper threads
    /// spend the gaps between calls in `sched_yield` (a quarter of the LM benchmark's samples under
    /// `perf`). The thread count is process-wide, so nested or concurrent scopes are counted: the first
    /// to enter saves the count and sets 1, the last to leave restores it. A GEMM another thread runs
    /// meanwhile is still correct, only single-threaded.
    public static func singleThreaded<Result>(_ body: () throws -> Result) rethrows -> Result {
        SingleThreadScope.shared.enter()
        defer { SingleThreadScope.shared.leave() }
        return try body()
    }
}

/// The process-wide count of open `BLAS.singleThreaded` scopes and the thread count to restore.
private final class SingleThreadScope: @unchecked Sendable {
    static let shared = SingleThreadScope()
    private let lock = NSLock()
    private var depth = 0
    private var savedThreads: Int32 = 1

    func enter() {
        lock.lock()
        defer { lock.unlock() }
        if depth == 0 {
            savedThreads = openblas_get_num_threads()
            if savedThreads > 1 { openblas_set_num_threads(1) }
        }
        depth += 1
    }

    func leave() {
        lock.lock()
        defer { lock.unlock() }
        depth -= 1
        if depth == 0 && savedThreads > 1 { openblas_set_num_threads(savedThreads) }
    }
}
