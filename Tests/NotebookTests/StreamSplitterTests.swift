import Foundation
import FolioProtocol
import Testing
@testable import Notebook

/// The splitter of a chapter program's output: only this run's markers count, and the work is linear
/// in the stream whatever bytes a cell prints (issue 14, items 6 and 12).
@Suite("Stream splitter")
struct StreamSplitterTests {
    static let token = "0123456789abcdef0123456789abcdef"
    static func marker(_ kind: ProtocolMarker.Kind, _ index: Int) -> String { ProtocolMarker.text(kind, token: token, [String(index)]) }

    @Test("markers without this run's token, or with another token, are output of the running cell")
    func foreignMarkers() {
        var splitter = CellStreamSplitter(token: Self.token)
        let forged = "\u{2}FOLIO:E:0\u{3}\u{2}FOLIO:B:1\u{3}\u{2}FOLIO:ffff:E:0\u{3}"
        let markers = splitter.feed(Array("\(Self.marker(.beginCell, 0))a\(forged)b\(Self.marker(.endCell, 0))".utf8))
        splitter.finish()
        #expect(markers == [.begin(0), .end(0)])
        #expect(splitter.text(ofCell: 0) == "a\(forged)b")
        #expect(splitter.bytesByCell[1] == nil)
    }

    @Test("a stray STX is output at once: nothing is held back after it, whatever follows")
    func strayStartByte() {
        var splitter = CellStreamSplitter(token: Self.token)
        _ = splitter.feed(Array("\(Self.marker(.beginCell, 0))x\u{2}".utf8))
        #expect(splitter.pending.count == 1, "only the STX at the very end may start a marker")
        _ = splitter.feed(Array(repeating: UInt8(ascii: "y"), count: 100_000))
        #expect(splitter.pending.isEmpty, "bytes after an STX that starts no marker are not held back")
        // The opening of a marker with no end: held back only up to the longest marker.
        _ = splitter.feed(Array("\u{2}FOLIO:\(Self.token):B:".utf8) + Array(repeating: UInt8(ascii: "7"), count: 2 * ProtocolMarker.maximumLength))
        #expect(splitter.pending.isEmpty)
        splitter.finish()
        #expect(splitter.text(ofCell: 0).utf8.count == 2 + 100_000 + ProtocolMarker.opening(token: Self.token).utf8.count + 3 + 2 * ProtocolMarker.maximumLength)
    }

    @Test("a marker cut anywhere between two chunks is still found")
    func cutMarkers() {
        let stream = Array("\(Self.marker(.beginCell, 3))one\(Self.marker(.endCell, 3))two".utf8)
        for cut in 1..<stream.count {
            var splitter = CellStreamSplitter(token: Self.token)
            let markers = splitter.feed(Array(stream[..<cut])) + splitter.feed(Array(stream[cut...]))
            splitter.finish()
            #expect(markers == [.begin(3), .end(3)], "cut at \(cut)")
            #expect(splitter.text(ofCell: 3) == "one" && String(decoding: splitter.outside, as: UTF8.self) == "two", "cut at \(cut)")
        }
    }

    @Test("after a stray STX, 4× the output takes about 4× the time to split, not 16× (64 KiB chunks, up to 50 MB)")
    func largeOutputAfterStrayStart() {
        /// The fastest of three splits of `count` chunks (the machine may be busy), and the bytes kept.
        func split(chunks count: Int) -> (seconds: Double, kept: Int) {
            var best = Double.infinity, kept = 0
            for _ in 0..<3 {
                var splitter = CellStreamSplitter(token: Self.token)
                _ = splitter.feed(Array("\(Self.marker(.beginCell, 0))\u{2}".utf8))
                let chunk = [UInt8](repeating: UInt8(ascii: "z"), count: 65536)
                let started = Date()
                for _ in 0..<count { _ = splitter.feed(chunk) }
                splitter.finish()
                best = min(best, Date().timeIntervalSince(started))
                kept = splitter.bytesByCell[0]?.count ?? 0
            }
            return (best, kept)
        }
        let small = split(chunks: 200), large = split(chunks: 800)
        #expect(small.kept == 1 + 200 * 65536 && large.kept == 1 + 800 * 65536)
        // Linear: a ratio near 4; quadratic (rescanning what was kept): near 16.
        #expect(large.seconds / small.seconds < 9, "200 chunks \(small.seconds) s, 800 chunks \(large.seconds) s")
    }
}
