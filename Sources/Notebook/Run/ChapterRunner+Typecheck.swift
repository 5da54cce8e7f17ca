import Foundation

extension ChapterRunner {
    /// `folio check --typecheck`: type-checks the chapter's runnable cells and inline values as one
    /// program and runs nothing (`norun` and `compile-error` cells are left out). Each runnable cell is
    /// one check, passed when it has no error; an inline value with an error is a failed check. Errors
    /// that no cell owns are charged to the first cell. Results come from the compile cache when the
    /// program and the libraries are unchanged.
    public func typecheck(_ chapter: Chapter) throws -> ChapterResult {
        let started = monotonicSeconds()
        let cells = chapter.cells.filter { !$0.options.norun && !$0.options.compileError }
        let program = ProgramGenerator.program(cells: cells, inlineValues: chapter.inlineValues, path: chapter.path)
        let outcome = naming(try compiler.compile(program: program, typecheckOnly: true), path: chapter.path)
        let errors = outcome.diagnostics.filter { $0.severity == .error }
        var results = chapter.cells.map { cell in
            CellResult(index: cell.index, status: cell.options.norun ? .norun : cell.options.compileError ? .compileErrorCell : .notRun)
        }
        var claimed = 0
        for cell in cells {
            let own = errors.filter { $0.file == chapter.path && cell.contains(line: $0.line) }
            claimed += own.count
            results[cell.index].checks = [typecheckOutcome(of: cell, errors: own, unowned: nil)]
            if !own.isEmpty {
                results[cell.index].status = .compileFailed
                results[cell.index].diagnostics = own.map(\.text).joined(separator: "\n")
            }
        }
        var inline = chapter.inlineValues.map { InlineValueResult(index: $0.index, status: .notRun) }
        for value in chapter.inlineValues {
            let own = errors.filter { $0.file == chapter.path && $0.line == value.line }
            claimed += own.count
            if !own.isEmpty { inline[value.index] = Self.inlineCompileFailure(value, errors: own, chapter: chapter) }
        }
        if !outcome.succeeded && claimed == 0 {
            if let first = cells.first {
                results[first.index].status = .compileFailed
                results[first.index].diagnostics = outcome.output
                results[first.index].checks = [typecheckOutcome(of: first, errors: errors, unowned: outcome.output)]
            } else {
                for value in chapter.inlineValues { inline[value.index] = Self.inlineCompileFailure(value, errors: errors, output: outcome.output, chapter: chapter) }
            }
        }
        return ChapterResult(path: chapter.path, title: chapter.title, cells: results, seconds: monotonicSeconds() - started,
                             compileSeconds: outcome.seconds, inlineValues: inline)
    }

    /// The check of one cell under `--typecheck`.
    private func typecheckOutcome(of cell: Cell, errors: [Diagnostic], unowned: String?) -> CheckResult {
        guard unowned != nil || !errors.isEmpty else {
            return CheckResult(kind: .compile, passed: true, cell: cell.index, line: cell.fenceLine, label: "cell \(cell.displayName) compiles")
        }
        return CheckResult(kind: .compile, passed: false, cell: cell.index, line: unowned == nil ? errors.first?.line ?? cell.codeLine : cell.codeLine,
                           label: "cell \(cell.displayName) does not compile: \(errors.first?.message ?? "the compiler failed")",
                           expected: nil, actual: errors.first?.text ?? unowned)
    }
}
