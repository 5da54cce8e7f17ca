import Testing
@testable import Notebook

@Suite("Chapter parsing")
struct ChapterParserTests {
    func parse(_ text: String) throws -> Chapter {
        try MarkdownChapterParser.parse(source: text, path: "chapters/t.md")
    }

    func error(_ text: String) -> ChapterError? {
        do {
            _ = try MarkdownChapterParser.parse(source: text, path: "chapters/t.md")
            return nil
        } catch {
            return error
        }
    }

    @Test("front matter keys are read and the body keeps its line numbers")
    func frontMatter() throws {
        let chapter = try parse("""
        ---
        title: "Convolution"
        timeout: 5
        data: ptb, digits
        seed: 42
        author: Ada
        ---
        # Heading
        ```swift
        print(1)
        ```
        """)
        #expect(chapter.frontMatter.title == "Convolution")
        #expect(chapter.timeout == 5)
        #expect(chapter.frontMatter.data == ["ptb", "digits"])
        #expect(chapter.frontMatter.seed == 42)
        #expect(chapter.frontMatter.metadata.map(\.value) == ["Ada"])
        #expect(chapter.cells.count == 1)
        #expect(chapter.cells[0].fenceLine == 9)
        #expect(chapter.cells[0].codeLine == 10)
        #expect(chapter.cells[0].code == "print(1)\n")
        #expect(chapter.title == "Convolution")
    }

    @Test("without front matter: default timeout, title from the first heading")
    func defaults() throws {
        let chapter = try parse("# Pooling\n\ntext\n")
        #expect(chapter.timeout == 600)
        #expect(chapter.frontMatter.data.isEmpty)
        #expect(chapter.title == "Pooling")
        #expect(chapter.cells.isEmpty)
    }

    @Test("every cell option is read")
    func cellOptions() throws {
        let chapter = try parse("""
        ```swift id=setup hidden timeout=2.5
        let a = 1
        ```

        ```swift norun
        x
        ```

        ```swift compile-error
        let s: String = 1
        ```
        """)
        #expect(chapter.cells.map(\.options) == [
            CellOptions(id: "setup", hidden: true, timeout: 2.5),
            CellOptions(norun: true),
            CellOptions(compileError: true),
        ])
        #expect(chapter.cells.map(\.fenceLine) == [1, 5, 9])
        #expect(chapter.cells[0].anchor == "setup")
        #expect(chapter.cells[1].anchor == "cell-2")
    }

    @Test("an output block attaches to the cell before it, with its options")
    func outputBlocks() throws {
        let chapter = try parse("""
        ```swift
        print(1)
        ```


        ```output rtol=1e-3 atol=0.5 exact
        1
        ```

        ```swift
        print(2)
        ```
        ```output
        2
        ```
        """)
        #expect(chapter.cells[0].expected == ExpectedOutput(fenceLine: 6, text: "1\n", options: OutputOptions(rtol: 1e-3, atol: 0.5, exact: true)))
        #expect(chapter.cells[1].expected?.options == OutputOptions())
        #expect(chapter.cells[1].expected?.fenceLine == 13)
    }

    @Test("other code blocks are not cells: other languages, indented code, swiftui")
    func notCells() throws {
        let chapter = try parse("""
        ```python
        print(1)
        ```

            let indented = 1

        ```swiftui
        Text("x")
        ```
        """)
        #expect(chapter.cells.isEmpty)
    }

    @Test("malformed chapters name their line", arguments: [
        ("```swift hiden\nx\n```\n", 1, "unknown swift option 'hiden'"),
        ("text\n\n```swift timeout=abc\nx\n```\n", 3, "bad value for option 'timeout'"),
        ("```swift timeout=0\nx\n```\n", 1, "bad value for option 'timeout'"),
        ("```swift id=\nx\n```\n", 1, "bad value for option 'id'"),
        ("```swift\nx\n```\n```output rtol=fast\n1\n```\n", 4, "bad value for option 'rtol'"),
        ("```swift\nx\n```\n```output atol=-1\n1\n```\n", 4, "bad value for option 'atol'"),
        ("```swift\nx\n```\n```output fuzzy\n1\n```\n", 4, "unknown output option 'fuzzy'"),
        ("# T\n\n```output\n1\n```\n", 3, "an output block must directly follow a swift cell"),
        ("```swift\nx\n```\n\nprose\n\n```output\n1\n```\n", 7, "an output block must directly follow a swift cell"),
        ("```swift\nx\n```\n```output\n1\n```\n```output\n1\n```\n", 7, "an output block must directly follow a swift cell"),
        ("```swift id=a\nx\n```\n\n```swift id=a\ny\n```\n", 5, "duplicate cell id 'a' (first used on line 1)"),
        ("---\ntitle: x\n", 1, "bad front matter: no closing '---' line"),
        ("---\ntimeout: soon\n---\n", 2, "bad front matter: timeout 'soon'"),
        ("---\ntitle: a\nseed: -3\n---\n", 3, "bad front matter: seed '-3'"),
        ("---\ntimout: 5\n---\n", 2, "bad front matter: unknown key 'timout'"),
        ("---\njust words\n---\n", 2, "bad front matter: expected 'key: value'"),
    ])
    func malformed(text: String, line: Int, message: String) throws {
        let found = try #require(error(text))
        #expect(found.line == line)
        #expect(found.description.hasPrefix("chapters/t.md:\(line): \(message)"), "\(found.description)")
    }

    @Test("an unreadable file is an error at line 1")
    func unreadable() {
        #expect(throws: ChapterError.unreadable(path: "/nonexistent/x.md", reason: "no such file")) {
            try MarkdownChapterParser.parse(fileAt: "/nonexistent/x.md")
        }
        let description = ChapterError.unreadable(path: "/nonexistent/x.md", reason: "no such file").description
        #expect(description == "/nonexistent/x.md:1: cannot read chapter: no such file")
    }

    @Test("a cell knows which chapter lines are its own")
    func cellLines() throws {
        let chapter = try parse("intro\n\n```swift\na\nb\n```\n")
        let cell = chapter.cells[0]
        #expect(cell.fenceLine == 3)
        #expect(cell.lineCount == 2)
        #expect(!cell.contains(line: 2))
        #expect(cell.contains(line: 4) && cell.contains(line: 5) && cell.contains(line: 6))
        #expect(!cell.contains(line: 7))
    }

    @Test("CRLF chapters parse like LF chapters")
    func crlf() throws {
        let chapter = try parse("```swift id=a\r\nprint(1)\r\n```\r\n```output\r\n1\r\n```\r\n")
        #expect(chapter.cells[0].code == "print(1)\n")
        #expect(chapter.cells[0].expected?.text == "1\n")
    }
}
