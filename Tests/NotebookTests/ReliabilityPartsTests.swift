import Foundation
import Testing
@testable import Notebook

/// Parts of issue 14 that live in the library: info strings, page ids, the index under concurrent
/// renders, the output cap, program text for odd file names.
@Suite("Reliability parts")
struct ReliabilityPartsTests {
    @Test("a tab between the language and the options: the cell and its output block are read alike")
    func tabInInfoString() throws {
        let chapter = try MarkdownChapterParser.parse(source: "```swift\tid=a\thidden\nprint(1)\n```\n\n```output\trtol=0.1\n1\n```\n", path: "t.md")
        #expect(chapter.cells.count == 1)
        #expect(chapter.cells[0].options.id == "a" && chapter.cells[0].options.hidden)
        #expect(chapter.cells[0].expected?.text == "1\n")
        #expect(chapter.cells[0].expected?.options.rtol == 0.1)
    }

    @Test("every id on a page is unique: a heading like a cell id, a heading like a cell anchor; cell-N ids are refused")
    func uniqueIDs() throws {
        let source = "# Setup\n\n```swift id=setup\nprint(1)\n```\n\n## Cell 2\n\n```swift\nprint(2)\n```\n\n## Setup\n"
        let chapter = try MarkdownChapterParser.parse(source: source, path: "chapters/ids.md")
        let result = ChapterResult(path: chapter.path, title: "Ids", cells: [
            CellResult(index: 0, status: .ran, output: "1\n"), CellResult(index: 1, status: .ran, output: "2\n"),
        ], seconds: 0, compileSeconds: 0)
        let html = ChapterPage.html(chapter: chapter, result: result)
        let ids = html.components(separatedBy: " id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(Set(ids).count == ids.count, "\(ids)")
        #expect(ids.contains("setup") && ids.contains("cell-2") && ids.count == 5, "\(ids)")
        #expect(throws: ChapterError.badOptionValue(path: "c.md", line: 1, option: "id",
                                                    reason: "'cell-2' is the anchor of a cell without an id; choose another name")) {
            try MarkdownChapterParser.parse(source: "```swift id=cell-2\n```\n", path: "c.md")
        }
    }

    @Test("renders into one folder at the same time keep every chapter in the index")
    func concurrentIndex() throws {
        let folder = NSTemporaryDirectory() + "folio-index-\(UUID().uuidString)"
        let count = 24
        let chapters = try (0..<count).map { number in
            try MarkdownChapterParser.parse(source: "# Chapter \(number)\n\nProse.\n", path: "chapters/c\(number).md")
        }
        DispatchQueue.concurrentPerform(iterations: count) { number in
            let result = ChapterResult(path: chapters[number].path, title: chapters[number].title, cells: [], seconds: 0, compileSeconds: 0)
            _ = try? BookRenderer(outputFolder: folder, warn: { _ in }).write([(chapters[number], result)])
        }
        let index = BookIndex.load(from: folder)
        #expect(index.entries.count == count, "\(index.entries.map(\.file))")
        let html = try String(contentsOfFile: "\(folder)/index.html", encoding: .utf8)
        #expect(chapters.allSatisfy { html.contains("href=\"\($0.name).html\"") })
        #expect(!((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).contains { $0.hasSuffix(".tmp") })
    }

    @Test("the output cap keeps short texts whole, and the first and last parts of long ones at line ends")
    func outputCap() {
        #expect(OutputCap.capped("short\n") == "short\n")
        let lines = (0..<40_000).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let capped = OutputCap.capped(lines)
        #expect(capped.utf8.count < OutputCap.keptBytes + 200)
        #expect(capped.hasPrefix("line 0\nline 1\n") && capped.hasSuffix("line 39999\n"))
        let note = try? #require(capped.split(separator: "\n").first { $0.hasPrefix("[… ") })
        #expect(note?.hasSuffix("cut: the cell printed \(OutputCap.describe(lines.utf8.count)); folio keeps the first and the last 131 kB …]") == true)
        let kept = capped.split(separator: "\n").filter { $0.hasPrefix("line ") }
        #expect(kept.allSatisfy { lines.contains("\($0)\n") }, "no line is cut in two")
        // Multi-byte characters are never cut in the middle.
        let wide = OutputCap.capped(String(repeating: "é", count: 300_000))
        #expect(!wide.contains("\u{FFFD}"))
    }

    @Test("JUnit text drops nothing but the characters XML 1.0 cannot hold")
    func junitEscape() {
        #expect(JUnitReport.escape("a\u{1B}[0m\u{7}\tb\n<&>\u{FFFE}") == "a\\u{1b}[0m\\u{7}\tb\n&lt;&amp;&gt;\\u{fffe}")
    }

    @Test("#sourceLocation spells a file name with a newline, a tab or a quote as a valid string literal")
    func sourceLocationName() {
        #expect(ProgramGenerator.sourceLocationName("chapters/a\nb\t\"c\"\\.md") == #"chapters/a\nb\t\"c\"\\.md"#)
        #expect(ProgramGenerator.sourceLocationName("x\u{1}.md") == #"x\u{1}.md"#)
    }
}
