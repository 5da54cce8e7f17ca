import Foundation
import Testing

/// `folio watch --serve` through the built binary: pages over HTTP on 127.0.0.1, live reload over a
/// websocket after each render, nothing outside the output folder.
@Suite("folio end to end: watch --serve")
struct WatchServeEndToEndTests {
    @Test("the page is served (200) with the reload script, reloads and changes after an edit; ../ is refused (404)")
    func serve() throws {
        let folio = try FolioBinary()
        try folio.write("live", "# Live\n\n```swift\nprint(\"first version\")\n```\n")
        try "secret".write(to: folio.folder.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        let watch = try FolioBackground(folio, ["watch", "--serve", "--output", "out", "--interval", "0.2"])
        defer { watch.stop() }
        #expect(watch.wait(timeout: 30) { watch.output.contains("http://127.0.0.1:") }, "\(watch.output)\(watch.error)")
        let address = try #require(watch.output.range(of: "http://127.0.0.1:"))
        let port = try #require(UInt16(watch.output[address.upperBound...].prefix(while: \.isNumber)))

        #expect(watch.wait(timeout: 120) { (try? LoopbackHTTP.get(port: port, "/live.html").status) == 200 }, "\(watch.error)")
        let page = try LoopbackHTTP.get(port: port, "/live.html")
        #expect(page.body.contains("first version"))
        #expect(page.body.contains("<script data-folio-live-reload>") && page.body.contains("/_folio/live"))
        #expect(!(try folio.read("out/live.html")).contains("<script"), "the file on disk has no script")
        #expect(try LoopbackHTTP.get(port: port, "/").body.contains("live.html"), "the index")

        for outside in ["/../secret.txt", "/%2e%2e/secret.txt", "/../chapters/live.md", "/nosuch.html"] {
            #expect(try LoopbackHTTP.get(port: port, outside).status == 404, "\(outside)")
        }

        let socket = try LoopbackHTTP.openWebSocket(port: port, "/_folio/live")
        defer { close(socket) }
        Thread.sleep(forTimeInterval: 1.1)  // a new modification time, whatever the file system's resolution
        try folio.write("live", "# Live\n\n```swift\nprint(\"second version\")\n```\n")
        #expect(LoopbackHTTP.readTextFrame(socket, timeout: 120) == "reload", "\(watch.error)")
        #expect(try LoopbackHTTP.get(port: port, "/live.html").body.contains("second version"))
    }

    @Test("--serve takes an optional port; a bad one is a usage error")
    func badPort() throws {
        let folio = try FolioBinary()
        let run = try folio.run(["watch", "--serve", "70000"])
        #expect(run.status == 2, "\(run.error)")
        #expect(run.error.contains("--serve takes a port"), "\(run.error)")
    }
}
