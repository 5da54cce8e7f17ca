import Foundation
import Testing

/// Live progress (forced with FOLIO_PROGRESS=live, as on a terminal) and JUnit times through the binary.
@Suite("folio end to end: progress and JUnit times")
struct ProgressEndToEndTests {
    @Test("with --jobs 2 both running chapters have a line with their current cell; JUnit cases carry the cell's time")
    func twoChapters() throws {
        let folio = try FolioBinary()
        for name in ["a", "b"] {
            try folio.write(name, "```swift id=slow-\(name)\nThread.sleep(forTimeInterval: 3)\nprint(\"\(name)\")\n```\n```output\n\(name)\n```\n")
        }
        let run = try folio.run(["check", "--jobs", "2", "--junit", "junit.xml"], environment: ["FOLIO_PROGRESS": "live"])
        #expect(run.status == 0, "\(run.output)\(run.error)")
        // Each redraw clears the board (ESC [ J) and writes one line per running chapter.
        let frames = run.error.components(separatedBy: "\u{1B}[J")
        let both = frames.first { $0.contains("chapters/a.md  cell 'slow-a' 1/1  0:0") && $0.contains("chapters/b.md  cell 'slow-b' 1/1  0:0") }
        #expect(both != nil, "a frame with both chapters: \(run.error.debugDescription)")
        #expect(frames.contains { $0.contains("cell 'slow-a' 1/1  0:02") || $0.contains("cell 'slow-b' 1/1  0:02") }, "the elapsed time moves")
        let junit = try folio.read("junit.xml")
        let time = try #require(junit.range(of: "output of cell &#39;slow-a&#39;\" time=\"")).upperBound
        let seconds = try #require(Double(junit[time...].prefix(while: { $0 != "\"" })))
        #expect(seconds >= 3 && seconds < 10, "\(junit)")
    }
}
