import Foundation

/// Grades one submission against a key, with partial credit.
///
/// The merged chapter (``SubmissionMerge``) runs in the sandbox. When a cell crashes, runs out of
/// time or does not compile, the exercise that owns it (``GradingKey/owner(ofCell:in:)``) loses the
/// checks it had not passed by then, and the chapter runs again with the key's code for that exercise,
/// so that the exercises after it are still scored with the student's code. Each part is scored from
/// the last run in which it still had the student's code.
public struct SubmissionGrader: Sendable {
    /// The key graded against.
    public let key: GradingKey
    /// Runs the merged chapters (inside the sandbox).
    public let runner: ChapterRunner
    /// The limit for each run of the chapter, in seconds (the key's `timeout` unless given).
    public let timeLimit: Double?

    /// A grader of submissions against `key`, running them with `runner`.
    public init(key: GradingKey, runner: ChapterRunner, timeLimit: Double? = nil) {
        self.key = key
        self.runner = runner
        self.timeLimit = timeLimit
    }

    /// The grade of the submission at `path`; a submission that does not parse or match scores zero.
    public func grade(_ path: String) -> SubmissionGrade {
        let started = monotonicSeconds()
        do {
            let submission: Chapter
            do { submission = try MarkdownChapterParser.parse(fileAt: path) } catch { throw SubmissionProblem.unreadable(error.description) }
            let merge = try SubmissionMerge(submission: submission, key: key)
            var grade = try score(merge)
            grade.submission = path
            grade.seconds = monotonicSeconds() - started
            return grade
        } catch let problem as SubmissionProblem {
            return .zero(path, key: key, problem: problem)
        } catch {
            return .zero(path, key: key, problem: .notRun("\(error)"))
        }
    }

    /// Runs the merged chapter until no exercise with the student's code breaks a cell, then scores.
    func score(_ merge: SubmissionMerge) throws -> SubmissionGrade {
        // The break charged to each part (nil: a cell before the first exercise).
        var breaks: [String?: CheckResult] = [:]
        var runs: [(usingKey: Set<String>, result: ChapterResult)] = []
        while true {
            let usingKey = Set(breaks.keys.compactMap { $0 })
            var chapter = try merge.chapter(key: key, usingKey: usingKey)
            if let timeLimit { chapter.frontMatter.timeout = timeLimit }
            let result = try runner.run(chapter)
            runs.append((usingKey, result))
            guard let failure = Self.firstBreak(in: result) else { break }
            let owner = GradingKey.owner(ofCell: failure.cell, in: key.chapter)
            // Before the first exercise, or with the key's code already in place: nothing to replace.
            guard breaks[owner] == nil else { break }
            breaks[owner] = failure
            if owner == nil { break }
        }
        return assemble(runs: runs, breaks: breaks)
    }

    /// The check of the first cell that crashed, timed out, did not compile or was stopped.
    static func firstBreak(in result: ChapterResult) -> CheckResult? {
        let breaking: Set<CheckResult.Kind> = [.compile, .crash, .timeout]
        for cell in result.cells where [.compileFailed, .crashed, .timedOut, .stopped].contains(cell.status) {
            return cell.checks.first { breaking.contains($0.kind) } ?? cell.checks.first { !$0.passed }
                ?? CheckResult(kind: .crash, passed: false, cell: cell.index, line: 0, label: "cell \(cell.index + 1) stopped", expected: nil, actual: nil)
        }
        return nil
    }

    /// What the exercise cell printed in the last run that had the student's code.
    func printed(by exercise: String?, runs: [(usingKey: Set<String>, result: ChapterResult)]) -> String {
        guard let exercise, let cell = key.exercises.first(where: { $0.options.id == exercise }),
              let run = runs.last(where: { !$0.usingKey.contains(exercise) }) else { return "" }
        let result = run.result.cells[cell.index]
        let text = result.output + result.errorOutput
        return text.count > Self.printedLimit ? String(text.prefix(Self.printedLimit)) + "\n… (cut at \(Self.printedLimit) characters)" : text
    }

    /// The most of a cell's printing a feedback page shows.
    static let printedLimit = 4000

    /// Each check from the last run in which its part had the student's code.
    func assemble(runs: [(usingKey: Set<String>, result: ChapterResult)], breaks: [String?: CheckResult]) -> SubmissionGrade {
        let scored = key.checks.map { check -> SubmissionGrade.Scored in
            let run = runs.last { run in check.exercise.map { !run.usingKey.contains($0) } ?? true }!
            let cell = key.chapter.cells[check.id.cell]
            let made = GradingKey.pointChecks(of: run.result.cells[check.id.cell], cell: cell)
            return SubmissionGrade.Scored(check: check, result: made.indices.contains(check.id.ordinal) ? made[check.id.ordinal] : nil)
        }
        let parts = key.parts.map { part in
            SubmissionGrade.Part(exercise: part, points: scored.filter { $0.check.exercise == part }.reduce(0) { $0 + $1.points },
                                 maximum: key.maximum(of: part), failure: breaks[part] ?? nil, printed: printed(by: part, runs: runs))
        }
        return SubmissionGrade(submission: "", problem: nil, parts: parts, checks: scored,
                               seconds: runs.reduce(0) { $0 + $1.result.seconds }, runs: runs.count)
    }
}
