import Foundation
import Testing

/// `folio release` through the built binary (issue 18): the student edition of a small key.
@Suite("folio end to end: release")
struct ReleaseEndToEndTests {
    static let key = """
    ---
    title: Squares
    ---

    Write `square`.

    ```swift id=square exercise
    func square(_ x: Double) -> Double {
        // BEGIN SOLUTION
        return x * x
        // END SOLUTION
    }
    ```

    ```swift id=given
    print("given")
    ```
    ```output
    given
    ```

    ```swift id=visible points=2
    expectClose(square(2), 4, "square(2)")
    ```

    ```swift id=hidden-check hidden-test
    expectClose(square(-5), 25, "square(-5)")
    ```

    The end.

    """

    @Test("the key passes; its edition has the stub, no hidden test, other bytes equal, and fails only where the solution is missing")
    func release() throws {
        let folio = try FolioBinary()
        try folio.write("squares", Self.key)
        let keyRun = try folio.run(["check", "chapters/squares.md"])
        #expect(keyRun.status == 0, "\(keyRun.output)\(keyRun.error)")
        #expect(keyRun.lastLine == "3 passed, 0 failed", "\(keyRun.output)")

        let release = try folio.run(["release", "chapters/squares.md", "--output", "student"])
        #expect(release.status == 0, "\(release.output)\(release.error)")
        #expect(release.output.contains("released chapters/squares.md -> student/squares.md  1 exercise, 1 hidden test removed"), "\(release.output)")
        let edition = try folio.read("student/squares.md")
        let expected = Self.key
            .replacingOccurrences(of: "    // BEGIN SOLUTION\n    return x * x\n    // END SOLUTION\n", with: "    fatalError(\"Your code here\")\n")
            .replacingOccurrences(of: "```swift id=hidden-check hidden-test\nexpectClose(square(-5), 25, \"square(-5)\")\n```\n\n", with: "")
        #expect(edition == expected)
        #expect(!edition.contains("square(-5)"))

        // The edition compiles; the given check passes and the one that calls the stub fails at the stub.
        let studentRun = try folio.run(["check", "student/squares.md"])
        #expect(studentRun.status == 1)
        #expect(studentRun.output.contains("student/squares.md:9: cell 'visible' crashed: Fatal error: Your code here"), "\(studentRun.output)")
        #expect(studentRun.lastLine == "1 passed, 1 failed", "\(studentRun.output)")
        #expect(!studentRun.output.contains("does not compile"), "\(studentRun.output)")
    }

    @Test("a bad marker is exit 2 with file:line; releasing onto the key itself is refused")
    func badInput() throws {
        let folio = try FolioBinary()
        try folio.write("bad", "```swift id=a exercise\nlet x = 1\n// END SOLUTION\n```\n")
        let bad = try folio.run(["release", "chapters/bad.md", "--output", "student"])
        #expect(bad.status == 2)
        #expect(bad.error.contains("chapters/bad.md:3: '// END SOLUTION' without a '// BEGIN SOLUTION' before it"), "\(bad.error)")
        #expect(!FileManager.default.fileExists(atPath: folio.folder.appendingPathComponent("student/bad.md").path))

        try folio.write("squares", Self.key)
        let onto = try folio.run(["release", "chapters/squares.md", "--output", "chapters"])
        #expect(onto.status == 2, "\(onto.output)\(onto.error)")
        #expect(onto.error.contains("it is the key chapter itself"), "\(onto.error)")
        #expect(try folio.read("chapters/squares.md") == Self.key)
    }
}
