import Foundation
import FolioProtocol
import Testing
@testable import Notebook

@Suite("Recorded runs: file format, names, staleness, shards")
struct RecordFormatTests {
    struct Edge: Codable, Equatable {
        var floats: [Float]
        var doubles: [Double]
        var zebra = 1
        var apple = "a/b"
    }

    static let meta = RecordMeta(date: "2026-12-02T10:00:00Z", seconds: 960, machine: RecordMachine(cpu: "AMD EPYC", cores: 2, blas: "OpenBLAS Zen"),
                                 threads: 2, seed: 6, folioVersion: "0.9.0", commit: "abc", data: ["ptb": "d1"])

    @Test("Float and Double edge values survive encode and decode bit for bit; nan and infinities as strings")
    func roundTrip() throws {
        let floats: [Float] = [0.1, -0.0, 1, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, .ulpOfOne,
                               1 / 3, 16_777_217, .infinity, -.infinity, .nan]
        let doubles: [Double] = [0.1, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1e-300, 1 / 3, .pi, .infinity, .nan]
        let file = RecordFile(name: "edge", chapter: "chapters/a.md", codeHash: "h", value: Edge(floats: floats, doubles: doubles), meta: Self.meta)
        let data = try RecordCoding.encoder().encode(file)
        let back = try RecordCoding.decoder().decode(RecordFile<Edge>.self, from: data)
        #expect(back.value.floats.map(\.bitPattern) == floats.map { $0.isNaN ? back.value.floats[floats.firstIndex(where: \.isNaN)!].bitPattern : $0.bitPattern })
        #expect(back.value.floats.last!.isNaN && back.value.doubles.last!.isNaN)
        #expect(Array(back.value.doubles.dropLast()).map(\.bitPattern) == Array(doubles.dropLast()).map(\.bitPattern))
        #expect(back.meta == Self.meta)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"nan\"") && text.contains("\"-inf\""))
        #expect(text.contains("\"a/b\""), "slashes are not escaped")
    }

    @Test("keys are sorted at every level and the output is pretty-printed, so a re-record diffs line by line")
    func sortedKeys() throws {
        let file = RecordFile(name: "n", chapter: "c.md", codeHash: "h", value: Edge(floats: [], doubles: []), meta: Self.meta)
        let text = String(decoding: try RecordCoding.encoder().encode(file), as: UTF8.self)
        let topKeys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(topKeys == ["chapter", "code_hash", "format", "meta", "name", "value"])
        let position = { (key: String) in text.range(of: "\"\(key)\"")!.lowerBound }
        #expect(position("apple") < position("doubles") && position("doubles") < position("floats") && position("floats") < position("zebra"))
        #expect(text.contains("\"format\" : \"folio-record-1\""))
    }

    @Test("a decoding failure names the field")
    func describesField() throws {
        let json = #"{"format":"folio-record-1","name":"n","chapter":"c","code_hash":"h","meta":{"date":"d","seconds":"slow"}}"#
        do {
            _ = try RecordCoding.decoder().decode(RecordHeader.self, from: Data(json.utf8))
            Issue.record("decoded a bad header")
        } catch {
            #expect(RecordCoding.describe(error).hasPrefix("meta.seconds: expected a number"), "\(RecordCoding.describe(error))")
        }
    }

    @Test("record names: letters, digits, - _ . only; the path is records/<chapter>/<name>.json beside the chapter")
    func names() {
        #expect(RecordName.problem(with: "lstm-1x50_v2.final") == nil)
        #expect(RecordName.problem(with: "") != nil)
        #expect(RecordName.problem(with: "a b") != nil)
        #expect(RecordName.problem(with: "../x") != nil)
        #expect(RecordName.problem(with: ".hidden") != nil)
        #expect(RecordName.path(chapter: "chapters/06-language-modelling.md", name: "lstm-1x50")
                == "chapters/records/06-language-modelling/lstm-1x50.json")
        #expect(RecordName.path(chapter: "a.md", name: "x") == "./records/a/x.json")
    }

    @Test("recorded calls are found in cell code with their lines; comments are skipped; bad names are errors at the line")
    func findsCalls() throws {
        let code = "let a = 1\n// recorded(\"commented\")\nlet r = recorded(\"first\", verify: v) {\n  1\n}\nlet s = recorded( \"second\") { 2 }\nlet t = notrecorded(\"x\")\n"
        let calls = try RecordCall.find(in: code, firstLine: 10, path: "c.md")
        #expect(calls == [RecordCall(name: "first", line: 12), RecordCall(name: "second", line: 15)])
        #expect(throws: ChapterError.badRecord(path: "c.md", line: 11, reason: "record name 'a b' may only hold letters, digits, '-', '_' and '.'")) {
            try RecordCall.find(in: "\nrecorded(\"a b\") { 1 }", firstLine: 10, path: "c.md")
        }
        #expect(throws: ChapterError.self) { try RecordCall.find(in: "recorded(name) { 1 }", firstLine: 1, path: "c.md") }
    }

    @Test("a name recorded twice in one chapter is a malformed chapter at the second call's line")
    func duplicateNames() {
        let source = "```swift\nlet a = recorded(\"x\") { 1 }\n```\n\n```swift\nlet b = recorded(\"x\") { 2 }\n```\n"
        #expect(throws: ChapterError.badRecord(path: "d.md", line: 6, reason: "record 'x' is already recorded on line 2: give each recorded run its own name")) {
            try MarkdownChapterParser.parse(source: source, path: "d.md")
        }
    }

    @Test("staleness: fresh, code changed, data changed, missing, unreadable, wrong format")
    func staleness() throws {
        let folder = NSTemporaryDirectory() + "folio-records-\(UUID().uuidString)"
        let chapterPath = "\(folder)/c.md"
        let source = "```swift\nlet a = recorded(\"a\") { 1 }\n```\n"
        let chapter = try MarkdownChapterParser.parse(source: source, path: chapterPath)
        func state(_ data: [String: String] = ["ptb": "d1"]) -> (RecordPlan.FileState, String?) {
            let item = RecordInventory(chapter: chapter, data: data).items[0]
            return (item.state, item.reason)
        }
        #expect(state().0 == .missing)
        let path = RecordName.path(chapter: chapterPath, name: "a")
        func write(codeHash: String, format: String? = nil) throws {
            var file = RecordFile(name: "a", chapter: chapterPath, codeHash: codeHash, value: 1, meta: Self.meta)
            if let format { file.format = format }
            try AtomicFile.write(try RecordCoding.encoder().encode(file), to: path)
        }
        try write(codeHash: SHA256.hex(chapter.cells[0].code))
        #expect(state().0 == .fresh)
        let (dataState, dataReason) = state(["ptb": "d2"])
        #expect(dataState == .stale && dataReason?.contains("the data set 'ptb' changed") == true)
        try write(codeHash: "other")
        let (codeState, codeReason) = state()
        #expect(codeState == .stale && codeReason?.hasPrefix("the code of cell 1 changed since it was recorded 2026-12-02 on AMD EPYC, 2 cores, in 16 min") == true)
        try write(codeHash: SHA256.hex(chapter.cells[0].code), format: "folio-record-0")
        #expect(state().0 == .unreadable)
        try AtomicFile.write("{ not json", to: path)
        let (badState, badReason) = state()
        #expect(badState == .unreadable && badReason?.contains("not valid JSON") == true)
    }

    @Test("shards are disjoint and cover every record; --only and --force choose what is made")
    func selection() {
        let names = (0..<40).map { "run-\($0)" }
        for count in 1...4 {
            var owners: [String: Int] = [:]
            for index in 1...count {
                let request = RecordRequest(makes: true, force: false, only: [], shard: (index, count))
                for name in names where request.makes(name: name, chapter: "chapters/x.md", state: .missing) {
                    #expect(owners[name] == nil, "\(name) in two shards")
                    owners[name] = index
                }
            }
            #expect(owners.count == names.count)
            if count == 2 { #expect(Set(owners.values) == [1, 2], "both shards get work") }
        }
        let plain = RecordRequest(makes: true, force: false, only: [], shard: nil)
        #expect(!plain.makes(name: "a", chapter: "c.md", state: .fresh))
        #expect(plain.makes(name: "a", chapter: "c.md", state: .stale))
        #expect(RecordRequest(makes: true, force: true, only: [], shard: nil).makes(name: "a", chapter: "c.md", state: .fresh))
        #expect(!RecordRequest(makes: true, force: true, only: ["b"], shard: nil).makes(name: "a", chapter: "c.md", state: .fresh))
        #expect(!RecordRequest.none.makes(name: "a", chapter: "c.md", state: .missing))
    }

    @Test("progress markers carry done, total and the message; the splitter keeps them out of the cell's text")
    func progressMarkers() {
        let token = "t0k"
        var splitter = CellStreamSplitter(token: token)
        let marker = RecordMarker.progress(cell: 3, done: 5, total: 20, message: "epoch 1: loss 5.1\u{2}", token: token)
        let begin = ProtocolMarker.text(.beginCell, token: token, ["3"])
        let markers = splitter.feed(Array("\(begin)a\(RecordMarker.bodyStarted(cell: 3, token: token))\(marker)b\(RecordMarker.bodyEnded(cell: 3, token: token))".utf8))
        #expect(markers == [.begin(3), .bodyStarted(3), .progress(cell: 3, done: 5, total: 20, message: "epoch 1: loss 5.1"), .bodyEnded(3)])
        #expect(splitter.text(ofCell: 3) == "ab")
    }
}
