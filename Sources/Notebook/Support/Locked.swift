import Foundation

/// A value that threads share, reachable only under its lock: the one place in `Notebook` where mutable
/// state crosses threads, so that no variable needs `nonisolated(unsafe)`.
///
/// `Synchronization.Mutex` would do for the lock alone, but it needs macOS 15 (the package supports
/// macOS 13) and has no waiting; this class pairs the value with an `NSCondition`, so that a thread can
/// wait under the same lock until another one changes the value. Every access goes through
/// ``withLock(_:)`` or ``wait(until:then:)``, which is why the class may be `Sendable`.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let condition = NSCondition()

    init(_ value: Value) { self.value = value }

    /// Reads or changes the value while holding the lock, then wakes every waiting thread.
    func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return try body(&value)
    }

    /// Waits, holding the lock between checks, until `ready` holds for the value; then runs `body` on it
    /// under the same lock (so no other thread changes the value in between).
    func wait<Result, Failure: Error>(until ready: (Value) -> Bool,
                                      then body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        while !ready(value) { condition.wait() }
        return try body(&value)
    }
}
