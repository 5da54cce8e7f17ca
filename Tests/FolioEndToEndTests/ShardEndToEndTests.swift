import Foundation
import Testing

/// `--shard I/N` (and `--durations`) on `check` and `render` through the built binary.
@Suite("folio end to end: shards")
struct ShardEndToEndTests {
    /// The chapters a run's report lines name.
    func chapters(in run: FolioBinary.Run) -> [String] {
        run.output.split(separator: "\n").compactMap { line in
            line.hasPrefix("PASS  ") ? String(line.dropFirst(6).prefix(while: { $0 != " " })) : nil
        }
    }

    @Test("--shard 1/3, 2/3 and 3/3 partition a folder of chapters, with and without --durations; bad values exit 2")
    func partition() throws {
        let folio = try FolioBinary()
        let names = ["a", "b", "c", "d", "e"]
        for (offset, name) in names.enumerated() {
            try folio.write(name, "```swift\nprint(\(offset))\n```\n```output\n\(offset)\n```\n")
        }
        let all = try folio.run(["check", "chapters", "--json", "all.json"])
        #expect(all.status == 0, "\(all.output)\(all.error)")
        let every = names.map { "chapters/\($0).md" }
        #expect(chapters(in: all) == every)

        for extra in [[], ["--durations", "all.json"]] {
            var seen: [String] = []
            for index in 1...3 {
                let part = try folio.run(["check", "chapters", "--shard", "\(index)/3"] + extra)
                #expect(part.status == 0, "\(part.output)\(part.error)")
                seen += chapters(in: part)
                #expect(part.lastLine == "\(chapters(in: part).count) passed, 0 failed")
            }
            #expect(seen.sorted() == every, "disjoint and covering (\(extra)): \(seen)")
        }
        // Without durations: the sorted paths dealt round-robin.
        #expect(chapters(in: try folio.run(["check", "--shard", "1/3"])) == ["chapters/a.md", "chapters/d.md"])

        let render = try folio.run(["render", "--shard", "2/3", "--output", "out"])
        #expect(render.status == 0, "\(render.output)\(render.error)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: folio.folder.appendingPathComponent("out").path).filter { $0.hasSuffix(".html") }
        #expect(pages.sorted() == ["b.html", "e.html", "index.html"])

        for bad in [["--shard", "0/3"], ["--shard", "4/3"], ["--shard", "x"], ["--durations", "all.json"], ["--shard", "1/2", "--durations", "nosuch.json"]] {
            let run = try folio.run(["check"] + bad)
            #expect(run.status == 2, "\(bad): \(run.error)")
        }
        #expect(try folio.run(["check", "--shard", "0/3"]).error.contains("--shard must be I/N with 1 ≤ I ≤ N"))
    }
}
