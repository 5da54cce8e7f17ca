/// What running a chapter produced: one ``CellResult`` per cell, in order.
public struct ChapterResult: Codable, Sendable {
    /// The chapter's path as given.
    public var path: String
    public var title: String
    public var cells: [CellResult]
    /// Wall time of compile and run.
    public var seconds: Double
    /// Time spent in the compiler (0 when the program came from the cache).
    public var compileSeconds: Double
    /// Whether this result was read from the render cache instead of running.
    public var fromCache = false
    /// What happened to each recorded run of the chapter.
    public var records: [RecordOutcome] = []
    /// The value of each inline value of the prose, by ``InlineValue/index``.
    public var inlineValues: [InlineValueResult] = []

    /// Every check of the chapter, in cell order, then those of inline values that failed.
    public var checks: [CheckResult] { cells.flatMap(\.checks) + inlineValues.flatMap(\.checks) }
    public var passed: Int { checks.filter(\.passed).count }
    public var failed: Int { checks.count - passed }

    /// Whether `render` may serve this result again while nothing changes: not when a cell or an inline
    /// value timed out or crashed, which a busy machine, a signal or a flaky resource may have caused.
    public var isWorthCaching: Bool {
        !cells.contains { $0.status == .timedOut || $0.status == .crashed }
            && !inlineValues.contains { $0.status == .timedOut || $0.status == .crashed }
    }
}

/// How a cell fared.
public enum CellStatus: String, Codable, Sendable {
    /// It ran to its end.
    case ran
    /// Marked `norun`: shown, not compiled.
    case norun
    /// Marked `compile-error`: compiled apart; its diagnostics are its output.
    case compileErrorCell
    /// It did not compile; the cells after it are not run.
    case compileFailed
    /// It trapped or the program died while it ran.
    case crashed
    /// A time limit passed while it ran.
    case timedOut
    /// An earlier cell failed, so this one was not run.
    case notRun
    /// A record it needs is missing or unreadable, or could not be made: the program stopped there.
    case stopped
}

/// One cell's outcome.
public struct CellResult: Codable, Sendable {
    public var index: Int
    public var status: CellStatus
    /// What the cell printed on standard output.
    public var output: String = ""
    /// What the cell printed on standard error (for a crash: the message and trace).
    public var errorOutput: String = ""
    /// HTML fragments the cell sent (`emitHTML`, plots, tables).
    public var html: [String] = []
    /// Compiler diagnostics that concern this cell.
    public var diagnostics: String = ""
    /// Checks made by or about this cell.
    public var checks: [CheckResult] = []
    /// Run time, when it ran.
    public var seconds: Double?
}

/// One check: an expected output, an in-code `check`/`expectClose`, or a cell that failed.
public struct CheckResult: Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// An ```` ```output ```` block compared with what the cell printed.
        case output
        /// A `check` or `expectClose` call.
        case code
        /// A cell that failed to compile.
        case compile
        /// A `compile-error` cell (passes when it does not compile).
        case compileError
        /// A cell that trapped.
        case crash
        /// A cell that ran out of time.
        case timeout
        /// An inline value of the prose that did not compile, trapped or ran out of time (one that
        /// worked is no check).
        case inlineValue
    }
    public var kind: Kind
    public var passed: Bool
    /// Index of the cell.
    public var cell: Int
    /// The chapter line the check is about.
    public var line: Int
    /// What is checked, or what went wrong.
    public var label: String
    public var expected: String?
    public var actual: String?
    /// For numbers: `|actual − expected| / (atol + rtol·|expected|)` of the pair that uses the most of
    /// its tolerance (≤ 1 passes); nil when the check compares no numbers or the texts do not line up.
    public var margin: Double?
    /// For an output block: the options it was compared under, so that a report can draw the diff
    /// from the result alone.
    public var outputOptions: OutputOptions? = nil
}

/// What became of one inline value of the prose.
public struct InlineValueResult: Codable, Sendable {
    public enum Status: String, Codable, Sendable {
        /// Evaluated: ``text`` is its value.
        case ran
        case compileFailed
        case crashed
        case timedOut
        /// Not reached (an earlier cell failed), or never compiled.
        case notRun
    }
    public var index: Int
    public var status: Status
    /// The value as `print` writes it.
    public var text: String?
    /// Compiler diagnostics or the crash report.
    public var diagnostics: String = ""
    /// Its failed check, when it failed.
    public var checks: [CheckResult] = []

    public init(index: Int, status: Status, text: String? = nil) {
        self.index = index
        self.status = status
        self.text = text
    }
}
