import Foundation

/// Ctrl-C or SIGTERM to folio stops everything it started, removes its temporary files, and exits 130
/// or 143. Chapter programs and compilers run in process groups of their own (the terminal's signal
/// does not reach them), so folio kills their groups, and every process that carries one of its
/// ``ProcessTree`` tokens, whatever group it moved to. Pages, records and results are written
/// atomically (a temporary file, then a rename), so whatever was written before stays whole; the
/// temporary files and folders of work in flight (``temporary(_:create:)``) are removed.
///
/// Once interrupted, a thread that is about to start a process or make a temporary file, or whose
/// child just ended, stops there for good (the process exits a moment later): nothing new starts behind
/// the handler's back, and no result of a killed child is reported or written.
public enum Interruption {
    private static let lock = NSCondition()
    nonisolated(unsafe) private static var groups: Set<pid_t> = []
    nonisolated(unsafe) private static var temporaryPaths: [String: Int] = [:]
    nonisolated(unsafe) private static var interrupted = false
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Installs the handlers (once per process).
    public static func install() {
        lock.lock()
        defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for (number, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop(exitStatus: status) }
            source.resume()
            sources.append(source)
        }
    }

    /// Called before a process is started and after one ended: once interrupted, never returns (the
    /// handler is stopping everything and exits in a moment).
    static func haltIfInterrupted() {
        lock.lock()
        defer { lock.unlock() }
        parkIfInterrupted()
    }

    static func started(group: pid_t) {
        lock.lock()
        groups.insert(group)
        lock.unlock()
    }

    static func ended(group: pid_t) {
        lock.lock()
        groups.remove(group)
        lock.unlock()
    }

    /// Makes a temporary file or folder with `create` and keeps `path` on the list of what an interrupt
    /// removes, until ``release(_:)``. Once interrupted, never returns (and creates nothing).
    static func temporary<Failure: Error>(_ path: String, create: () throws(Failure) -> Void) throws(Failure) {
        lock.lock()
        defer { lock.unlock() }
        parkIfInterrupted()
        try create()
        temporaryPaths[path, default: 0] += 1
    }

    /// Puts `path` (made by someone else, such as a chapter program) on the list.
    static func temporary(_ path: String) {
        temporary(path) { () throws(Never) in }
    }

    /// Takes `path` off the list (it was renamed into place, or removed).
    static func release(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        if let count = temporaryPaths[path], count > 1 { temporaryPaths[path] = count - 1 } else { temporaryPaths[path] = nil }
    }

    /// Stops the children, removes the temporary files and exits with `status`.
    private static func stop(exitStatus status: Int32) {
        lock.lock()
        interrupted = true
        let running = groups
        lock.unlock()
        ProcessTree.killSession(groups: running)
        lock.lock()
        let paths = temporaryPaths.keys.sorted(by: >)
        lock.unlock()
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
        FileHandle.standardError.write(Data("\nfolio: interrupted; stopped the running chapter programs and compilers\n".utf8))
        exit(status)
    }

    /// With the lock held: waits for the exit once interrupted.
    private static func parkIfInterrupted() {
        while interrupted { lock.wait() }
    }
}
