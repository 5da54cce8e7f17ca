import Foundation
import Testing

/// What `render` keeps and how `watch` waits (issue 14: item 15, item 16, the output cap).
@Suite("folio end to end: render cache, output cap, watch")
struct RenderLimitsEndToEndTests {
    @Test("a result decided by a time-out is not served again as (cached)")
    func timeoutNotCached() throws {
        let folio = try FolioBinary()
        let cache = folio.folder.appendingPathComponent("cache").path
        try folio.write("slow", "```swift id=slow timeout=1\nThread.sleep(forTimeInterval: 5)\n```\n\n```swift\ncheck(true)\n```\n")
        for attempt in 1...2 {
            let run = try folio.run(["render"], environment: ["FOLIO_CACHE_DIR": cache])
            #expect(run.status == 1, "attempt \(attempt): \(run.output)\(run.error)")
            #expect(run.output.contains("cell 'slow' timed out: it ran past its limit of 1 s"), "attempt \(attempt): \(run.output)")
            #expect(!run.output.contains("(cached)"), "attempt \(attempt): \(run.output)")
        }
        // A result that failed on its own merits is still cached.
        try folio.write("slow", "```swift\ncheck(false, \"wrong\")\n```\n")
        #expect(try folio.run(["render"], environment: ["FOLIO_CACHE_DIR": cache]).status == 1)
        #expect(try folio.run(["render"], environment: ["FOLIO_CACHE_DIR": cache]).output.contains("(cached)"))
    }

    @Test("a cell printing 5 MB makes a page of less than 1 MB that keeps the first and last lines and says what was cut")
    func outputCap() throws {
        let folio = try FolioBinary()
        try folio.write("loud", """
        ```swift id=loud
        for line in 0..<100_000 { print("line \\(line) " + String(repeating: "x", count: 40)) }
        check(true, "printed")
        ```
        """)
        let run = try folio.run(["render"])
        #expect(run.status == 0, "\(run.output)\(run.error)")
        let page = try folio.read("output/loud.html")
        #expect(page.utf8.count < 1_000_000, "\(page.utf8.count) bytes")
        #expect(page.contains("line 0 xxxx") && page.contains("line 99999 xxxx"))
        #expect(page.contains("cut: the cell printed 5.2 MB; folio keeps the first and the last 131 kB"), "\(page.prefix(500))")
    }

    @Test("--interval must be a sensible number of seconds")
    func badInterval() throws {
        let folio = try FolioBinary()
        for value in ["0", "1e-9", "nan", "inf", "-1"] {
            let run = try folio.run(["watch", "--interval=\(value)"])
            #expect(run.status == 2, "\(value): \(run.error)")
            #expect(run.error.contains("--interval must be a number of seconds from 0.05 to 3600"), "\(value): \(run.error)")
        }
    }

    @Test("watch renders a saved chapter again at once, long before its --interval")
    func watchWakesOnSave() throws {
        let folio = try FolioBinary()
        try folio.write("live", "```swift\nprint(\"first\")\ncheck(true)\n```\n")
        let watch = try FolioBackground(folio, ["watch", "--interval", "600", "--output", "out"])
        defer { watch.stop() }
        let page = folio.folder.appendingPathComponent("out/live.html").path
        #expect(watch.wait(timeout: 120) { (try? String(contentsOfFile: page, encoding: .utf8))?.contains("first") == true }, "\(watch.error)")
        #expect(watch.wait(timeout: 10) { watch.error.contains("watching 1 chapter") }, "\(watch.error)")
        Thread.sleep(forTimeInterval: 1.1)  // a new modification time, whatever the file system's resolution
        try folio.write("live", "```swift\nprint(\"second\")\ncheck(true)\n```\n")
        let saved = Date()
        #expect(watch.wait(timeout: 60) { (try? String(contentsOfFile: page, encoding: .utf8))?.contains("second") == true }, "\(watch.error)")
        #expect(Date().timeIntervalSince(saved) < 60, "woken by the save, not by the 600 s interval")
    }
}
