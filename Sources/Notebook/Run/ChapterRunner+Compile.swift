import Foundation

/// What the compile stage of a run produced: the executable (when anything compiled), the cells and
/// inline values in it, and the first cell that failed to compile.
struct RunnableBuild {
    var executable: String?
    var cells: [Cell]
    var inlineValues: [InlineValue]
    /// Index of the first cell that failed to compile (`Int.max` when none did).
    var stop: Int
    var seconds: Double
}

extension ChapterRunner {
    /// Compiles the runnable cells and inline values. A failing inline value is left out and the
    /// program compiled again; the earliest failing cell is one failed check, and the program is
    /// compiled again without it and the cells and inline values after it.
    func compileRunnable(_ chapter: Chapter, omitting: Set<Int>, results: inout [CellResult],
                         inlineResults: inout [InlineValueResult]) throws -> RunnableBuild {
        var included = chapter.cells.filter { !$0.options.norun && !$0.options.compileError && !omitting.contains($0.index) }
        var inlines = chapter.inlineValues
        var seconds = 0.0
        var stop = Int.max
        while !included.isEmpty || !inlines.isEmpty {
            let program = ProgramGenerator.program(cells: included, inlineValues: inlines, path: chapter.path)
            let outcome = naming(try compiler.compile(program: program, typecheckOnly: false), path: chapter.path)
            seconds += outcome.seconds
            if outcome.succeeded {
                return RunnableBuild(executable: outcome.executable, cells: included, inlineValues: inlines, stop: stop, seconds: seconds)
            }
            let errors = outcome.diagnostics.filter { $0.severity == .error }
            let broken = inlines.filter { value in errors.contains { $0.file == chapter.path && $0.line == value.line } }
            if !broken.isEmpty {
                for value in broken {
                    inlineResults[value.index] = Self.inlineCompileFailure(value, errors: errors.filter { $0.file == chapter.path && $0.line == value.line }, chapter: chapter)
                }
                inlines.removeAll { value in broken.contains { $0.index == value.index } }
                continue
            }
            let culprit = included.first { cell in errors.contains { $0.file == chapter.path && cell.contains(line: $0.line) } }
            guard let failing = culprit ?? included.first else {
                // Only inline values, and errors that none of them owns: none can run.
                for value in inlines { inlineResults[value.index] = Self.inlineCompileFailure(value, errors: errors, output: outcome.output, chapter: chapter) }
                break
            }
            markCompileFailure(of: failing, outcome: outcome, errors: errors, path: chapter.path, results: &results)
            stop = min(stop, failing.index)
            // Without a culprit the failure cannot be isolated: run nothing.
            included = culprit == nil ? [] : included.filter { $0.index < failing.index }
            inlines = culprit == nil ? [] : inlines.filter { $0.line < failing.fenceLine }
        }
        return RunnableBuild(executable: nil, cells: [], inlineValues: [], stop: stop, seconds: seconds)
    }

    /// The failed `compile` check of a cell and the diagnostics shown under it.
    private func markCompileFailure(of failing: Cell, outcome: ProgramCompiler.Outcome, errors: [Diagnostic], path: String,
                                    results: inout [CellResult]) {
        let own = errors.filter { $0.file == path && failing.contains(line: $0.line) }
        let shown = own.isEmpty ? outcome.output
            : outcome.diagnostics.filter { $0.file == path && failing.contains(line: $0.line) }.map(\.text).joined(separator: "\n")
        results[failing.index].status = .compileFailed
        results[failing.index].diagnostics = shown
        let first = own.first ?? errors.first
        results[failing.index].checks = [CheckResult(
            kind: .compile, passed: false, cell: failing.index, line: own.first?.line ?? failing.codeLine,
            label: "cell \(failing.displayName) does not compile: \(first?.message ?? "the compiler failed")",
            expected: nil, actual: first?.text)]
    }

    /// Type-checks each `compile-error` cell before `stop` apart, after the runnable cells before it.
    /// - Returns: the compiler's time.
    func compileErrorCells(_ chapter: Chapter, before stop: Int, results: inout [CellResult]) throws -> Double {
        var seconds = 0.0
        for cell in chapter.cells where cell.options.compileError && !cell.options.norun && cell.index < stop {
            let before = chapter.cells.filter { !$0.options.norun && !$0.options.compileError && $0.index < cell.index }
            let outcome = naming(try compiler.compile(program: ProgramGenerator.program(cells: before + [cell], path: chapter.path), typecheckOnly: true), path: chapter.path)
            seconds += outcome.seconds
            let own = outcome.diagnostics.filter { $0.file == chapter.path && cell.contains(line: $0.line) }
            let failsAsExpected = own.contains { $0.severity == .error }
            results[cell.index].status = .compileErrorCell
            results[cell.index].diagnostics = own.map(\.text).joined(separator: "\n")
            // Failing to compile is what the cell is for, so that alone is no check (DESIGN counts
            // output blocks and in-code checks); compiling is a failed check; an output block under
            // the cell is compared with its diagnostics.
            if !failsAsExpected {
                results[cell.index].checks = [CheckResult(
                    kind: .compileError, passed: false, cell: cell.index, line: cell.fenceLine,
                    label: "cell \(cell.displayName) is marked compile-error but compiles",
                    expected: "a compile error", actual: "no error")]
            } else if let expected = cell.expected {
                results[cell.index].checks = [compareDiagnostics(of: cell, expected: expected, diagnostics: own)]
            }
        }
        return seconds
    }
}
