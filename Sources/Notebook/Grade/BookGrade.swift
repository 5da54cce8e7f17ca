import Foundation

/// `folio grade`: a key chapter, then every submission against it, each in a sandbox with its own
/// scratch folder, up to `jobs` at a time, delivered in the order given.
public struct BookGrade: Sendable {
    /// The key, with the checks and weights of its own run.
    public let key: GradingKey
    let toolchain: Toolchain
    let sandbox: GradingSandbox
    let timeLimit: Double?
    /// Holds one scratch folder per run; removed by ``finish()``.
    let scratchRoot: String

    /// Parses the key and runs it once in the sandbox (every check must pass): the checks and weights
    /// submissions are scored by.
    public static func prepare(keyPath: String, toolchain: Toolchain, sandbox: GradingSandbox,
                               timeLimit: Double? = nil) throws(GradeError) -> BookGrade {
        let chapter: Chapter
        do { chapter = try MarkdownChapterParser.parse(fileAt: keyPath) } catch { throw .malformedKey(error) }
        // The key chapter reads as empty inside the sandbox.
        var sandbox = sandbox
        sandbox.concealed.append(URL(fileURLWithPath: keyPath).standardizedFileURL.path)
        let scratchRoot = NSTemporaryDirectory() + "folio-grade-\(getpid())-\(UUID().uuidString.prefix(8))"
        let runner = Self.runner(toolchain: toolchain, sandbox: sandbox, scratch: "\(scratchRoot)/key")
        var timed = chapter
        if let timeLimit { timed.frontMatter.timeout = timeLimit }
        let keyRun: ChapterResult
        do {
            try FileManager.default.createDirectory(atPath: "\(scratchRoot)/key", withIntermediateDirectories: true)
            keyRun = try runner.run(timed)
        } catch {
            throw .keyDidNotRun(path: keyPath, reason: "\(error)")
        }
        let key = try GradingKey(chapter: chapter, keyRun: keyRun)
        return BookGrade(key: key, toolchain: toolchain, sandbox: sandbox, timeLimit: timeLimit, scratchRoot: scratchRoot)
    }

    /// Grades `submissions` on up to `jobs` threads, handing each grade to `deliver` in the order given.
    public func grade(_ submissions: [String], jobs: Int, deliver: (SubmissionGrade) -> Void) {
        orderedParallel(count: submissions.count, jobs: jobs, work: { index in
            let scratch = "\(scratchRoot)/\(index)"
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            do {
                try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            } catch {
                return .zero(submissions[index], key: key, problem: .notRun("no scratch folder \(scratch): \(error)"))
            }
            let runner = Self.runner(toolchain: toolchain, sandbox: sandbox, scratch: scratch)
            return SubmissionGrader(key: key, runner: runner, timeLimit: timeLimit).grade(submissions[index])
        }, deliver: { _, grade in deliver(grade) })
    }

    /// Removes the scratch folders.
    public func finish() {
        try? FileManager.default.removeItem(atPath: scratchRoot)
    }

    /// A runner that starts chapter programs inside the sandbox, working in `scratch`.
    static func runner(toolchain: Toolchain, sandbox: GradingSandbox, scratch: String) -> ChapterRunner {
        ChapterRunner(toolchain: toolchain, launchPrefix: sandbox.launchPrefix(scratch: scratch))
    }

    /// The feedback page's file name for a submission path: its folders and name joined by `--`, every
    /// character but letters, digits, `.`, `-` and `_` replaced by `_` (`alice/ch1.md` → `alice--ch1.html`).
    public static func feedbackFileName(for submission: String) -> String {
        var name = submission.hasSuffix(".md") ? String(submission.dropLast(3)) : submission
        while name.hasPrefix("./") { name.removeFirst(2) }
        let parts = name.split(separator: "/").filter { $0 != "." && $0 != ".." }
        let safe = parts.map { part in String(part.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" }) }
        return (safe.isEmpty ? "submission" : safe.joined(separator: "--")) + ".html"
    }
}
