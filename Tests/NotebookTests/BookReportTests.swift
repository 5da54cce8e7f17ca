import Foundation
import Testing
@testable import Notebook

/// `check`, `render` and `record`'s book-level work, called in-process (no `folio` subprocess).
@Suite("Book report")
struct BookReportTests {
    /// A fresh folder holding the given chapters (name → text).
    func book(_ chapters: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-book-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in chapters { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    /// The libraries built beside this test binary (the package's build folder).
    func builtToolchain() throws -> Toolchain {
        var folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("libNotebookRuntime.so").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return try Toolchain.locate(binDirectory: folder.path)
    }

    /// Runs the report over `paths` with text collected in buffers.
    func report(_ paths: [String], runner: ChapterRunner) throws -> (status: BookStatus, output: String, errors: String) {
        var output = "", errors = ""
        let report = BookReport(output: { output += $0 }, errors: { errors += $0 })
        let status = try report.run(BookRun(paths: paths, jobs: 1, useResultCache: false, force: true), runner: runner)
        return (status, output, errors)
    }

    @Test("a malformed chapter is an ERROR line, a file:line message and exit status 2; the totals still print")
    func malformed() throws {
        let folder = try book(["bad.md": "---\ntimout: 5\n---\n# Bad\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let runner = ChapterRunner(toolchain: Toolchain(binDirectory: "/nonexistent", moduleDirectory: "/nonexistent",
                                                        packageRoot: folder.path, headerDirectories: []),
                                   cacheDirectory: folder.appendingPathComponent("cache").path)
        let (status, output, errors) = try report([folder.appendingPathComponent("bad.md").path], runner: runner)
        #expect(status.malformed)
        #expect(status.exitCode == FolioExit.badInput)
        #expect(status.errors.map(\.path) == [folder.appendingPathComponent("bad.md").path])
        #expect(output.hasPrefix("ERROR \(folder.appendingPathComponent("bad.md").path):2: bad front matter: unknown key 'timout'"))
        #expect(output.hasSuffix("\n0 passed, 0 failed\n"))
        #expect(errors.hasPrefix("\(folder.appendingPathComponent("bad.md").path):"))
        #expect(!output.contains("\u{1B}") && !errors.contains("\u{1B}"), "no escape sequence from the library")
    }

    @Test("chapters run in-process: a PASS and a FAIL line with its diff, the totals, exit status 1")
    func passAndFail() throws {
        let fence = "```"
        let folder = try book([
            "a.md": "# A\n\n\(fence)swift\nprint(1 + 1)\n\(fence)\n\n\(fence)output\n2\n\(fence)\n",
            "b.md": "# B\n\n\(fence)swift\nprint([1, 2, 3])\n\(fence)\n\n\(fence)output\n[1, 5, 3]\n\(fence)\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let runner = ChapterRunner(toolchain: try builtToolchain(), cacheDirectory: folder.appendingPathComponent("cache").path)
        let (status, output, errors) = try report([folder.path], runner: runner)
        let a = folder.appendingPathComponent("a.md").path, b = folder.appendingPathComponent("b.md").path
        #expect(status.passed == 1)
        #expect(status.failed == 1)
        #expect(status.exitCode == FolioExit.failedChecks)
        #expect(status.results.map(\.path) == [a, b])
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("PASS  \(a)  1 passed  0 failed  ") == true)
        #expect(lines.contains { $0.hasPrefix("FAIL  \(b)  0 passed  1 failed  ") })
        #expect(output.contains("  \(b):8: output of cell 1 differs: expected '5', got '2'\n"))
        #expect(output.contains("    - [1, 5, 3]\n          ^\n    + [1, 2, 3]\n          ^\n"))
        #expect(output.hasSuffix("\n1 passed, 1 failed\n"))
        #expect(errors.isEmpty)
    }
    @Test("chapters side by side beyond the cores run with one thread each; one at a time keeps the thread count folio has")
    func threadsFollowChaptersSideBySide() throws {
        let fence = "```"
        let outside = ProcessInfo.processInfo.environment
        let setOutside = outside["OPENBLAS_NUM_THREADS"] ?? (outside["OMP_NUM_THREADS"] != nil ? "unset" : nil)
        func chapter(expecting value: String) -> String {
            "# T\n\n\(fence)swift\nimport Foundation\nprint(ProcessInfo.processInfo.environment[\"OPENBLAS_NUM_THREADS\"] ?? \"unset\")\n\(fence)\n\n\(fence)output\n\(value)\n\(fence)\n"
        }
        let shared = setOutside ?? "1", alone = outside["OPENBLAS_NUM_THREADS"] ?? "unset"
        let folder = try book(["a.md": chapter(expecting: shared), "b.md": chapter(expecting: shared)])
        let single = try book(["c.md": chapter(expecting: alone)])
        defer { for path in [folder, single] { try? FileManager.default.removeItem(at: path) } }
        let runner = ChapterRunner(toolchain: try builtToolchain(), cacheDirectory: folder.appendingPathComponent("cache").path)
        let report = BookReport(output: { _ in }, errors: { _ in })
        var sideBySide = BookRun(paths: [folder.path], jobs: 2, useResultCache: false, force: true)
        sideBySide.cores = 1
        let both = try report.run(sideBySide, runner: runner)
        #expect(both.passed == 2 && both.failed == 0, "two chapters on one core see \(shared)")
        var oneAtATime = BookRun(paths: [single.path], jobs: 2, useResultCache: false, force: true)
        oneAtATime.cores = 1
        let lone = try report.run(oneAtATime, runner: runner)
        #expect(lone.passed == 1 && lone.failed == 0, "one chapter sees \(alone)")
    }
}
