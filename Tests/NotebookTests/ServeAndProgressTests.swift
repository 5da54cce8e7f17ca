import Foundation
import Testing
@testable import Notebook

/// The pieces of `watch --serve` that are plain functions (which file a request names, the reload
/// script) and the live progress board.
@Suite("Serving and progress")
struct ServeAndProgressTests {
    static func site() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("folio-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("out/sub"), withIntermediateDirectories: true)
        try "<html><body>page</body></html>".write(to: root.appendingPathComponent("out/index.html"), atomically: true, encoding: .utf8)
        try "a b".write(to: root.appendingPathComponent("out/sub/a b.txt"), atomically: true, encoding: .utf8)
        try "secret".write(to: root.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("out/link.txt").path,
                                                   withDestinationPath: root.appendingPathComponent("secret.txt").path)
        return root.path
    }

    @Test("files inside the folder are served; .. (plain or encoded), links out and missing files are not")
    func paths() throws {
        let root = try Self.site()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = "\(root)/out"
        let real = URL(fileURLWithPath: out).resolvingSymlinksInPath().path
        #expect(ServedPath.resolve("/", root: out) == "\(real)/index.html")
        #expect(ServedPath.resolve("/index.html?x=1", root: out) == "\(real)/index.html")
        #expect(ServedPath.resolve("/sub/a%20b.txt", root: out) == "\(real)/sub/a b.txt")
        for refused in ["/../secret.txt", "/sub/../../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/link.txt", "/missing.html", "/sub", "/a%00b"] {
            #expect(ServedPath.resolve(refused, root: out) == nil, "\(refused)")
        }
        #expect(ServedPath.contentType(of: "a.html") == "text/html; charset=utf-8")
    }

    @Test("the reload script goes before </body> of a served page only")
    func script() {
        let page = LiveReload.inject(into: "<html><body><p>x</p></body></html>")
        #expect(page.hasSuffix("<p>x</p>" + LiveReload.script + "\n</body></html>"))
        #expect(LiveReload.script.contains("\"/_folio/live\"") && LiveReload.script.contains("location.reload()"))
        #expect(LiveReload.inject(into: "no body").hasSuffix(LiveReload.script + "\n"))
    }

    @Test("the board draws one line per running chapter with its cell and elapsed time, and redraws in place")
    func board() {
        let written = Box()
        nonisolated(unsafe) var now = 100.0
        let board = ProgressBoard(width: 60, style: CursorStyle(), write: { written.append($0) }, clock: { now })
        board.update(path: "chapters/a.md", .cell(CellProgress(id: "setup", position: 1, count: 3)))
        now = 102
        board.update(path: "chapters/b.md", .step("compiling"))
        now = 107
        board.redraw()
        #expect(written.text.hasSuffix("\u{1B}[2F\u{1B}[Jchapters/a.md  cell 'setup' 1/3  0:07\nchapters/b.md  compiling  0:05\n"))
        board.printing { }
        board.finish(path: "chapters/a.md")
        #expect(written.text.hasSuffix("\u{1B}[2F\u{1B}[Jchapters/b.md  compiling  0:05\n"))
        board.stop()
        #expect(written.text.hasSuffix("\u{1B}[1F\u{1B}[J"))
        let long = ProgressBoard.lines([ProgressBoard.Entry(path: String(repeating: "x", count: 80), text: "t", since: 0)], now: 0, width: 30)
        #expect(long == [String(repeating: "x", count: 28) + "…"])
    }

    @Test("JUnit cases carry their cell's run time")
    func junitTimes() {
        let result = ChapterResult(path: "chapters/t.md", title: "T", cells: [
            CellResult(index: 0, status: .ran, checks: [CheckResult(kind: .output, passed: true, cell: 0, line: 4, label: "output of cell 1")], seconds: 1.25),
            CellResult(index: 1, status: .notRun, checks: [CheckResult(kind: .code, passed: false, cell: 1, line: 9, label: "x")]),
        ], seconds: 2, compileSeconds: 1)
        let xml = JUnitReport.xml([result])
        #expect(xml.contains("name=\"chapters/t.md:4: output of cell 1\" time=\"1.250\"/>"))
        #expect(xml.contains("name=\"chapters/t.md:9: x\" time=\"0.000\">"))
    }
}

/// Text written by the board, behind a lock.
final class Box: @unchecked Sendable {
    private var parts: [String] = []
    private let lock = NSLock()
    func append(_ text: String) { lock.lock(); parts.append(text); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return parts.joined() }
}

/// The terminal's cursor movement (as `folio`'s own style writes it) and red marks, for tests of the
/// board and of diffs; `Notebook` itself writes no escape sequence.
struct CursorStyle: TerminalStyle {
    func passed(_ text: String) -> String { text }
    func failed(_ text: String) -> String { text }
    func marked(_ text: String) -> String? { "\u{1B}[1;31m\(text)\u{1B}[0m" }
    func clearing(lines count: Int) -> String { "\u{1B}[\(count)F\u{1B}[J" }
}
