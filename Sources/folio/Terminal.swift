import Notebook
import Foundation

/// Facts about the terminal that decide progress lines and colours.
enum Terminal {
    /// Standard error is a terminal: show per-cell progress there.
    static var showsProgress: Bool { isatty(STDERR_FILENO) == 1 }
    /// Standard output is a colour terminal (and NO_COLOR is unset).
    private static var usesColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// The environment variable that chooses the progress display: `live`, `plain` or `none`
    /// (default: `live` when standard error is a terminal, else `plain`).
    static let progressVariable = "FOLIO_PROGRESS"

    /// How `check`, `render` and `record` show progress: a board of live lines on a terminal, plain
    /// lines of long work in a log.
    static func progressDisplay() -> BookRun.ProgressDisplay {
        let live = BookRun.ProgressDisplay.live(ProgressBoard(width: columns, style: ANSITerminalStyle(colors: false)))
        switch ProcessInfo.processInfo.environment[progressVariable] {
        case "live": return live
        case "plain": return .plain(write: printError(fragment:))
        case "none": return .none
        default: return showsProgress ? live : .plain(write: printError(fragment:))
        }
    }

    /// How the report on standard output is dressed: colours on a colour terminal, else plain.
    static var style: TerminalStyle { usesColor ? ANSITerminalStyle(colors: true) : PlainTerminalStyle() }

    /// The terminal's width (standard error's), or `$COLUMNS`, or 100.
    static var columns: Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 100
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes `text` (which ends its own lines) to standard error.
    @Sendable static func printError(fragment text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}


/// A terminal's escape sequences: green `PASS`, bold red `FAIL` and differing characters (with
/// `colors`), and the cursor movement that redraws the progress board.
struct ANSITerminalStyle: TerminalStyle {
    var colors: Bool

    func passed(_ text: String) -> String { colors ? "\u{1B}[32m\(text)\u{1B}[0m" : text }
    func failed(_ text: String) -> String { colors ? "\u{1B}[1;31m\(text)\u{1B}[0m" : text }
    func marked(_ text: String) -> String? { colors ? "\u{1B}[1;31m\(text)\u{1B}[0m" : nil }
    /// Moves up `count` lines and clears from there to the end of the screen.
    func clearing(lines count: Int) -> String { "\u{1B}[\(count)F\u{1B}[J" }
}
