import Foundation

/// Runs `work` for indices `0..<count` on up to `jobs` threads and hands each result to `deliver`
/// on the calling thread, in index order, as soon as it and all before it are done.
func orderedParallel<Result>(count: Int, jobs: Int, work: @escaping @Sendable (Int) -> Result, deliver: (Int, Result) -> Void) {
    // The next index to hand out, and the results not yet delivered.
    let progress = Locked((next: 0, results: [Int: Result]()))
    let workers = max(1, min(jobs, count))
    for _ in 0..<workers {
        Thread.detachNewThread {
            while true {
                let index = progress.withLock { progress in
                    defer { progress.next += 1 }
                    return progress.next
                }
                guard index < count else { return }
                let result = work(index)
                progress.withLock { $0.results[index] = result }
            }
        }
    }
    for index in 0..<count {
        let result = progress.wait(until: { $0.results[index] != nil }) { $0.results.removeValue(forKey: index)! }
        deliver(index, result)
    }
}
