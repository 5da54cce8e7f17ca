import Foundation
import FolioProtocol

/// What `folio` handed this program: the token its markers carry and the side channel, an inherited
/// pipe. Taken once, after the BLAS re-exec (which keeps both), then removed from the environment and
/// marked close-on-exec, so that processes the cells start inherit neither. A program run by hand has
/// neither: markers carry an empty token and events go to standard error as text.
enum FolioConnection {
    /// What was taken from the environment; nil until ``connect()``.
    private struct Handed {
        var token: String
        var sideChannel: UnsafeMutablePointer<FILE>?
    }
    private static let handed = Protected<Handed?>(nil)

    /// The token this run's markers carry ("" before ``connect()`` or when run by hand).
    static var token: String { handed.current?.token ?? "" }
    /// The side channel, or nil when run by hand.
    static var sideChannel: UnsafeMutablePointer<FILE>? { handed.current?.sideChannel }

    /// Reads the token and opens the side channel (once; later calls do nothing).
    static func connect() {
        handed.access { handed in
            guard handed == nil else { return }
            let environment = ProcessInfo.processInfo.environment
            var taken = Handed(token: environment[ProtocolEnvironment.markerToken] ?? "", sideChannel: nil)
            unsetenv(ProtocolEnvironment.markerToken)
            if let text = environment[ProtocolEnvironment.sideChannelDescriptor], let descriptor = Int32(text), descriptor > 2 {
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
                taken.sideChannel = fdopen(descriptor, "w")
            }
            unsetenv(ProtocolEnvironment.sideChannelDescriptor)
            handed = taken
        }
    }
}
