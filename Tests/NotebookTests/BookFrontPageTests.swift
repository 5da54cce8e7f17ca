import Foundation
import Testing
@testable import Notebook

/// `chapters/index.md`: the book's title and introduction on the index, and never a chapter.
@Suite("Book front page")
struct BookFrontPageTests {
    @Test("front matter gives the title; the body becomes the introduction, with math")
    func frontMatterTitle() throws {
        let front = try BookFrontPage.parse(source: "---\ntitle: Deep learning in Swift\n---\nSix chapters on $\\sigma$.\n",
                                            path: "chapters/index.md")
        #expect(front.title == "Deep learning in Swift")
        #expect(front.introduction == "<p>Six chapters on <math><mi>σ</mi></math>.</p>\n")
    }

    @Test("without front matter the first # heading is the title and leaves the introduction")
    func headingTitle() throws {
        let front = try BookFrontPage.parse(source: "# A <book>\n\nIntro *here*.\n", path: "chapters/index.md", pieces: .plain)
        #expect(front.title == "A <book>")
        #expect(front.introduction == "<p>Intro <em>here</em>.</p>\n")
    }

    @Test("a bad key in its front matter is an error with file:line")
    func badFrontMatter() {
        #expect(throws: ChapterError.self) { try BookFrontPage.parse(source: "---\ntitel: x\n---\n", path: "chapters/index.md") }
    }

    @Test("the index shows the title, the introduction and the API link above the chapters")
    func indexPage() {
        var index = BookIndex()
        index.front = BookFrontPage(title: "The <Book>", introduction: "<p>Read me.</p>\n")
        index.record(ChapterResult(path: "chapters/01-a.md", title: "A", cells: [], seconds: 0, compileSeconds: 0), file: "01-a.html")
        let html = index.html(pieces: .plain, apiReference: "api/index.html")
        #expect(html.contains("<title>The &lt;Book&gt;</title>"))
        #expect(html.contains("<header class=\"book\"><h1>The &lt;Book&gt;</h1>\n<div class=\"intro\"><p>Read me.</p>\n</div>\n<p class=\"api-link\">API reference: <a href=\"api/index.html\">DeepLearning and NotebookRuntime</a></p></header>\n<h2>Chapters</h2>"))
        let plain = BookIndex().html(pieces: .plain)
        #expect(plain.contains("<h1>Chapters</h1>"))
        #expect(!plain.contains("<p class=\"api-link\""))
    }

    @Test("a folder of chapters leaves index.md out, and the folder with it is found for the paths")
    func notAChapter() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("front-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["index.md", "01-a.md", "02-b.md"] {
            try "# \(name)\n".write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        #expect(try ChapterPaths.expand([folder.path]) == ["\(folder.path)/01-a.md", "\(folder.path)/02-b.md"])
        #expect(BookFrontPage.folder(for: [folder.path]) == folder.path)
        #expect(BookFrontPage.folder(for: ["\(folder.path)/01-a.md"]) == folder.path)
        let front = try #require(try BookFrontPage.read(folder: folder.path, pieces: .plain))
        #expect(front.title == "index.md")
        #expect(try BookFrontPage.read(folder: NSTemporaryDirectory() + "no-such-\(UUID().uuidString)") == nil)
    }

    @Test("the index stored beside the pages keeps the front page")
    func storedFront() throws {
        let folder = NSTemporaryDirectory() + "front-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var index = BookIndex()
        index.front = BookFrontPage(title: "T", introduction: "<p>I</p>")
        try index.save(to: folder)
        #expect(BookIndex.load(from: folder).front == index.front)
    }
}
