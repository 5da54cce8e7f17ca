/// Exit statuses of the command line's contract.
public enum FolioExit {
    /// A check failed, or a cell did not compile, crashed or timed out.
    public static let failedChecks: Int32 = 1
    /// Bad usage, a malformed chapter or an unusable file or folder.
    public static let badInput: Int32 = 2
}

/// The totals of a run of chapters and the exit status they call for.
public struct BookStatus: Sendable {
    /// Every chapter that ran, in order.
    public var results: [ChapterResult] = []
    /// Checks that passed, over all chapters.
    public var passed = 0
    /// Checks that failed, over all chapters (a chapter that could not be run counts one).
    public var failed = 0
    /// Whether a chapter (or the paths) was malformed.
    public var malformed = false
    /// Chapters that were malformed or could not be run: their path and the message.
    public var errors: [(path: String, message: String)] = []

    /// An empty status.
    public init() {}

    /// 2 when something was malformed, else 1 when a check failed, else 0.
    public var exitCode: Int32 { malformed ? FolioExit.badInput : (failed > 0 ? FolioExit.failedChecks : 0) }
}
