import Foundation

/// Runs `work` for indices `0..<count` on up to `jobs` threads and hands each result to `deliver`
/// on the calling thread, in index order, as soon as it and all before it are done.
func orderedParallel<Result>(count: Int, jobs: Int, work: @escaping @Sendable (Int) -> Result, deliver: (Int, Result) -> Void) {
    let condition = NSCondition()
    nonisolated(unsafe) var results: [Int: Result] = [:]
    nonisolated(unsafe) var next = 0
    let workers = max(1, min(jobs, count))
    for _ in 0..<workers {
        Thread.detachNewThread {
            while true {
                condition.lock()
                let index = next
                next += 1
                condition.unlock()
                guard index < count else { return }
                let result = work(index)
                condition.lock()
                results[index] = result
                condition.broadcast()
                condition.unlock()
            }
        }
    }
    for index in 0..<count {
        condition.lock()
        while results[index] == nil { condition.wait() }
        let result = results.removeValue(forKey: index)!
        condition.unlock()
        deliver(index, result)
    }
}
