import Foundation

/// Wall-clock timing for benchmarks: warm-up runs, then the median of timed runs.
enum Stopwatch {
    /// The median time of `body` in milliseconds over `repeats` runs after `warmup` untimed runs.
    static func medianMilliseconds(warmup: Int = 2, repeats: Int = 10, _ body: () -> Void) -> Double {
        for _ in 0..<warmup { body() }
        var times: [Double] = []
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        times.sort()
        return times[times.count / 2]
    }
}
