import Foundation
import FolioProtocol

/// Writes events for `folio` as JSON lines to the pipe folio handed the program (``FolioConnection``).
/// Without it (a chapter program run by hand) events go to standard error as text.
///
/// The format is ``SideChannelEvent`` (FolioProtocol), which `folio` decodes.
enum SideChannel {
    private static let lock = NSLock()

    /// Failed checks sent so far (``recorded`` tells whether its `verify` passed).
    nonisolated(unsafe) private(set) static var failedChecks = 0
    static func noteFailure() {
        lock.lock()
        failedChecks += 1
        lock.unlock()
    }

    /// Index of the cell that is running (set by the begin marker).
    nonisolated(unsafe) static var currentCell = -1

    /// Writes one event as a JSON line; `fallback` is what a program run by hand prints instead.
    static func send(_ event: SideChannelEvent, fallback: @autoclosure () -> String) {
        FolioConnection.connect()
        lock.lock()
        defer { lock.unlock() }
        guard let file = FolioConnection.sideChannel, let line = try? event.jsonLine() else {
            fputs(fallback() + "\n", stderr)
            return
        }
        line.withUnsafeBytes { bytes in _ = fwrite(bytes.baseAddress, 1, bytes.count, file) }
        fflush(file)
    }
}
