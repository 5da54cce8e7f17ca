import Foundation
import Testing

/// `folio check --typecheck` through the built binary.
@Suite("folio end to end: --typecheck")
struct TypecheckEndToEndTests {
    @Test("--typecheck reports a type error in a chapter whose first cell sleeps 60 s, in under 10 s, running nothing")
    func typeErrorWithoutRunning() throws {
        let folio = try FolioBinary()
        // A comment unique to this run keeps the compile cache from answering for the compiler.
        try folio.write("slow", """
        ```swift id=nap
        // \(UUID().uuidString)
        Thread.sleep(forTimeInterval: 60)
        FileManager.default.createFile(atPath: "ran.txt", contents: nil)
        ```

        ```swift id=wrong
        let total: Int = 2.5 * 2
        ```

        ```swift id=shown compile-error
        let s: String = 1
        ```

        ```swift norun
        this is not Swift
        ```
        """)
        try folio.write("fine", "```swift\nlet x = 1 // \(UUID().uuidString)\nprint(x)\n```\n```output\n2\n```\n")
        let run = try folio.run(["check", "--typecheck"])
        #expect(run.seconds < 10, "took \(run.seconds) s")
        #expect(run.status == 1, "\(run.output)\(run.error)")
        #expect(run.output.contains("chapters/slow.md:8: cell 'wrong' does not compile:\n"), "the message is in the diagnostics below: \(run.output)")
        #expect(run.output.contains("chapters/slow.md:8:22: error: "), "\(run.output)")
        #expect(run.output.contains("PASS  chapters/fine.md  1 passed  0 failed"), "its wrong output block is not looked at: \(run.output)")
        #expect(run.lastLine == "2 passed, 1 failed", "one check per runnable cell: \(run.output)")
        #expect(!FileManager.default.fileExists(atPath: folio.folder.appendingPathComponent("ran.txt").path), "nothing ran")
    }
}
