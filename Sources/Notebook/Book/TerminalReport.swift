/// How `folio check` and `folio render` describe results on the terminal.
public enum TerminalReport {
    /// `PASS  chapters/a.md  3 passed  0 failed  1.42 s` (or FAIL), plus `(cached)` for reused results
    /// and `no checks` for a chapter that checked nothing (no cell, no output block, no check).
    public static func chapterLine(_ result: ChapterResult, style: TerminalStyle = PlainTerminalStyle()) -> String {
        let badge = result.failed == 0 ? style.passed("PASS") : style.failed("FAIL")
        let time = String(format: "%.2f s", result.seconds)
        let empty = result.checks.isEmpty ? "  no checks" : ""
        return "\(badge)  \(result.path)  \(result.passed) passed  \(result.failed) failed  \(time)\(result.fromCache ? " (cached)" : "")\(empty)"
    }

    /// One block per failed check: `path:line: what failed`, then the diff or the compiler's words.
    public static func failures(_ result: ChapterResult, style: TerminalStyle = PlainTerminalStyle()) -> String {
        var text = ""
        for check in result.checks where !check.passed {
            var what = check.kind == .code ? "check failed" + (check.label.isEmpty ? "" : ": \(check.label)") : check.label
            if check.kind == .compile { what = withoutRepeatedMessage(what, diagnostics: result.cells[check.cell].diagnostics) }
            text += "  \(result.path):\(check.line): \(what)\n"
            switch check.kind {
            case .output:
                if let expected = check.expected, let actual = check.actual, let options = check.outputOptions {
                    text += OutputDiff(actual: actual, expected: expected, options: options).terminalText(style: style, indent: "    ")
                }
            case .code:
                if let expected = check.expected { text += "    expected: \(expected)\n" }
                if let actual = check.actual { text += "    actual:   \(actual)\n" }
            case .compile:
                let diagnostics = result.cells[check.cell].diagnostics
                if !diagnostics.isEmpty {
                    text += diagnostics.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }.joined(separator: "\n") + "\n"
                }
            case .inlineValue:
                if let diagnostics = check.actual, !diagnostics.isEmpty {
                    text += diagnostics.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }.joined(separator: "\n") + "\n"
                }
            case .compileError, .crash, .timeout:
                break
            }
        }
        return text
    }

    /// `cell 'bad' does not compile` without the compiler's message when the diagnostics printed
    /// under it hold that message, so that a compile error is printed once.
    static func withoutRepeatedMessage(_ label: String, diagnostics: String) -> String {
        let separator = " does not compile: "
        guard let range = label.range(of: separator) else { return label }
        let message = label[range.upperBound...]
        guard !message.isEmpty, diagnostics.contains(message) else { return label }
        return String(label[..<range.lowerBound]) + " does not compile:"
    }

    /// `records: 2 made, 5 verified, 1 stale, 0 missing` over all chapters, or nil when none has records.
    public static func recordsSummary(_ results: [ChapterResult]) -> String? {
        let records = results.flatMap(\.records)
        guard !records.isEmpty else { return nil }
        func count(_ status: RecordOutcome.Status) -> Int { records.filter { $0.status == status }.count }
        var parts = ["\(count(.made)) made", "\(count(.verified)) verified", "\(count(.stale)) stale",
                     "\(count(.missing)) missing"]
        for (status, word) in [(RecordOutcome.Status.unreadable, "unreadable"), (.failed, "failed"), (.notReached, "not reached")] where count(status) > 0 {
            parts.append("\(count(status)) \(word)")
        }
        let verifyFailed = records.filter(\.verifyFailed).count
        if verifyFailed > 0 { parts.append("\(verifyFailed) failed verify") }
        return "records: " + parts.joined(separator: ", ")
    }

    /// One line per record of a chapter for `folio record`: `  made  lstm-1x50  chapters/records/…json  16 min`.
    public static func recordLines(_ result: ChapterResult) -> String {
        result.records.map { record in
            let word: String
            switch record.status {
            case .made: word = "made      "
            case .verified: word = "kept      "
            case .stale: word = "stale     "
            case .missing: word = "missing   "
            case .unreadable: word = "unreadable"
            case .failed: word = "FAILED    "
            case .notReached: word = "not run   "
            }
            return "  \(word) \(record.name)  \(record.path)\(record.provenance.map { "  (\($0))" } ?? "")\n"
        }.joined()
    }

    /// The last line of `folio check`: `N passed, N failed`.
    public static func totalLine(passed: Int, failed: Int) -> String { "\(passed) passed, \(failed) failed" }
}
