import Notebook
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

    /// The environment variable that chooses the progress display: `live`, `plain` or `none`
    /// (default: `live` when standard error is a terminal, else `plain`).
    static let progressVariable = "FOLIO_PROGRESS"

    /// How `check`, `render` and `record` show progress: a board of live lines on a terminal, plain
    /// lines of long work in a log.
    static func progressDisplay() -> BookRun.ProgressDisplay {
        switch ProcessInfo.processInfo.environment[progressVariable] {
        case "live": return .live(ProgressBoard(width: columns))
        case "plain": return .plain
        case "none": return .none
        default: return showsProgress ? .live(ProgressBoard(width: columns)) : .plain
        }
    }

    /// The terminal's width (standard error's), or `$COLUMNS`, or 100.
    static var columns: Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 100
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
