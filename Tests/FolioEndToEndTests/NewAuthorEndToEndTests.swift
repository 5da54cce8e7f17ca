import Foundation
import Testing

/// A new author's first commands through the built binary: the scaffold renders cleanly, an
/// unclosed fence is a malformed chapter, `--version`, `--help` at 80 columns, and "no checks".
@Suite("A new author's first hour (end to end)")
struct NewAuthorEndToEndTests {
    @Test("folio new writes a chapter whose check passes and whose page has no warning and no fault")
    func scaffoldRenders() throws {
        let folio = try FolioBinary()
        #expect(try folio.run(["new", "07-first-steps"]).status == 0)
        let check = try folio.run(["check", "chapters/07-first-steps.md"])
        #expect(check.status == 0, "\(check.output)\(check.error)")
        #expect(check.output.contains("PASS  chapters/07-first-steps.md  3 passed  0 failed"), "\(check.output)")
        #expect(!check.error.contains("warning"), "\(check.error)")
        let render = try folio.run(["render", "chapters/07-first-steps.md", "--output", "site"])
        #expect(render.status == 0, "\(render.output)\(render.error)")
        #expect(!render.error.contains("warning"), "\(render.error)")
        let html = try folio.read("site/07-first-steps.html")
        // One title, one section in the contents, no stray fences turned into code spans.
        #expect(html.components(separatedBy: "<h1").count == 2)
        #expect(html.contains("<header class=\"chapter\"><h1>First steps</h1></header>"))
        #expect(html.contains("<li class=\"level-2\"><a href=\"#a-first-cell\">A first cell</a></li>"))
        #expect(!html.contains("<code>`"), "no code span opened by a stray backtick")
        #expect(!html.contains("```"), "the prose writes no triple backticks")
        // The cell's output, the checks, the inline value and the plot.
        #expect(html.contains("<pre class=\"output\">mean: 2.5</pre>"))
        #expect(html.contains("<span class=\"badge pass\">3 passed</span> <span class=\"badge pass\">0 failed</span>"))
        #expect(html.contains("<span class=\"badge pass\">✓ pass</span> the squares add up to 30"))
        #expect(html.contains("<span class=\"inline-value\" title=\"mean\">2.5</span>"))
        #expect(html.contains("<svg class=\"folio-plot\""))
        #expect(!html.contains("badge fail"))
    }

    @Test("an unclosed swift fence is a malformed chapter: exit 2, the fence's file:line, once on each stream")
    func unclosedFence() throws {
        let folio = try FolioBinary()
        try folio.write("open", "# Open\n\n```swift\nprint(1)\n```\n\nText.\n\n```swift id=late\nprint(2)\n\nMore text that is not Swift.\n")
        let run = try folio.run(["check", "chapters/open.md"])
        #expect(run.status == 2)
        let message = "chapters/open.md:9: unclosed fence '```swift id=late'"
        #expect(run.error.components(separatedBy: message).count == 2, "\(run.error)")
        #expect(run.output.components(separatedBy: message).count == 2, "\(run.output)")
        #expect(!run.output.contains("error: cannot find"), "no compiler error about the swallowed prose")
    }

    @Test("--version prints the version")
    func version() throws {
        let run = try FolioBinary().run(["--version"])
        #expect(run.status == 0)
        #expect(run.output.trimmingCharacters(in: .whitespacesAndNewlines).range(of: #"^folio \d+\.\d+\.\d+$"#, options: .regularExpression) != nil, "\(run.output)")
    }

    @Test("folio --help fits 80 columns, and its chapter-format lines are not wrapped")
    func helpAt80Columns() throws {
        let run = try FolioBinary().run(["--help"], environment: ["COLUMNS": "80"])
        #expect(run.status == 0)
        let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines { #expect(line.count <= 80, "\(line.count): \(line)") }
        #expect(lines.contains { $0 == "  ```swift     a cell; options: id=NAME hidden norun compile-error fold" })
        #expect(lines.contains { $0.hasPrefix("  render ") })
    }

    @Test("a chapter with no cells and no checks says so")
    func noChecks() throws {
        let folio = try FolioBinary()
        try folio.write("prose", "# Only prose\n\nNothing to run.\n")
        let run = try folio.run(["check", "chapters/prose.md"])
        #expect(run.output.contains("chapters/prose.md  0 passed  0 failed"), "\(run.output)")
        #expect(run.output.contains("no checks"), "\(run.output)")
    }
}
