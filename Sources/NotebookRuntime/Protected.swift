import Foundation

/// A value behind a lock: the runtime's process-wide state (the running cell, the side channel, the
/// records seen), which a cell may reach from several threads.
final class Protected<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    /// Reads or changes the value while holding the lock.
    func access<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    /// The value, read under the lock.
    var current: Value { access { $0 } }
}
