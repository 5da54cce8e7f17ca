import Foundation
import Testing
@testable import Notebook

/// `--json` results, margins, `--compare` drift and `--shard` parts.
@Suite("Results, drift and shards")
struct ResultsFileTests {
    @Test("an output's margin is the largest |a − e| / (atol + rtol·|e|) over its numbers")
    func margin() {
        let comparison = OutputComparison(options: OutputOptions(rtol: 1e-3, atol: 0))
        #expect(abs(comparison.margin(actual: "x 1.0005 y 2", expected: "x 1 y 2")! - 0.5) < 1e-9)
        #expect(comparison.margin(actual: "x 1.0005 y 2.004", expected: "x 1 y 2")! > 1.99)
        #expect(comparison.margin(actual: "x 1 z 2", expected: "x 1 y 2") == nil, "the words differ")
        #expect(comparison.margin(actual: "words", expected: "words") == nil, "no number")
        #expect(OutputComparison(options: OutputOptions(exact: true)).margin(actual: "1", expected: "1") == nil)
    }

    static func chapter() throws -> Chapter {
        try MarkdownChapterParser.parse(source: "```swift id=m\nprint(1)\n```\n```output\n1\n```\n\n```swift\ncheck(true, \"ok\")\ncheck(true, \"ok\")\n```\n",
                                        path: "chapters/r.md")
    }

    static func result(margin: Double?, passed: Bool = true) -> ChapterResult {
        ChapterResult(path: "chapters/r.md", title: "R", cells: [
            CellResult(index: 0, status: .ran, output: "1\n", checks: [
                CheckResult(kind: .output, passed: passed, cell: 0, line: 4, label: "output of cell 'm'", margin: margin),
            ], seconds: 0.25),
            CellResult(index: 1, status: .ran, checks: [
                CheckResult(kind: .code, passed: true, cell: 1, line: 9, label: "ok"),
                CheckResult(kind: .code, passed: true, cell: 1, line: 10, label: "ok"),
            ], seconds: 0.5),
        ], seconds: 3, compileSeconds: 2)
    }

    @Test("the file has every chapter, cell and check with stable keys, and reads back")
    func roundTrip() throws {
        var result = Self.result(margin: 0.25)
        result.records = [RecordOutcome(name: "lstm", cell: 1, line: 9, status: .verified, verified: true, verifyFailed: false,
                                        provenance: "recorded 2026-12-02 on EPYC, 2 cores, in 16 min", path: "chapters/records/r/lstm.json")]
        let file = ResultsFile(results: [(try Self.chapter(), result)], errors: [(path: "chapters/x.md", message: "chapters/x.md:1: bad")],
                               date: Date(timeIntervalSince1970: 0))
        #expect(file.date == "1970-01-01T00:00:00Z")
        #expect(file.passed == 3 && file.failed == 0)
        let chapter = try #require(file.chapters.first)
        #expect(chapter.checks.map(\.key) == ["chapters/r.md#m/output/1", "chapters/r.md#cell-2/code/ok/1", "chapters/r.md#cell-2/code/ok/2"])
        #expect(chapter.cells.map(\.seconds) == [0.25, 0.5])
        #expect(chapter.cells.map(\.id) == ["m", nil])
        let text = String(decoding: try file.encoded(), as: UTF8.self)
        #expect(text.contains("\"compile_seconds\" : 2"))
        #expect(text.contains("\"margin\" : 0.25"))
        #expect(chapter.records.map(\.name) == ["lstm"] && chapter.records.map(\.status) == ["verified"])
        #expect(text.contains("\"provenance\" : \"recorded 2026-12-02 on EPYC, 2 cores, in 16 min\""))
        #expect(file.errors.map(\.message) == ["chapters/x.md:1: bad"])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("folio-results-\(UUID().uuidString).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = try ResultsFile.read(fileAt: path)
        #expect(read.chapters.first?.checks.first?.margin == 0.25)
        #expect(read.durations == ["chapters/r.md": 3])
        #expect(throws: ResultsFileError.self) { try ResultsFile.read(fileAt: path + ".missing") }
    }

    @Test("drift: a margin that grew more than the factor, or a pass that became a failure; tiny margins are no drift")
    func drift() throws {
        let chapter = try Self.chapter()
        func file(_ margin: Double?, passed: Bool = true) -> ResultsFile {
            ResultsFile(results: [(chapter, Self.result(margin: margin, passed: passed))], errors: [])
        }
        let grew = Drift.find(old: file(0.1), new: file(0.5), factor: 2)
        #expect(grew.map(\.key) == ["chapters/r.md#m/output/1"])
        if case .grew(let factor) = try #require(grew.first).change { #expect(abs(factor - 5) < 1e-9) } else { Issue.record("not .grew") }
        #expect(grew.first?.text == "chapters/r.md:4: output of cell 'm': margin 0.1 → 0.5 (×5, still passes)")
        #expect(Drift.find(old: file(0.1), new: file(0.15), factor: 2).isEmpty)
        #expect(Drift.find(old: file(0), new: file(1e-9), factor: 2).isEmpty, "a rounding error away from exact")
        let fails = Drift.find(old: file(0.9), new: file(1.5, passed: false), factor: 2)
        #expect(fails.first?.change == .nowFails)
    }

    @Test("shards are disjoint, cover every chapter, deal sorted paths round-robin, and balance by durations")
    func shards() throws {
        let paths = ["c/e.md", "c/a.md", "c/d.md", "c/b.md", "c/f.md"]
        let parts = (1...3).map { ChapterShard(index: $0, count: 3).select(paths) }
        // Sorted a, b, d, e, f dealt to 1, 2, 3, 1, 2; each part in the order given.
        #expect(parts == [["c/e.md", "c/a.md"], ["c/b.md", "c/f.md"], ["c/d.md"]])
        #expect(Set(parts.flatMap { $0 }) == Set(paths) && parts.flatMap { $0 }.count == paths.count)
        let durations = ["c/a.md": 100.0, "c/b.md": 60, "c/c.md": 50, "c/d.md": 40, "c/e.md": 10]
        let balanced = (1...2).map { ChapterShard(index: $0, count: 2, durations: durations).select(paths) }
        // f (not in the file) counts as the median of the known times, 60. Longest first, each to the
        // lighter part: a → 1 (100), b → 2 (60), f → 2 (120), d → 1 (140), e → 2 (130).
        #expect(balanced == [["c/a.md", "c/d.md"], ["c/e.md", "c/b.md", "c/f.md"]])
        #expect(try ChapterShard.parse("2/3") == (2, 3))
        for bad in ["0/3", "4/3", "1/0", "a/b", "1", "1/2/3", ""] {
            #expect(throws: ChapterShardError.malformed(bad)) { try ChapterShard.parse(bad) }
        }
    }
}
