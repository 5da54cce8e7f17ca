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
    /// What the handlers and the running threads share.
    private struct State {
        var groups: Set<pid_t> = []
        var temporaryPaths: [String: Int] = [:]
        var interrupted = false
        var sources: [DispatchSourceSignal] = []
    }
    private static let state = Locked(State())

    /// Installs the handlers (once per process).
    public static func install() {
        state.withLock { state in
            guard state.sources.isEmpty else { return }
            for (number, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { stop(exitStatus: status) }
                source.resume()
                state.sources.append(source)
            }
        }
    }

    /// Called before a process is started and after one ended: once interrupted, never returns (the
    /// handler is stopping everything and exits in a moment).
    static func haltIfInterrupted() {
        state.wait(until: { !$0.interrupted }, then: { _ in })
    }

    static func started(group: pid_t) {
        state.withLock { _ = $0.groups.insert(group) }
    }

    static func ended(group: pid_t) {
        state.withLock { _ = $0.groups.remove(group) }
    }

    /// Makes a temporary file or folder with `create` and keeps `path` on the list of what an interrupt
    /// removes, until ``release(_:)``. Once interrupted, never returns (and creates nothing).
    static func temporary<Failure: Error>(_ path: String, create: () throws(Failure) -> Void) throws(Failure) {
        try state.wait(until: { !$0.interrupted }) { (state) throws(Failure) in
            try create()
            state.temporaryPaths[path, default: 0] += 1
        }
    }

    /// Puts `path` (made by someone else, such as a chapter program) on the list.
    static func temporary(_ path: String) {
        temporary(path) { () throws(Never) in }
    }

    /// Takes `path` off the list (it was renamed into place, or removed).
    static func release(_ path: String) {
        state.withLock { state in
            if let count = state.temporaryPaths[path], count > 1 { state.temporaryPaths[path] = count - 1 } else { state.temporaryPaths[path] = nil }
        }
    }

    /// Stops the children, removes the temporary files and exits with `status`.
    private static func stop(exitStatus status: Int32) {
        let running = state.withLock { state in
            state.interrupted = true
            return state.groups
        }
        ProcessTree.killSession(groups: running)
        let paths = state.withLock { $0.temporaryPaths.keys.sorted(by: >) }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
        FileHandle.standardError.write(Data("\nfolio: interrupted; stopped the running chapter programs and compilers\n".utf8))
        exit(status)
    }
}
