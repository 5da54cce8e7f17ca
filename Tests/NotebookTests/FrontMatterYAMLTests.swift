import Testing
@testable import Notebook

/// Front matter is YAML (read with Yams): what Quarto and Jekyll authors write works, and YAML errors
/// keep the file's line.
@Suite("front matter as YAML")
struct FrontMatterYAMLTests {
    @Test("quoted strings with escapes and colons, lists, comments, folded text")
    func realYAML() throws {
        let chapter = try MarkdownChapterParser.parse(source: """
        ---
        # a comment line
        title: "Pooling: max, \\"average\\" and L\\u00e9p"
        data: [digits]
        author: [Ada, Grace]
        description: >
          one folded
          paragraph
        timeout: 30
        ---
        Body.
        """, path: "c.md")
        #expect(chapter.frontMatter.title == "Pooling: max, \"average\" and Lép")
        #expect(chapter.frontMatter.data == ["digits"])
        #expect(chapter.frontMatter.timeout == 30)
        #expect(chapter.frontMatter.metadata.map(\.key) == ["author", "description"])
        #expect(chapter.frontMatter.metadata.map(\.value) == ["Ada, Grace", "one folded paragraph\n"])
        #expect(chapter.frontMatter.lineCount == 10)
        // The body keeps the file's line numbers.
        #expect(chapter.body.split(separator: "\n", omittingEmptySubsequences: false).count == 11)
    }

    @Test("a comma line for data still works; 'yes' and numbers stay text for title")
    func compatible() throws {
        let chapter = try MarkdownChapterParser.parse(source: "---\ntitle: yes\ndata: digits, ptb\nseed: 7\n---\n", path: "c.md")
        #expect(chapter.frontMatter.title == "yes")
        #expect(chapter.frontMatter.data == ["digits", "ptb"])
        #expect(chapter.frontMatter.seed == 7)
    }

    @Test("YAML errors and bad values are errors at the file's line", arguments: [
        ("---\ntitle: ok\ntitle: [unclosed\n---\n", 3, "bad front matter: not YAML"),
        ("---\ntitle: a\ndata: [digits, nosuchset]\n---\n", 3, "bad front matter: unknown data set 'nosuchset'"),
        ("---\ntitle: a\n\nseed: [1]\n---\n", 4, "bad front matter: seed takes one value"),
    ])
    func errors(source: String, line: Int, message: String) {
        do {
            _ = try MarkdownChapterParser.parse(source: source, path: "c.md")
            Issue.record("no error for \(source)")
        } catch {
            #expect(error.description.hasPrefix("c.md:\(line): \(message)"), "\(error.description)")
        }
    }
}
