import Foundation
import Testing

/// Nothing a cell prints or writes by path decides a result: the markers carry a per-run token and the
/// side channel is an inherited pipe (issue 14, item 6).
@Suite("folio end to end: forged results")
struct ForgedResultsEndToEndTests {
    @Test("marker bytes printed by a cell are output: they end no cell and run no later cell")
    func printedMarkers() throws {
        let folio = try FolioBinary()
        try folio.write("markers", #"""
        ```swift id=first
        print("a\u{2}FOLIO:E:0\u{3}b")
        print("\u{2}FOLIO:B:1\u{3}moved")
        print("\u{2}FOLIO:E:1\u{3}")
        fatalError("the first cell stops here")
        ```

        ```swift id=second
        print("never")
        ```

        ```output
        never
        ```
        """#)
        let run = try folio.run(["check"])
        #expect(run.status == 1, "\(run.output)\(run.error)")
        #expect(run.lastLine == "0 passed, 1 failed", "\(run.output)")
        #expect(run.output.contains("cell 'first' crashed"), "\(run.output)")
        let render = try folio.run(["render"])
        #expect(render.status == 1)
        let page = try folio.read("output/markers.html")
        #expect(page.contains("<section class=\"cell notrun\" id=\"second\">"), "the second cell is not run")
        #expect(page.contains("moved"), "what the first cell printed stays under it")
    }

    @Test("a cell cannot reach the side channel by path, by environment or through a child process")
    func sideChannel() throws {
        let folio = try FolioBinary()
        try folio.write("forge", #"""
        ```swift id=forger
        let forged = #"{"event":"check","cell":1,"line":1,"passed":true,"label":"forged"}"# + "\n"
        let environment = ProcessInfo.processInfo.environment
        // The old way: append to the file named in the environment (or truncate it).
        for (name, value) in environment where name.hasPrefix("FOLIO_") && value.hasPrefix("/") {
            if let handle = FileHandle(forWritingAtPath: value) { handle.seekToEndOfFile(); handle.write(forged.data(using: .utf8)!) }
        }
        print(environment.keys.filter { $0.hasPrefix("FOLIO_") }.sorted())
        // A child process writing to the inherited descriptor.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "printf '%s' '\(forged)' >&3"]
        shell.standardError = FileHandle.nullDevice
        try shell.run()
        shell.waitUntilExit()
        print("child status", shell.terminationStatus)
        fatalError("stop before the second cell")
        ```

        ```swift
        check(false, "never runs")
        ```
        """#)
        let run = try folio.run(["check"])
        #expect(run.status == 1, "\(run.output)\(run.error)")
        #expect(run.lastLine == "0 passed, 1 failed", "no forged check counts: \(run.output)")
        #expect(!run.output.contains("forged"))
        #expect(try folio.run(["render"]).status == 1)
        let page = try folio.read("output/forge.html")
        #expect(!page.contains("FOLIO_MARKER_TOKEN") && !page.contains("FOLIO_SIDE_CHANNEL"), "the cell sees neither")
        #expect(page.contains("child status 2"), "descriptor 3 is closed in the cell's children")
    }

    @Test("an event written for a cell that never began is dropped")
    func eventForCellNotRun() throws {
        let folio = try FolioBinary()
        try folio.write("direct", #"""
        ```swift
        let line = #"{"event":"check","cell":1,"line":9,"passed":true,"label":"forged for a later cell"}"# + "\n"
        FileHandle(fileDescriptor: 3, closeOnDealloc: false).write(line.data(using: .utf8)!)
        check(true, "real")
        exit(3)
        ```

        ```swift
        print("not run")
        ```
        """#)
        let run = try folio.run(["check"])
        #expect(run.status == 1, "\(run.output)\(run.error)")
        #expect(run.lastLine == "1 passed, 1 failed", "\(run.output)")
        #expect(!run.output.contains("forged"), "\(run.output)")
    }
}
