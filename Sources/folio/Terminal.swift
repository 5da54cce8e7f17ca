import Foundation

/// Facts about the terminal that decide progress lines and colours.
enum Terminal {
    /// Standard error is a terminal: show per-cell progress there.
    static var showsProgress: Bool { isatty(STDERR_FILENO) == 1 }
    /// Standard output is a colour terminal (and NO_COLOR is unset).
    static var usesColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Exit statuses of the contract.
enum FolioExit {
    static let failedChecks: Int32 = 1
    static let badInput: Int32 = 2
}
