import Foundation
import Testing
@testable import Notebook

/// The parts of `folio grade` that need no run: weights, ownership, merging, the gradebook, feedback
/// pages and the sandbox's script (the runs themselves are in `GradeEndToEndTests`).
@Suite("grade parts")
struct GradeTests {
    static let key = """
    ```swift id=setup
    print("ready")
    ```
    ```output
    ready
    ```

    ```swift id=square exercise
    func square(_ x: Double) -> Double {
        // BEGIN SOLUTION
        return x * x
        // END SOLUTION
    }
    check(square(1) == 1, "own check in the exercise")
    ```

    ```swift id=tests points=3
    check(square(2) == 4, "a")
    check(square(3) == 9, "b")
    print(square(4))
    ```
    ```output points=5
    16.0
    ```

    ```swift id=hidden hidden-test
    check(square(-1) == 1, "hidden")
    ```

    """

    static func check(_ kind: CheckResult.Kind, cell: Int, _ label: String, passed: Bool = true) -> CheckResult {
        CheckResult(kind: kind, passed: passed, cell: cell, line: 1, label: label, expected: nil, actual: nil)
    }

    /// What the key's run reports: in-code checks first, then the output block, per cell.
    static func keyRun(_ chapter: Chapter) -> ChapterResult {
        ChapterResult(path: chapter.path, title: "t", cells: [
            CellResult(index: 0, status: .ran, checks: [check(.output, cell: 0, "output of cell 'setup'")]),
            CellResult(index: 1, status: .ran, checks: [check(.code, cell: 1, "own check in the exercise")]),
            CellResult(index: 2, status: .ran, checks: [check(.code, cell: 2, "a"), check(.code, cell: 2, "b"), check(.output, cell: 2, "output of cell 'tests'")]),
            CellResult(index: 3, status: .ran, checks: [check(.code, cell: 3, "hidden")]),
        ], seconds: 0, compileSeconds: 0)
    }

    static func gradingKey() throws -> GradingKey {
        let chapter = try MarkdownChapterParser.parse(source: key, path: "key.md")
        return try GradingKey(chapter: chapter, keyRun: keyRun(chapter))
    }

    @Test("weights: 1 per check, a cell's points shared by its in-code checks, an output block's own points; an exercise's own checks carry none")
    func weights() throws {
        let key = try Self.gradingKey()
        #expect(key.checks.map(\.label) == ["output of cell 'setup'", "a", "b", "output of cell 'tests'", "hidden"])
        #expect(key.checks.map(\.points) == [1, 1.5, 1.5, 5, 1])
        #expect(key.checks.map(\.exercise) == [nil, "square", "square", "square", "square"])
        #expect(key.checks.map(\.hidden) == [false, false, false, false, true])
        #expect(key.maximum == 10 && key.pointsWithoutSolution == 1 && key.maximum(of: "square") == 9)
        #expect(key.parts == [nil, "square"])
    }

    @Test("a key with a failing check cannot grade; the error names file:line")
    func failingKey() throws {
        let chapter = try MarkdownChapterParser.parse(source: Self.key, path: "key.md")
        var run = Self.keyRun(chapter)
        run.cells[2].checks[1].passed = false
        #expect(throws: GradeError.keyFails(path: "key.md", failures: ["key.md:1: b"])) { try GradingKey(chapter: chapter, keyRun: run) }
    }

    @Test("the student's exercise code replaces the key's; every other byte is the key's; replaced exercises keep the key's code")
    func merge() throws {
        let key = try Self.gradingKey()
        let student = try MarkdownChapterParser.parse(source: """
        ```swift id=square exercise
        func square(_ x: Double) -> Double { x * x }
        ```

        ```swift id=tests
        check(true, "weakened")
        ```
        """, path: "student.md")
        let merge = try SubmissionMerge(submission: student, key: key)
        let merged = merge.text(key: key, usingKey: [])
        #expect(merged == Self.key.replacingOccurrences(of: """
        func square(_ x: Double) -> Double {
            // BEGIN SOLUTION
            return x * x
            // END SOLUTION
        }
        check(square(1) == 1, "own check in the exercise")

        """, with: "func square(_ x: Double) -> Double { x * x }\n"))
        #expect(merge.text(key: key, usingKey: ["square"]) == Self.key)
        #expect(try merge.chapter(key: key, usingKey: []).cells.count == 4)

        let missing = try MarkdownChapterParser.parse(source: "```swift id=other\n```\n", path: "s.md")
        #expect(throws: SubmissionProblem.mismatched("no cell with id 'square': it does not match the key's exercises")) {
            try SubmissionMerge(submission: missing, key: key)
        }
        let fence = try SubmissionMerge(submission: MarkdownChapterParser.parse(
            source: "````swift id=square\nlet a = 1\n```\nlet b = 2\n````\n", path: "s.md"), key: key)
        #expect(throws: SubmissionProblem.self) { try fence.chapter(key: key, usingKey: []) }
    }

    @Test("the gradebook: a column per part, numbers without trailing zeros, quoted fields, formulas defused")
    func gradebook() throws {
        let key = try Self.gradingKey()
        var grade = SubmissionGrade.zero("a,b.md", key: key, problem: .mismatched("=cmd \"x\""))
        grade.parts[1].points = 4.5
        #expect(Gradebook.csv([grade], key: key)
                == "submission,setup,square,total,maximum,seconds,note\n\"a,b.md\",0,4.5,4.5,10,0.0,\"'=cmd \"\"x\"\"\"\n")
        #expect(Gradebook.format(1.0 / 3) == "0.333" && Gradebook.format(2) == "2" && Gradebook.format(1.5) == "1.5")
        #expect(Gradebook.format(0.1 + 0.2 + 29.7) == "30" && Gradebook.format(14 - 1e-12) == "14")
        #expect(Gradebook.field("-3") == "-3" && Gradebook.field("-rf") == "'-rf")
    }

    @Test("feedback pages escape what the run printed and name hidden checks without their label")
    func feedback() throws {
        let key = try Self.gradingKey()
        var grade = SubmissionGrade.zero("<alice>.md", key: key, problem: .unreadable("<bad>"))
        grade.problem = nil
        grade.parts[1].printed = "<script>alert(1)</script>"
        grade.checks[4].result = Self.check(.code, cell: 3, "hidden", passed: false)
        grade.checks[1].result = CheckResult(kind: .code, passed: false, cell: 2, line: 1, label: "a <b>", expected: "4", actual: "<5>")
        let page = FeedbackPage.html(grade, key: key)
        #expect(!page.contains("<script>") && page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("Feedback: &lt;alice&gt;.md"))
        #expect(page.contains("a &lt;b&gt;") && page.contains("actual:   &lt;5&gt;"))
        #expect(page.contains("hidden check 1 (cell &#39;hidden&#39;)"))
        #expect(!page.contains(">hidden<") && !page.contains("✗ hidden <"))
    }

    @Test("feedback file names keep folders apart and stay inside the feedback folder")
    func feedbackNames() {
        #expect(BookGrade.feedbackFileName(for: "alice/ch1.md") == "alice--ch1.html")
        #expect(BookGrade.feedbackFileName(for: "./bob/ch 1.md") == "bob--ch_1.html")
        #expect(BookGrade.feedbackFileName(for: "../../etc/passwd") == "etc--passwd.html")
    }

    @Test("the sandbox's launch words: namespaces for full and user-namespace, limits for all, the key concealed")
    func sandboxScript() {
        let full = GradingSandbox(level: .full, limits: .init(memoryMiB: 100, fileMiB: 2), concealed: ["/k/it's.md"])
        let words = full.launchPrefix(scratch: "/s")
        #expect(Array(words.prefix(8)) == ["/usr/bin/unshare", "--net", "--mount", "--ipc", "--uts", "--propagation", "private", "--"])
        #expect(words.suffix(2) == ["folio-sandbox", "/s"])
        #expect(full.script.contains("ulimit -v 102400\n") && full.script.contains("ulimit -f 4096\n"))
        #expect(full.script.contains("mount --bind /dev/null '/k/it'\\''s.md'"))
        #expect(full.script.hasSuffix("exec /usr/bin/setpriv --bounding-set=-all --inh-caps=-all --no-new-privs -- \"$@\""))
        let user = GradingSandbox(level: .userNamespace).launchPrefix(scratch: "/s")
        #expect(Array(user.prefix(3)) == ["/usr/bin/unshare", "--user", "--map-root-user"])
        let limits = GradingSandbox(level: .limitsOnly)
        #expect(limits.launchPrefix(scratch: "/s").first == "/bin/sh")
        #expect(!limits.script.contains("mount") && limits.script.hasSuffix("exec \"$@\""))
    }
}
