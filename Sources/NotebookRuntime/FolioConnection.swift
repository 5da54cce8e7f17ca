import Foundation
import FolioProtocol

/// What `folio` handed this program: the token its markers carry and the side channel, an inherited
/// pipe. Taken once, after the BLAS re-exec (which keeps both), then removed from the environment and
/// marked close-on-exec, so that processes the cells start inherit neither. A program run by hand has
/// neither: markers carry an empty token and events go to standard error as text.
enum FolioConnection {
    nonisolated(unsafe) private(set) static var token = ""
    nonisolated(unsafe) private(set) static var sideChannel: UnsafeMutablePointer<FILE>?
    nonisolated(unsafe) private static var connected = false
    private static let lock = NSLock()

    /// Reads the token and opens the side channel (once; later calls do nothing).
    static func connect() {
        lock.lock()
        defer { lock.unlock() }
        guard !connected else { return }
        connected = true
        let environment = ProcessInfo.processInfo.environment
        token = environment[ProtocolEnvironment.markerToken] ?? ""
        unsetenv(ProtocolEnvironment.markerToken)
        if let text = environment[ProtocolEnvironment.sideChannelDescriptor], let descriptor = Int32(text), descriptor > 2 {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            sideChannel = fdopen(descriptor, "w")
        }
        unsetenv(ProtocolEnvironment.sideChannelDescriptor)
    }
}
