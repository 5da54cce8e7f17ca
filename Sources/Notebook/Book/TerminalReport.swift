/// How `folio check` and `folio render` describe results on the terminal.
public enum TerminalReport {
    /// `PASS  chapters/a.md  3 passed  0 failed  1.42 s` (or FAIL), plus `(cached)` for reused results.
    public static func chapterLine(_ result: ChapterResult, color: Bool) -> String {
        let ok = result.failed == 0
        let verdict = ok ? "PASS" : "FAIL"
        let badge = color ? (ok ? "\u{1B}[32m\(verdict)\u{1B}[0m" : "\u{1B}[1;31m\(verdict)\u{1B}[0m") : verdict
        let time = String(format: "%.2f s", result.seconds)
        return "\(badge)  \(result.path)  \(result.passed) passed  \(result.failed) failed  \(time)\(result.fromCache ? " (cached)" : "")"
    }

    /// One block per failed check: `path:line: what failed`, then the diff or the compiler's words.
    public static func failures(_ result: ChapterResult, chapter: Chapter, color: Bool) -> String {
        var text = ""
        for check in result.checks where !check.passed {
            let what = check.kind == .code ? "check failed" + (check.label.isEmpty ? "" : ": \(check.label)") : check.label
            text += "  \(result.path):\(check.line): \(what)\n"
            switch check.kind {
            case .output:
                if let expected = check.expected, let actual = check.actual,
                   let options = chapter.cells[check.cell].expected?.options {
                    text += OutputDiff(actual: actual, expected: expected, options: options).terminalText(color: color, indent: "    ")
                }
            case .code:
                if let expected = check.expected { text += "    expected: \(expected)\n" }
                if let actual = check.actual { text += "    actual:   \(actual)\n" }
            case .compile:
                let diagnostics = result.cells[check.cell].diagnostics
                if !diagnostics.isEmpty {
                    text += diagnostics.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }.joined(separator: "\n") + "\n"
                }
            case .compileError, .crash, .timeout:
                break
            }
        }
        return text
    }

    /// The last line of `folio check`: `N passed, N failed`.
    public static func totalLine(passed: Int, failed: Int) -> String { "\(passed) passed, \(failed) failed" }
}
