#if canImport(Glibc)
import Glibc
#endif

/// Keeps freed tensor buffers in the process instead of handing them back to the kernel.
///
/// A language-model step allocates several (T·N, V) buffers — logits, exponentials, their gradient —
/// of 28 MB each at the benchmark's size (700 × 10,000 floats), and a batch-norm step two 512 KB
/// buffers, and frees them at the end of the step. With glibc's defaults the freed top of the heap is
/// trimmed (or the block unmapped), so the next step takes page faults and the kernel zeroes every page
/// again: ~227 extra faults per batch-norm step; 1.3–1.9 s of system time in the LM benchmark, 0.2 s
/// after (BENCHMARKS.md). Raising the mmap threshold to its maximum (32 MB on 64-bit) and the trim
/// threshold to 1 GB lets the next step reuse the same, already mapped pages.
///
/// Process-wide and done once: executables call `keepFreedMemory()` first thing (`folio-bench`,
/// `train-lm`, chapter programs before their first cell). The library does not call it by itself: a
/// process that runs other work beside training (a test runner) keeps glibc's defaults, so its
/// resident memory still falls when that work frees. Elsewhere than glibc it does nothing.
public enum MemoryConfiguration {
    /// Blocks below this size come from the heap rather than their own `mmap` (glibc's maximum).
    public static let mmapThreshold: Int32 = 32 << 20
    /// The heap is trimmed only when this much is free at its top.
    public static let trimThreshold: Int32 = 1 << 30

    /// Raises glibc's mmap and trim thresholds, once per process.
    public static func keepFreedMemory() { _ = applied }

    private static let applied: Void = {
        #if canImport(Glibc)
        // `mallopt` lives in <malloc.h>, which Swift's Glibc module does not export: look it up by name.
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        let M_TRIM_THRESHOLD: Int32 = -1, M_MMAP_THRESHOLD: Int32 = -3  // values from glibc's <malloc.h>
        _ = mallopt(M_MMAP_THRESHOLD, mmapThreshold)
        _ = mallopt(M_TRIM_THRESHOLD, trimThreshold)
        #endif
    }()
}
