import Dispatch
import Foundation

/// Runs `body(range)` over `0..<count` split into contiguous chunks, on at most `threads` threads.
///
/// Chunk boundaries depend only on `count` and `threads`, and every index is handled by exactly one
/// call, so results written per index are the same whatever the scheduling. Workers take the next
/// chunk when they finish one, so a thread slowed by other work on the machine does not hold the
/// others up.
func tsneParallelFor(_ count: Int, threads: Int, _ body: (Range<Int>) -> Void) {
    if count == 0 { return }
    let threadCount = max(1, threads)
    if threadCount == 1 || count < 64 {
        body(0..<count)
        return
    }
    let chunks = min(count, threadCount * 8)
    let width = (count + chunks - 1) / chunks
    let lock = NSLock()
    var next = 0
    DispatchQueue.concurrentPerform(iterations: threadCount) { _ in
        while true {
            lock.lock()
            let chunk = next
            next += 1
            lock.unlock()
            if chunk >= chunks { return }
            let start = chunk * width
            let end = min(count, start + width)
            if start < end { body(start..<end) }
        }
    }
}

/// A fixed-size buffer that concurrent chunks write at disjoint indices.
final class TSNEBuffer<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int
    init(repeating value: Element, count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: value, count: count)
    }
    init(_ values: [Element]) {
        count = values.count
        pointer = .allocate(capacity: max(count, 1))
        if count > 0 { values.withUnsafeBufferPointer { pointer.initialize(from: $0.baseAddress!, count: count) } }
    }
    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }
    subscript(index: Int) -> Element {
        get { pointer[index] }
        set { pointer[index] = newValue }
    }
    var array: [Element] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}
