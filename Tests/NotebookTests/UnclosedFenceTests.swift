import Testing
@testable import Notebook

/// A fence that is never closed makes the rest of the file one code block: a malformed chapter at
/// the fence's line, not a compiler error somewhere in the swallowed prose.
@Suite("Unclosed fences")
struct UnclosedFenceTests {
    private func parse(_ text: String) throws(ChapterError) -> Chapter {
        try MarkdownChapterParser.parse(source: text, path: "chapters/t.md")
    }

    @Test("an unclosed swift fence is an error at its line that says how to close it")
    func unclosedSwift() {
        let text = "# T\n\n```swift id=a\nprint(1)\n```\n\nProse.\n\n```swift id=b\nprint(2)\n\nMore prose.\n"
        #expect(throws: ChapterError.unclosedFence(path: "chapters/t.md", line: 9, fence: "```swift id=b")) { try parse(text) }
        do {
            _ = try parse(text)
            Issue.record("an unclosed fence parsed")
        } catch {
            #expect(error.description == "chapters/t.md:9: unclosed fence '```swift id=b': it runs to the end of the file; close it with a line '```'")
        }
    }

    @Test("after front matter the line is still the file's line; a tilde or output fence counts too")
    func linesAndKinds() {
        #expect(throws: ChapterError.unclosedFence(path: "chapters/t.md", line: 5, fence: "~~~~swift")) {
            try parse("---\ntitle: T\n---\n\n~~~~swift\nlet a = 1\n~~~\n")
        }
        #expect(throws: ChapterError.unclosedFence(path: "chapters/t.md", line: 5, fence: "```output")) {
            try parse("```swift\nprint(1)\n```\n\n```output\n1\n")
        }
    }

    @Test("closed fences parse: at the end of the file without a newline, longer closers, fences inside longer ones")
    func closed() throws {
        #expect(try parse("```swift\nprint(1)\n```").cells.count == 1)
        #expect(try parse("```swift\nprint(1)\n`````\n").cells.count == 1)
        #expect(try parse("````markdown\n```swift\nx\n```\n````\n").cells.isEmpty)
        #expect(try parse("```swift\nprint(1)\n```  \n\n    indented code\n").cells.count == 1)
        #expect(try parse("Text.\n\n    indented code runs to the end\n").cells.isEmpty)
    }

    @Test("the closing rule: same character, at least as long, at most three spaces before, nothing after")
    func closingRule() {
        let lines: [Substring] = ["````swift", "x", "```", "   ````", "~~~~", "```` x"]
        #expect(!fenceIsClosed(lines: lines, startLine: 1, endLine: 3))
        #expect(fenceIsClosed(lines: lines, startLine: 1, endLine: 4))
        #expect(!fenceIsClosed(lines: lines, startLine: 1, endLine: 5))
        #expect(!fenceIsClosed(lines: lines, startLine: 1, endLine: 6))
    }
}
