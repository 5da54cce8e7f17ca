#if canImport(Glibc)
import Glibc
#endif

/// Keeps freed tensor buffers in the process instead of handing them back to the kernel.
///
/// Training allocates the same large buffers on every step (a 700×10000 logits matrix is 28 MB; a
/// 256×512 batch-norm output 512 KB). By default glibc serves blocks above 128 KB with `mmap` and trims
/// the heap after `free`, so every step faults the same memory in again: measured ~227 extra page
/// faults per batch-norm step and 55% of its time in the kernel (BENCHMARKS.md). Raising the mmap and
/// trim thresholds once per process lets freed blocks be reused. Executables call this first thing
/// (`folio-bench`, `train-lm`, and chapter programs before their first cell).
public enum MemoryConfiguration {
    /// Blocks below this size come from the heap rather than their own `mmap`.
    public static let mmapThreshold: Int32 = 64 << 20
    /// The heap is trimmed only when this much is free at its top.
    public static let trimThreshold: Int32 = 256 << 20

    /// Raises glibc's mmap and trim thresholds (no effect where `mallopt` does not exist).
    public static func keepFreedMemory() {
        #if canImport(Glibc)
        // `mallopt` lives in <malloc.h>, which the Glibc module does not export: look it up instead.
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        let M_TRIM_THRESHOLD: Int32 = -1, M_MMAP_THRESHOLD: Int32 = -3  // values from glibc's <malloc.h>
        _ = mallopt(M_MMAP_THRESHOLD, mmapThreshold)
        _ = mallopt(M_TRIM_THRESHOLD, trimThreshold)
        #endif
    }
}
