import Foundation
import FolioProtocol

/// Compiles a chapter's cells into one program, runs it under the chapter's time limits, and turns
/// what it printed and reported into a ``ChapterResult``.
///
/// Compile failures: the earliest cell with an error is one failed check; the program is compiled again
/// without it and the cells after it, so the cells before it still run. `compile-error` cells are
/// type-checked apart, each after the runnable cells before it. A trap or a time-out is charged to the
/// cell that was running (the last begin marker without an end marker); later cells are not run.
public final class ChapterRunner: @unchecked Sendable {
    public let toolchain: Toolchain
    /// Compiled programs and render results live here.
    public let cacheDirectory: String
    /// Where the data sets are (``DataDirectory/locate(environment:currentDirectory:)`` unless given): the
    /// folder the cache key and the record staleness look at, and the one the chapter program is told.
    public let dataDirectory: String
    let compiler: ProgramCompiler
    /// Words put before the chapter program's path when it is started (`folio grade` starts it inside
    /// a ``GradingSandbox``); empty: the program is started directly.
    public let launchPrefix: [String]
    /// Threads each chapter program is given (`OPENBLAS_NUM_THREADS`, which sets BLAS and the library's
    /// own loops) when folio's environment sets neither that nor `OMP_NUM_THREADS`; nil: the program's
    /// default, every core. ``BookRun`` sets it from the number of chapters running side by side
    /// (``BookRun/programThreads(workers:cores:)``). Set it before chapters run.
    public var programThreads: Int?

    /// The environment variable that overrides the cache folder.
    public static let cacheEnvironmentVariable = "FOLIO_CACHE_DIR"
    /// Bumped when the result format or the way results are made changes, so old cached results are not reused.
    static let resultFormatVersion = "folio-result-3"

    public init(toolchain: Toolchain, cacheDirectory: String? = nil, dataDirectory: String? = nil, launchPrefix: [String] = []) {
        self.toolchain = toolchain
        self.launchPrefix = launchPrefix
        self.cacheDirectory = cacheDirectory
            ?? ProcessInfo.processInfo.environment[Self.cacheEnvironmentVariable]
            ?? "\(toolchain.binDirectory)/folio-cache"
        self.dataDirectory = dataDirectory ?? DataDirectory.locate()
        compiler = ProgramCompiler(toolchain: toolchain, cacheDirectory: self.cacheDirectory)
    }

    /// For `render`: the stored result when the chapter, the libraries and the declared data are
    /// unchanged since it was made, unless `force`; otherwise runs the chapter and stores the result,
    /// unless a time limit or a crash decided it (``ChapterResult/isWorthCaching``).
    public func cachedResult(for chapter: Chapter, force: Bool, progress: ((RunProgress) -> Void)? = nil) throws -> ChapterResult {
        let file = "\(cacheDirectory)/results/\(resultCacheKey(for: chapter)).json"
        if !force, let data = FileManager.default.contents(atPath: file),
           var stored = try? JSONDecoder().decode(ChapterResult.self, from: data) {
            stored.fromCache = true
            return stored
        }
        let result = try run(chapter, progress: progress)
        if result.isWorthCaching { try AtomicFile.write(try JSONEncoder().encode(result), to: file) }
        return result
    }

    /// The name of the stored result: SHA-256 over the result format, the chapter's path and text, the
    /// libraries' build, the declared data sets' files and the chapter's records.
    func resultCacheKey(for chapter: Chapter) -> String {
        var hasher = SHA256()
        for part in [Self.resultFormatVersion, chapter.path, chapter.source, toolchain.buildIdentity, dataIdentity(chapter.frontMatter.data),
                     recordsIdentity(chapter)] {
            hasher.update(part)
            hasher.update([0])
        }
        return hasher.hexDigest()
    }

    /// Compiles and runs the chapter once with the given record plan, leaving out the cells in `omitting`
    /// (compiled programs are reused when identical; the run always happens).
    func runPass(_ chapter: Chapter, plan: RecordPlan?, omitting: Set<Int>, progress: ((RunProgress) -> Void)?) throws -> ChapterResult {
        let started = monotonicSeconds()
        var results = chapter.cells.map { CellResult(index: $0.index, status: $0.options.norun ? .norun : .notRun) }
        var inlineResults = chapter.inlineValues.map { InlineValueResult(index: $0.index, status: .notRun) }
        progress?(.step("compiling"))
        let build = try compileRunnable(chapter, omitting: omitting, results: &results, inlineResults: &inlineResults)
        let compileSeconds = try build.seconds + compileErrorCells(chapter, before: build.stop, results: &results)
        var records: [RecordOutcome] = []
        if let executable = build.executable {
            records = try execute(executable, chapter: chapter, build: build, plan: plan, into: &results,
                                  inline: &inlineResults, progress: progress)
        }
        return ChapterResult(path: chapter.path, title: chapter.title, cells: results,
                             seconds: monotonicSeconds() - started, compileSeconds: compileSeconds, records: records,
                             inlineValues: inlineResults)
    }

    // MARK: - Running the program

    private func execute(_ executable: String, chapter: Chapter, build: RunnableBuild, plan: RecordPlan?, into results: inout [CellResult],
                         inline inlineResults: inout [InlineValueResult], progress: ((RunProgress) -> Void)?) throws -> [RecordOutcome] {
        let token = ProtocolMarker.newToken()
        var planFile: String?
        if let plan {
            let path = "\(cacheDirectory)/runs/\(getpid())-\(token).plan.json"
            Interruption.temporary(path)
            planFile = path
            try AtomicFile.write(try JSONEncoder().encode(plan), to: path)
        }
        defer { if let planFile { removeTemporary(planFile) } }
        let environment = programEnvironment(chapter: chapter, token: token, planFile: planFile)
        var observer = RunObserver(chapter: chapter, cells: build.cells, token: token, start: monotonicSeconds(), progress: progress)
        var recordTemporaries: [String] = []
        defer { recordTemporaries.forEach(removeTemporary) }
        let process = ChildProcess(arguments: launchPrefix + [executable], environment: environment, sideChannel: true)
        let ending = try process.run(deadline: { observer.deadline() }, started: { pid in
            // A record the program was writing when it was stopped: never left behind.
            recordTemporaries = (plan?.entries.values.filter { $0.action == .make } ?? []).map { RecordName.temporaryPath(of: $0.path, pid: pid) }
            recordTemporaries.forEach { Interruption.temporary($0) }
        }) { stream, bytes in
            observer.receive(stream, bytes)
        }
        let endTime = monotonicSeconds()
        observer.finish()
        let events = observer.events()
        let records = collect(events, chapter: chapter, plan: plan, into: &results)
        let brokenInline = observer.inlineBegun.subtracting(observer.inlineEnded).first.flatMap { index in build.inlineValues.first { $0.index == index } }
        recordInlineValues(events, brokenInline: brokenInline, ending: ending,
                           chapter: chapter, trace: String(decoding: observer.errors.outside, as: UTF8.self), into: &inlineResults)
        settle(build.cells, chapter: chapter, observer: observer, ending: ending, endTime: endTime,
               brokenInline: brokenInline != nil, into: &results)
        return records
    }

    /// The environment of a chapter program: folio's, plus the protocol's variables.
    func programEnvironment(chapter: Chapter, token: String, planFile: String?) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment[ProtocolEnvironment.markerToken] = token
        environment[ProtocolEnvironment.chapter] = chapter.path
        environment[ProtocolEnvironment.recordPlan] = planFile
        environment[ProtocolEnvironment.dataDirectory] = dataDirectory
        environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none"
        if let seed = chapter.frontMatter.seed { environment[ProtocolEnvironment.seed] = String(seed) }
        if environment[Self.blasThreadTimeoutVariable] == nil { environment[Self.blasThreadTimeoutVariable] = "4" }
        if let programThreads, environment[Self.threadCountVariable] == nil, environment["OMP_NUM_THREADS"] == nil {
            environment[Self.threadCountVariable] = String(programThreads)
        }
        return environment
    }

    /// How long OpenBLAS's idle threads spin, calling `sched_yield`, before they sleep: 2^n cycles,
    /// 2^28 by default (about 0.1 s), read when the library loads. A chapter program alternates BLAS
    /// calls with its own two-thread loops (batch-parallel training), and that spinning took a core
    /// from them: with 2^4, chapter 6 alone took 8.9–9.8 s of CPU against 10.2–11.7 s over three
    /// alternating runs (`perf stat -e task-clock folio check chapters/06-language-modelling.md`).
    /// Numbers do not change, only when threads sleep. A value in folio's own environment is kept.
    static let blasThreadTimeoutVariable = "OPENBLAS_THREAD_TIMEOUT"

    /// The thread count of BLAS and of the library's parallel loops in a chapter program.
    static let threadCountVariable = "OPENBLAS_NUM_THREADS"

    /// Removes a temporary file and takes it off the interrupt's list.
    private func removeTemporary(_ path: String) {
        unlink(path)
        Interruption.release(path)
    }

    /// In-code checks, HTML and record outcomes from the side channel (events of cells that began only).
    private func collect(_ events: [SideChannelEvent], chapter: Chapter, plan: RecordPlan?, into results: inout [CellResult]) -> [RecordOutcome] {
        var records: [RecordOutcome] = []
        for event in events where results.indices.contains(event.cell) {
            switch event.event {
            case .record:
                if let outcome = event.recordOutcome(plan: plan) {
                    records.removeAll { $0.name == outcome.name }
                    records.append(outcome)
                }
            case .check:
                results[event.cell].checks.append(CheckResult(
                    kind: .code, passed: event.passed ?? false, cell: event.cell,
                    line: event.line ?? chapter.cells[event.cell].codeLine, label: OutputCap.capped(event.label ?? ""),
                    expected: event.expected.map(OutputCap.capped), actual: event.actual.map(OutputCap.capped), margin: event.margin))
            case .html:
                if let html = event.html { results[event.cell].html.append(html) }
            case .inline:
                break
            }
        }
        for index in results.indices { results[index].html = HTMLCap.capped(results[index].html) }
        return records
    }

    /// Each cell's output and status: those that ran are compared with their expected output; the first
    /// that did not end is charged with the crash or the time-out; the cells after it are not run.
    private func settle(_ cells: [Cell], chapter: Chapter, observer: RunObserver, ending: ChildProcess.Ending, endTime: Double,
                        brokenInline: Bool, into results: inout [CellResult]) {
        var stopped = false
        for cell in cells {
            let index = cell.index
            let output = observer.output.text(ofCell: index)
            results[index].output = OutputCap.capped(output)
            results[index].errorOutput = observer.errors.text(ofCell: index)
            defer { results[index].errorOutput = OutputCap.capped(results[index].errorOutput) }
            if stopped { continue }
            if let time = observer.seconds[index] {
                results[index].status = .ran
                results[index].seconds = time
                if let expected = cell.expected {
                    var check = compareOutput(of: cell, expected: expected, actual: output)
                    check.actual = check.actual.map(OutputCap.capped)
                    results[index].checks.append(check)
                }
                continue
            }
            // The cell that was running when the program ended (or the first one, if it died before any cell).
            stopped = true
            let began = observer.startTimes[index]
            // An inline value of the prose before it broke: charged to the inline value, this cell is not run.
            if began == nil && brokenInline { continue }
            results[index].seconds = began.map { endTime - $0 }
            if ending == .exited(RecordMarker.stopExitStatus) && began != nil {
                // A record it needs could not be loaded or made: the runtime sent that failed check.
                results[index].status = .stopped
                continue
            }
            if began == nil {
                results[index].errorOutput = String(decoding: observer.errors.outside, as: UTF8.self) + results[index].errorOutput
            }
            charge(cell, observer: observer, ending: ending, chapter: chapter, into: &results[index])
        }
    }

    /// The failed check of the cell that was running when the program was killed at a deadline or died.
    private func charge(_ cell: Cell, observer: RunObserver, ending: ChildProcess.Ending, chapter: Chapter, into result: inout CellResult) {
        if ending == .killedAtDeadline {
            let limit = observer.ranOutOfOwnLimit(cell) ? "its limit of \(formatSeconds(cell.options.timeout!))"
                : "the chapter's limit of \(formatSeconds(chapter.timeout))"
            result.status = .timedOut
            result.checks.append(CheckResult(
                kind: .timeout, passed: false, cell: cell.index, line: cell.fenceLine,
                label: "cell \(cell.displayName) timed out: it ran past \(limit)", expected: nil, actual: nil))
        } else {
            let trace = result.errorOutput
            result.status = .crashed
            result.checks.append(CheckResult(
                kind: .crash, passed: false, cell: cell.index,
                line: crashLine(in: trace, path: chapter.path) ?? crashLine(in: trace, path: ProgramGenerator.sourceLocationName(chapter.path)) ?? cell.fenceLine,
                label: "cell \(cell.displayName) crashed: \(crashMessage(in: trace, ending: ending))", expected: nil, actual: nil))
        }
    }

    func compareOutput(of cell: Cell, expected: ExpectedOutput, actual: String) -> CheckResult {
        let comparison = OutputComparison(options: expected.options)
        let margin = comparison.margin(actual: actual, expected: expected.text)
        guard let mismatch = comparison.firstMismatch(actual: actual, expected: expected.text) else {
            return CheckResult(kind: .output, passed: true, cell: cell.index, line: expected.fenceLine,
                               label: "output of cell \(cell.displayName)", expected: expected.text, actual: actual, margin: margin,
                               outputOptions: expected.options)
        }
        let expectedLines = max(1, expected.text.trimmingTrailingWhitespace.split(separator: "\n", omittingEmptySubsequences: false).count)
        let line = expected.fenceLine + 1 + (mismatch.expected?.line ?? (expectedLines - 1))
        func show(_ token: OutputToken?) -> String { token.map { "'\($0.text)'" } ?? "end of output" }
        return CheckResult(kind: .output, passed: false, cell: cell.index, line: line,
                           label: "output of cell \(cell.displayName) differs: expected \(show(mismatch.expected)), got \(show(mismatch.actual))",
                           expected: expected.text, actual: actual, margin: margin, outputOptions: expected.options)
    }

    /// The compiler names the chapter as `#sourceLocation` spells it, escapes kept (`my \"odd\".md`):
    /// the outcome with the chapter's own path in its diagnostics and output.
    func naming(_ outcome: ProgramCompiler.Outcome, path: String) -> ProgramCompiler.Outcome {
        let written = ProgramGenerator.sourceLocationName(path)
        guard written != path else { return outcome }
        var outcome = outcome
        outcome.output = outcome.output.replacingOccurrences(of: written, with: path)
        outcome.diagnostics = outcome.diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            if diagnostic.file == written { diagnostic.file = path }
            diagnostic.text = diagnostic.text.replacingOccurrences(of: written, with: path)
            return diagnostic
        }
        return outcome
    }

    /// The output block of a `compile-error` cell against its diagnostics. It may hold them as the
    /// report shows them (with the source excerpts), or only their first lines
    /// (`chapters/x.md:3:14: error: …`), or `error: …` lines, or the bare messages; with or without notes.
    func compareDiagnostics(of cell: Cell, expected: ExpectedOutput, diagnostics: [Diagnostic]) -> CheckResult {
        let full = diagnostics.map(\.text).joined(separator: "\n")
        var candidates: [String] = []
        for shown in [diagnostics, diagnostics.filter { $0.severity == .error }] {
            candidates.append(shown.map(\.text).joined(separator: "\n"))
            candidates.append(shown.map { "\($0.file):\($0.line):\($0.column): \($0.severity.rawValue): \($0.message)" }.joined(separator: "\n"))
            candidates.append(shown.map { "\($0.severity.rawValue): \($0.message)" }.joined(separator: "\n"))
            candidates.append(shown.map(\.message).joined(separator: "\n"))
        }
        let comparison = OutputComparison(options: expected.options)
        if candidates.contains(where: { comparison.matches(actual: $0, expected: expected.text) }) {
            return CheckResult(kind: .output, passed: true, cell: cell.index, line: expected.fenceLine,
                               label: "compiler output of cell \(cell.displayName)", expected: nil, actual: nil)
        }
        // The diff is against the form the block is written in.
        let errors = diagnostics.filter { $0.severity == .error }
        let written = expected.text.trimmingWhitespace
        let reference = written.contains(": error:") ? candidates[5] : written.hasPrefix("error:") ? candidates[6] : full
        var failed = compareOutput(of: cell, expected: expected, actual: errors.isEmpty ? full : reference)
        failed.label = failed.label.replacingOccurrences(of: "output of cell", with: "compiler output of cell")
        return failed
    }

    /// The deepest chapter line in a crash trace (`… at chapters/x.md:12:5`).
    func crashLine(in trace: String, path: String) -> Int? {
        var searchRange = trace.startIndex..<trace.endIndex
        while let found = trace.range(of: "\(path):", range: searchRange) {
            let digits = trace[found.upperBound...].prefix(while: \.isNumber)
            if let line = Int(digits) { return line }
            searchRange = found.upperBound..<trace.endIndex
        }
        return nil
    }

    /// The runtime's one-line reason for a crash (`Fatal error: Index out of range`).
    func crashMessage(in trace: String, ending: ChildProcess.Ending) -> String {
        let lines = trace.split(separator: "\n").map { $0.trimmingWhitespace }
        let keys = ["Fatal error", "fatal error", "Precondition failed", "Assertion failed", "error:"]
        if let line = lines.first(where: { line in keys.contains { line.contains($0) } }) {
            // Drop the standard library's own location prefix (`Swift/Array.swift:123: `).
            if let range = line.range(of: "Fatal error") ?? line.range(of: "Precondition failed") ?? line.range(of: "Assertion failed") {
                return String(line[range.lowerBound...])
            }
            return line
        }
        // An optimized library's bare check (`*** Swift runtime failure: precondition failure ***`).
        if let line = lines.first(where: { $0.contains("Swift runtime failure:") }) {
            return line.replacingOccurrences(of: "*", with: "").trimmingWhitespace
        }
        if let line = lines.first(where: { $0.contains("Program crashed") }) { return line.replacingOccurrences(of: "*", with: "").trimmingWhitespace }
        switch ending {
        case .signaled(let signal): return "the program was killed by signal \(signal)"
        case .exited(let status): return "the program exited with status \(status) during this cell"
        case .killedAtDeadline: return "time limit"
        }
    }

    /// The data folder's path, then the sizes and modification times of the declared data sets' files in it.
    private func dataIdentity(_ names: [String]) -> String {
        guard !names.isEmpty else { return "" }
        return ([dataDirectory] + names.map { name -> String in
            let root = "\(dataDirectory)/\(name)"
            var entries: [String] = []
            let files = FileManager.default
            let paths = [root] + ((files.subpaths(atPath: root) ?? []).sorted().map { "\(root)/\($0)" })
            for path in paths {
                var info = stat()
                if stat(path, &info) == 0 { entries.append("\(path):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)") }
            }
            return entries.isEmpty ? "\(name):absent" : entries.joined(separator: "\n")
        }).joined(separator: "\n")
    }
}

/// `5 s`, `0.5 s`, `600 s`.
func formatSeconds(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
}
