/// Runs the chapters of a ``BookRun`` and writes what `check`, `render` and `record` print: a line per
/// chapter, its failures, then the epilogue's lines, the records summary and the totals line. Where
/// the text goes and how it is dressed is the caller's: the command hands standard output and the
/// terminal's style, a test a buffer.
public struct BookReport {
    /// Receives the report's text: whole lines, each with its newline.
    public var output: (String) -> Void
    /// Receives messages about malformed chapters, in `file:line: message` form (standard error).
    public var errors: (String) -> Void
    /// How verdicts and diffs are dressed.
    public var style: TerminalStyle
    /// Whether a malformed chapter's message also goes to ``errors`` (not when both streams show on one
    /// terminal: it would be printed twice).
    public var repeatsMalformedOnErrors = true

    /// A report that writes to `output` and `errors`.
    public init(style: TerminalStyle = PlainTerminalStyle(), output: @escaping (String) -> Void, errors: @escaping (String) -> Void) {
        self.style = style
        self.output = output
        self.errors = errors
    }

    /// Runs every chapter with `runner`; `each` sees every result that ran (an error it throws is
    /// rethrown after the totals), `epilogue` runs before the totals. Paths that cannot be expanded are
    /// reported like a malformed chapter.
    public func run(_ book: BookRun, runner: ChapterRunner, progress: BookRun.ProgressDisplay = .none,
                    each: (Chapter, ChapterResult) throws -> Void = { _, _ in },
                    epilogue: (BookStatus) throws -> Void = { _ in }) throws -> BookStatus {
        var status = BookStatus()
        var deliveryError: Error?
        do {
            try book.run(runner: runner, progress: progress) { outcome in
                if let chapter = record(outcome, makesRecords: book.records.makes, into: &status),
                   case .ran(_, let result) = outcome {
                    do { try each(chapter, result) } catch { deliveryError = deliveryError ?? error }
                }
            }
        } catch {
            reportMalformed(error.description)
            status.errors.append((error.path, error.description))
            status.malformed = true
        }
        do { try epilogue(status) } catch { deliveryError = deliveryError ?? error }
        if let line = TerminalReport.recordsSummary(status.results) { output(line + "\n") }
        output(TerminalReport.totalLine(passed: status.passed, failed: status.failed) + "\n")
        if let deliveryError { throw deliveryError }
        return status
    }

    /// Counts one outcome and prints its lines; the chapter when it ran.
    private func record(_ outcome: BookRun.Outcome, makesRecords: Bool, into status: inout BookStatus) -> Chapter? {
        switch outcome {
        case .malformed(let error):
            status.malformed = true
            status.errors.append((error.path, error.description))
            reportMalformed(error.description)
            return nil
        case .failedToRun(let chapter, let reason):
            status.failed += 1
            status.errors.append((chapter.path, "\(chapter.path):1: could not be run: \(reason)"))
            output("FAIL  \(chapter.path)  0 passed  1 failed  could not be run: \(reason)\n")
            return nil
        case .ran(let chapter, let result):
            status.results.append(result)
            status.passed += result.passed
            status.failed += result.failed
            output(TerminalReport.chapterLine(result, style: style) + "\n")
            if makesRecords { output(TerminalReport.recordLines(result)) }
            output(TerminalReport.failures(result, style: style))
            return chapter
        }
    }

    /// A malformed chapter is reported like a compiler error on standard error (`file:line: message`),
    /// and as its line of the report, so that the report lists every chapter.
    private func reportMalformed(_ description: String) {
        if repeatsMalformedOnErrors { errors(description + "\n") }
        output("ERROR \(description)\n")
    }
}
