/// A submission put into its key: the code of the student's exercise cells (matched by `id`) in
/// place of the key's, every other byte the key's, so that visible and hidden tests are always the
/// teacher's, whatever the submission did to its copy of them.
public struct SubmissionMerge: Sendable {
    /// The code of each exercise, by id, as the student wrote it.
    public var code: [String: String]

    /// Reads the exercise cells of `submission` for the exercises of `key`; a submission without a
    /// cell for one of them does not match the key.
    public init(submission: Chapter, key: GradingKey) throws(SubmissionProblem) {
        var code: [String: String] = [:]
        var missing: [String] = []
        for exercise in key.exercises {
            guard let id = exercise.options.id else { continue }
            if let cell = submission.cells.first(where: { $0.options.id == id }) { code[id] = cell.code } else { missing.append(id) }
        }
        guard missing.isEmpty else {
            throw .mismatched("no cell with id \(missing.map { "'\($0)'" }.joined(separator: ", ")): it does not match the key's exercises")
        }
        self.code = code
    }

    /// The key's text with the student's code in every exercise cell but those in `usingKey`, which
    /// keep the key's solution (after their own code crashed, timed out or did not compile).
    public func text(key: GradingKey, usingKey: Set<String>) -> String {
        var lines = key.chapter.source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // From the bottom up, so that the line numbers of the cells above stay valid.
        for cell in key.exercises.reversed() {
            guard let id = cell.options.id, !usingKey.contains(id), let student = code[id] else { continue }
            let first = cell.codeLine - 1   // 0-based index of the cell's first code line
            var replacement = student.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if student.hasSuffix("\n") { replacement.removeLast() }
            lines.replaceSubrange(first..<(first + cell.lineCount), with: replacement)
        }
        return lines.joined(separator: "\n")
    }

    /// The merged chapter, parsed; a student's code that changes the chapter's cells (a fence line in
    /// it, say) does not match the key.
    public func chapter(key: GradingKey, usingKey: Set<String>) throws(SubmissionProblem) -> Chapter {
        let merged: Chapter
        do {
            merged = try MarkdownChapterParser.parse(source: text(key: key, usingKey: usingKey), path: key.chapter.path)
        } catch {
            throw .mismatched("with its exercise code in place the key no longer parses: \(error.description)")
        }
        guard merged.cells.count == key.chapter.cells.count,
              zip(merged.cells, key.chapter.cells).allSatisfy({ $0.options == $1.options }) else {
            throw .mismatched("its exercise code changes the chapter's cells (a ``` line in it?)")
        }
        return merged
    }
}

/// Why a submission scores zero without being run.
public enum SubmissionProblem: Error, CustomStringConvertible, Equatable, Sendable {
    /// It is not a well-formed chapter.
    case unreadable(String)
    /// It does not have the key's exercise cells.
    case mismatched(String)
    /// Its chapter could not be run at all (the toolchain or the scratch folder failed): no fault of
    /// the student's, but no score either.
    case notRun(String)

    /// The reason, as the gradebook's `note` column shows it.
    public var description: String {
        switch self {
        case .unreadable(let reason): return "does not parse: \(reason)"
        case .mismatched(let reason): return reason
        case .notRun(let reason): return "could not be run: \(reason)"
        }
    }
}
