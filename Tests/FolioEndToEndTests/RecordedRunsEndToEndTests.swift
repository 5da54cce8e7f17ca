import Foundation
import Testing

/// `recorded(…)`, `folio record` and what `check` makes of records, through the built binary.
@Suite("folio end to end: recorded runs")
struct RecordedRunsEndToEndTests {
    /// A chapter with a slow record (the body sleeps, then returns a struct) and a quick one. Each body
    /// appends its name to `ran.txt`, so a test can tell whether it ran.
    static func chapter(sleep: Double = 3, expectedMean: Double = 2.5, extraLine: String = "") -> String {
        """
        ---
        title: Records
        ---
        ```swift id=setup
        struct Summary: Codable { var mean: Double; var values: [Float] }
        func note(_ name: String) {
            let handle = FileHandle(forWritingAtPath: "ran.txt") ?? { FileManager.default.createFile(atPath: "ran.txt", contents: nil); return FileHandle(forWritingAtPath: "ran.txt")! }()
            handle.seekToEndOfFile(); handle.write("\\(name)\\n".data(using: .utf8)!); handle.closeFile()
        }
        ```

        ```swift id=slow
        let slow = recorded("slow", verify: { s in expectClose(s.mean, \(expectedMean), "mean of the record") }) {
            note("slow")
            Thread.sleep(forTimeInterval: \(sleep))\(extraLine)
            return Summary(mean: 2.5, values: [1, 2, 3, 4, .nan])
        }
        print(slow.mean)
        ```

        ```swift id=quick
        let quick = recorded("quick") { () -> Int in note("quick"); return 42 }
        print(quick)
        ```
        ```output
        42
        ```
        """
    }

    func ran(_ folio: FolioBinary) -> [String] {
        ((try? folio.read("ran.txt")) ?? "").split(separator: "\n").map(String.init)
    }

    @Test("check before record fails naming the command; record writes; check then passes without running the body")
    func lifecycle() throws {
        let folio = try FolioBinary()
        try folio.write("rec", Self.chapter())
        let before = try folio.run(["check"])
        #expect(before.status == 1, "\(before.output)\(before.error)")
        #expect(before.output.contains("chapters/rec.md:13: check failed: record 'slow' is missing: make it with folio record chapters/rec.md --only slow"), "\(before.output)")
        #expect(before.output.contains("records: 0 made, 0 verified, 0 stale, 1 missing"), "\(before.output)")
        #expect(ran(folio).isEmpty, "check never runs a body")

        let record = try folio.run(["record"])
        #expect(record.status == 0, "\(record.output)\(record.error)")
        #expect(ran(folio) == ["slow", "quick"])
        let stored = try folio.read("chapters/records/rec/slow.json")
        #expect(stored.contains("\"name\" : \"slow\"") && stored.contains("\"mean\" : 2.5") && stored.contains("\"nan\""))
        #expect(stored.contains("\"chapter\" : \"chapters/rec.md\"") && stored.contains("\"code_hash\" : "))
        #expect(stored.contains("\"cores\" : ") && stored.contains("\"blas\" : \"OpenBLAS ") && stored.contains("\"threads\" : "))
        #expect(record.output.contains("made       slow  chapters/records/rec/slow.json"), "\(record.output)")

        let check = try folio.run(["check"])
        #expect(check.status == 0, "\(check.output)\(check.error)")
        #expect(check.lastLine == "2 passed, 0 failed", "\(check.output)")
        #expect(check.output.contains("records: 0 made, 2 verified, 0 stale, 0 missing"), "\(check.output)")
        #expect(check.seconds < 3, "check took \(check.seconds) s: it must not sleep in the body")
        #expect(ran(folio) == ["slow", "quick"], "no body ran during check")

        // The page shows the provenance.
        let render = try folio.run(["render", "--output", "out"])
        #expect(render.status == 0, "\(render.output)\(render.error)")
        let page = try folio.read("out/rec.html")
        #expect(page.contains("<p class=\"record pass\""), "provenance line")
        #expect(page.contains("slow: recorded ") && page.contains(" cores, in 3.0 s · verified"), "provenance text")
    }

    @Test("editing the recording cell makes the record stale; a verify that disagrees fails with expected and actual")
    func staleAndVerify() throws {
        let folio = try FolioBinary()
        try folio.write("rec", Self.chapter(sleep: 0.1))
        #expect(try folio.run(["record"]).status == 0)
        try folio.write("rec", Self.chapter(sleep: 0.2))
        let stale = try folio.run(["check"])
        #expect(stale.status == 1)
        #expect(stale.output.contains("record 'slow' is stale: the code of cell 'slow' changed since it was recorded "), "\(stale.output)")
        #expect(stale.output.contains("remake it with folio record chapters/rec.md --only slow"), "\(stale.output)")
        #expect(stale.output.contains("1 stale"), "\(stale.output)")

        try folio.write("rec", Self.chapter(sleep: 0.1))
        // Same body, a verify that expects another mean: only the verify's check fails.
        var text = Self.chapter(sleep: 0.1)
        text = text.replacingOccurrences(of: "expectClose(s.mean, 2.5,", with: "expectClose(s.mean, 3.5,")
        try folio.write("rec", text)
        // The verify is in the recording cell, so this edit also makes it stale: remake, then check.
        #expect(try folio.run(["record"]).status == 1, "the verify fails right after making too")
        let check = try folio.run(["check"])
        #expect(check.status == 1)
        #expect(check.output.contains("chapters/rec.md:13: check failed: mean of the record\n    expected: 3.5\n    actual:   2.5"), "\(check.output)")
        #expect(check.output.contains("1 failed verify"), "\(check.output)")
    }

    @Test("--only makes one record, --force remakes a fresh one, an unknown name is a usage error")
    func onlyAndForce() throws {
        let folio = try FolioBinary()
        try folio.write("rec", Self.chapter(sleep: 0.1))
        let only = try folio.run(["record", "--only", "quick"])
        #expect(only.status == 0, "\(only.output)\(only.error)")
        #expect(ran(folio) == ["quick"], "the slow record's cell was left out")
        #expect(FileManager.default.fileExists(atPath: folio.folder.appendingPathComponent("chapters/records/rec/quick.json").path))
        #expect(!FileManager.default.fileExists(atPath: folio.folder.appendingPathComponent("chapters/records/rec/slow.json").path))
        #expect(try folio.run(["record"]).status == 0)
        #expect(ran(folio) == ["quick", "slow"], "only the missing one was made")
        #expect(try folio.run(["record"]).status == 0)
        #expect(ran(folio) == ["quick", "slow"], "nothing is made when all are fresh")
        #expect(try folio.run(["record", "--force", "--only", "slow"]).status == 0)
        #expect(ran(folio) == ["quick", "slow", "slow"])
        let unknown = try folio.run(["record", "--only", "nosuch"])
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("no recorded run named nosuch"), "\(unknown.error)")
        #expect(try folio.run(["record", "--shard", "3/2"]).status == 2)
    }

    @Test("--shard 1/2 and 2/2 make every record exactly once between them")
    func shards() throws {
        let folio = try FolioBinary()
        var text = Self.chapter(sleep: 0.1)
        for index in 1...4 {
            text += "\n\n```swift id=extra\(index)\nlet extra\(index) = recorded(\"extra-\(index)\") { () -> Int in note(\"extra-\(index)\"); return \(index) }\n```\n"
        }
        try folio.write("rec", text)
        let first = try folio.run(["record", "--shard", "1/2"])
        let second = try folio.run(["record", "--shard", "2/2"])
        #expect(first.status == 0 && second.status == 0, "\(first.output)\(second.output)")
        let made = ran(folio)
        #expect(made.sorted() == ["extra-1", "extra-2", "extra-3", "extra-4", "quick", "slow"], "\(made)")
        #expect(try folio.run(["check"]).status == 0)
    }

    @Test("a body that traps loses only its own record: the others are made and kept, folio exits 1 naming it")
    func trappingBody() throws {
        let folio = try FolioBinary()
        let trap = "\n            if FileManager.default.fileExists(atPath: \"trap\") { fatalError(\"the body gave up\") }"
        try folio.write("rec", Self.chapter(sleep: 0.1, extraLine: trap))
        #expect(try folio.run(["record"]).status == 0)
        let quickBefore = try folio.read("chapters/records/rec/quick.json")
        _ = FileManager.default.createFile(atPath: folio.folder.appendingPathComponent("trap").path, contents: nil)
        let forced = try folio.run(["record", "--force"])
        #expect(forced.status == 1, "\(forced.output)\(forced.error)")
        #expect(forced.error.contains("not made: slow (chapters/records/rec/slow.json)"), "\(forced.error)")
        #expect(forced.output.contains("cell 'slow' crashed: Fatal error: the body gave up"), "\(forced.output)")
        #expect(ran(folio) == ["slow", "quick", "slow", "quick"], "the record after the trap was still made")
        #expect(try folio.read("chapters/records/rec/quick.json") != quickBefore, "quick was remade")
        let check = try folio.run(["check"])
        #expect(check.status == 0, "the old slow record is intact: \(check.output)")
    }
}
