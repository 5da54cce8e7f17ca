import Foundation
import Testing

/// `folio check --update` through the built binary.
@Suite("folio end to end: check --update")
struct UpdateEndToEndTests {
    static let chapter = """
    # Update

    ```swift id=good
    print("steps", 3)
    ```

    ```output
    steps   3
    ```

    Prose stays.

    ```swift id=wrong
    print(0.1 * 3, "units")
    print("count", 7)
    ```

    ```output rtol=1e-3
    0.3 units
    count 8
    ```

    ```swift id=typed compile-error
    let n: Int = "three"
    ```

    ```output
    error: cannot convert
    ```
    """

    @Test("--update rewrites only the wrong blocks (a number and a compiler message), prints the diff; check then passes")
    func update() throws {
        let folio = try FolioBinary()
        try folio.write("u", Self.chapter)
        let run = try folio.run(["check", "--update"])
        #expect(run.status == 0, "every failure was an output block that is now updated: \(run.output)\(run.error)")
        #expect(run.output.contains("""
        --- chapters/u.md
        +++ chapters/u.md
        @@ -19,2 +19,2 @@ output of cell 'wrong'
         0.3 units
        -count 8
        +count 7
        @@ -28,1 +28,1 @@ compiler output of cell 'typed'
        -error: cannot convert
        +error: cannot convert value of type 'String' to specified type 'Int'
        """), "\(run.output)")
        #expect(run.output.contains("updated 2 output blocks in chapters/u.md"), "\(run.output)")
        #expect(run.lastLine == "1 passed, 2 failed", "the totals are those of the run that found them")
        let expected = Self.chapter.replacingOccurrences(of: "count 8", with: "count 7")
            .replacingOccurrences(of: "error: cannot convert\n", with: "error: cannot convert value of type 'String' to specified type 'Int'\n")
        #expect(try folio.read("chapters/u.md") == expected, "the passing block, its padding, the options and the prose are untouched")

        let again = try folio.run(["check"])
        #expect(again.status == 0, "\(again.output)")
        #expect(again.lastLine == "3 passed, 0 failed")
    }

    @Test("a chapter edited while it runs is not overwritten, and the run says so")
    func changedOnDisk() throws {
        let folio = try FolioBinary()
        let text = "```swift id=slow\nThread.sleep(forTimeInterval: 4)\nprint(2)\n```\n```output\n1\n```\n"
        try folio.write("slow", text)
        let running = try FolioBackground(folio, ["check", "--update"], environment: ["FOLIO_PROGRESS": "live"])
        #expect(running.wait(timeout: 120) { running.error.contains("cell 'slow' 1/1") }, "the cell started: \(running.error)")
        try folio.write("slow", text + "\nAn edit made meanwhile.\n")
        let status = running.waitForExit(timeout: 60)
        #expect(status == 1, "\(running.output)\(running.error)")
        #expect(running.error.contains("chapters/slow.md:1: not updated: the file changed on disk while the chapter ran"), "\(running.error)")
        #expect(try folio.read("chapters/slow.md") == text + "\nAn edit made meanwhile.\n")
    }
}
