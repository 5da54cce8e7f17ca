import Foundation
import FolioProtocol

extension ChapterRunner {
    /// An inline value that does not compile: one failed check at its prose line, its errors as text.
    /// The compiler's excerpt shows the generated line (`let _folioInline3 =   mean / "2"`); it is
    /// replaced by the prose line of `chapter`, in which the expression has the same column.
    static func inlineCompileFailure(_ value: InlineValue, errors: [Diagnostic], output: String? = nil, chapter: Chapter) -> InlineValueResult {
        var result = InlineValueResult(index: value.index, status: .compileFailed)
        let prose = chapter.source.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(value.line - 1).first.map(String.init)
        let shown = errors.isEmpty ? (output ?? "") : errors.map { diagnostic in
            diagnostic.text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                let generated = line.contains("_folioInline\(value.index) =") || line.trimmingWhitespace == value.expression
                return generated && line != diagnostic.text.prefix(while: { $0 != "\n" }) ? prose ?? String(line) : String(line)
            }.joined(separator: "\n")
        }.joined(separator: "\n")
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
