import Foundation
import Testing
import FolioProtocol

@Suite("Side-channel events")
struct SideChannelEventTests {
    @Test("a check event is one JSON line without its absent fields, and reads back equal")
    func checkLine() throws {
        let event = SideChannelEvent.check(cell: 2, line: 41, passed: false, label: "loss", expected: "0.5", actual: "0.7", margin: 2.5)
        let line = try event.jsonLine()
        #expect(String(decoding: line, as: UTF8.self)
            == #"{"actual":"0.7","cell":2,"event":"check","expected":"0.5","label":"loss","line":41,"margin":2.5,"passed":false}"# + "\n")
        #expect(SideChannelEvent.events(in: Array(line)) == [event])
    }

    @Test("an infinite margin is left out rather than written as text JSON cannot read")
    func infiniteMargin() throws {
        let event = SideChannelEvent.check(cell: 0, line: 1, passed: false, label: "", margin: .infinity)
        #expect(event.margin == nil)
        #expect(!String(decoding: try event.jsonLine(), as: UTF8.self).contains("margin"))
    }

    @Test("lines that are not whole events are skipped; the rest keep their order")
    func partialLines() throws {
        let html = SideChannelEvent.html(cell: 1, "<svg>\"quoted\"\n</svg>")
        let inline = SideChannelEvent.inline(cell: 1, index: 3, text: "42")
        let record = SideChannelEvent.record(cell: 4, line: 9, name: "lstm", status: "made", verified: true,
                                             verifyFailed: false, provenance: nil)
        var bytes = Array(try html.jsonLine()) + Array("not json\n".utf8) + Array(try inline.jsonLine())
        bytes += Array(try record.jsonLine()) + Array(#"{"event":"check","cell":"#.utf8)
        #expect(SideChannelEvent.events(in: bytes) == [html, inline, record])
    }

    @Test("side-channel JSON strings escape quotes, backslashes and control characters")
    func json() throws {
        let line = try SideChannelEvent.check(cell: 0, line: 1, passed: true, label: "a\"b\\c\nd\u{1}").jsonLine()
        #expect(String(decoding: line, as: UTF8.self).contains(#""label":"a\"b\\c\nd\u0001""#))
    }
}
