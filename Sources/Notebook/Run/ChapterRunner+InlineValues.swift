import Foundation

extension ChapterRunner {
    /// An inline value that does not compile: one failed check at its prose line, its errors as text.
    static func inlineCompileFailure(_ value: InlineValue, errors: [Diagnostic], output: String? = nil) -> InlineValueResult {
        var result = InlineValueResult(index: value.index, status: .compileFailed)
        let shown = errors.isEmpty ? (output ?? "") : errors.map(\.text).joined(separator: "\n")
        result.diagnostics = shown
        result.checks = [CheckResult(
            kind: .inlineValue, passed: false, cell: value.afterCell ?? -1, line: value.line,
            label: "inline value \(value.displayName) does not compile: \(errors.first?.message ?? "the compiler failed")",
            expected: nil, actual: shown)]
        return result
    }

    /// The values the program sent, and the failure of the inline value that was being evaluated when
    /// the program died (`brokenInline`), charged at its prose line.
    func recordInlineValues(_ events: [SideChannelEvent], brokenInline: InlineValue?, ending: ChildProcess.Ending,
                            chapter: Chapter, trace: String, into results: inout [InlineValueResult]) {
        for event in events where event.event == .inline {
            guard let index = event.index, results.indices.contains(index) else { continue }
            results[index].status = .ran
            results[index].text = event.text ?? ""
        }
        guard let value = brokenInline, results.indices.contains(value.index) else { return }
        let timedOut = ending == .killedAtDeadline
        var result = InlineValueResult(index: value.index, status: timedOut ? .timedOut : .crashed)
        result.diagnostics = trace
        let what = timedOut ? "timed out: it ran past the chapter's limit of \(formatSeconds(chapter.timeout))"
            : "crashed: \(crashMessage(in: trace, ending: ending))"
        result.checks = [CheckResult(kind: .inlineValue, passed: false, cell: value.afterCell ?? -1, line: value.line,
                                     label: "inline value \(value.displayName) \(what)", expected: nil, actual: nil)]
        results[value.index] = result
    }
}
