import Foundation
import FolioProtocol

/// Writes events for `folio` as JSON lines to the pipe folio handed the program (``FolioConnection``).
/// Without it (a chapter program run by hand) events go to standard error as text.
///
/// The format is ``SideChannelEvent`` (FolioProtocol), which `folio` decodes.
enum SideChannel {
    private static let lock = NSLock()

    private static let failures = Protected(0)
    private static let runningCell = Protected(-1)

    /// Failed checks sent so far (``recorded`` tells whether its `verify` passed).
    static var failedChecks: Int { failures.current }
    static func noteFailure() {
        failures.access { $0 += 1 }
    }

    /// Index of the cell that is running (set by the begin marker).
    static var currentCell: Int {
        get { runningCell.current }
        set { runningCell.access { $0 = newValue } }
    }

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
