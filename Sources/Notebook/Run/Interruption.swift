import Foundation

/// Ctrl-C or SIGTERM to folio stops the chapter programs and compilers it started (each runs in a
/// process group of its own, so the terminal's signal does not reach them) and exits 130 or 143.
/// Records and pages are written atomically, so whatever was written before stays whole.
public enum Interruption {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var groups: Set<pid_t> = []
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Installs the handlers (once per process).
    public static func install() {
        lock.lock()
        defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for (number, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                stopChildren()
                FileHandle.standardError.write(Data("\nfolio: interrupted; stopped the running chapter programs\n".utf8))
                exit(status)
            }
            source.resume()
            sources.append(source)
        }
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

    private static func stopChildren() {
        lock.lock()
        let running = groups
        lock.unlock()
        for group in running { kill(-group, SIGKILL) }
    }
}
