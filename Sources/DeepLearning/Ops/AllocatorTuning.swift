#if canImport(Glibc)
import Glibc
#endif

/// Keeps freed memory in the process instead of returning it to the kernel after every training step.
///
/// A language-model step allocates several (T·N, V) buffers — logits, exponentials, their gradient —
/// of 28 MB each at the benchmark's size (700 × 10,000 floats) and frees them at the end of the step.
/// With glibc's defaults the freed top of the heap is trimmed (or the block unmapped), so the next step
/// takes page faults and the kernel zeroes every page again (`clear_page_erms`, `exc_page_fault` under
/// `perf`). Raising the mmap threshold to its maximum (32 MB on 64-bit) and the trim threshold to 1 GB
/// lets the next step reuse the same, already mapped pages. Process-wide and done once, the first time
/// a backward pass runs; elsewhere than glibc it does nothing.
enum AllocatorTuning {
    /// Evaluated once (a `static let` is initialised lazily and thread-safely).
    static let keepFreedMemory: Void = {
        #if canImport(Glibc)
        // <malloc.h> is not part of Swift's Glibc module, so `mallopt` is looked up by name.
        // M_MMAP_THRESHOLD is -3 and M_TRIM_THRESHOLD is -1 in <malloc.h>.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-3, 32 * 1024 * 1024)
        _ = mallopt(-1, 1024 * 1024 * 1024)
        #endif
    }()
}
