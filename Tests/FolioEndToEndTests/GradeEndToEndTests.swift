import Foundation
import Testing

/// `folio grade` through the built binary (issue 18): partial credit, limits, isolation, gradebook.
@Suite("folio end to end: grade", .serialized)
struct GradeEndToEndTests {
    /// A key with a check before the first exercise (setup, 1 point), `square` (given 1 + visible 2 +
    /// hidden 1 = 4 points) and `cube` (2 points): 7 in all.
    static let key = """
    ---
    title: Powers
    timeout: 20
    ---

    ```swift id=ready
    print("ready")
    ```
    ```output
    ready
    ```

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

    ```swift id=hidden-square hidden-test
    expectClose(square(-5), 25, "square(-5)")
    ```

    Write `cube`.

    ```swift id=cube exercise
    func cube(_ x: Double) -> Double {
        // BEGIN SOLUTION
        return x * x * x
        // END SOLUTION
    }
    ```

    ```swift id=cube-test
    expectClose(cube(3), 27, "cube(3)")
    print(cube(2))
    ```
    ```output
    8.0
    ```

    """

    /// The key with its solutions' lines replaced.
    static func submission(square: String = "return x * x", cube: String = "return x * x * x") -> String {
        key.replacingOccurrences(of: "    // BEGIN SOLUTION\n    return x * x\n    // END SOLUTION\n", with: "    \(square)\n")
            .replacingOccurrences(of: "    // BEGIN SOLUTION\n    return x * x * x\n    // END SOLUTION\n", with: "    \(cube)\n")
    }

    /// The CSV rows without the `seconds` column (which varies).
    static func rowsWithoutSeconds(_ csv: String) -> [String] {
        csv.split(separator: "\n").map { line in
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if fields.count > 6 { fields.remove(at: 6) }
            return fields.joined(separator: ",")
        }
    }

    @Test("correct, wrong by more than the tolerance, trapping, looping, edited-test, unparsable and mismatched submissions")
    func partialCredit() throws {
        let folio = try FolioBinary()
        try folio.write("key", Self.key)
        let subs = folio.folder.appendingPathComponent("subs")
        try FileManager.default.createDirectory(at: subs, withIntermediateDirectories: true)
        func put(_ name: String, _ text: String) throws {
            try text.write(to: subs.appendingPathComponent("\(name).md"), atomically: true, encoding: .utf8)
        }
        try put("a-correct", Self.submission())
        // square(2) = 4 still passes; square(-5) = -10 is outside the hidden test's tolerance.
        try put("b-wrong", Self.submission(square: "return x < 0 ? 2 * x : x * x"))
        try put("c-trap", Self.submission(square: "fatalError(\"boom\")"))
        try put("d-loop", Self.submission(cube: "while true {}"))
        // The student weakens the visible test to what their wrong square gives: the key's test grades it.
        try put("e-edits-test", Self.submission(square: "return x")
            .replacingOccurrences(of: "expectClose(square(2), 4, \"square(2)\")", with: "expectClose(square(2), 2, \"square(2)\")"))
        try put("f-unparsable", "```swift id=square exercise bogus\nfunc square(_ x: Double) -> Double { x }\n```\n")
        try put("g-mismatched", "```swift id=square\nfunc square(_ x: Double) -> Double { x * x }\n```\n")

        let run = try folio.run(["grade", "--key", "chapters/key.md"] + ["a-correct", "b-wrong", "c-trap", "d-loop", "e-edits-test", "f-unparsable", "g-mismatched"].map { "subs/\($0).md" }
                                + ["--csv", "grades.csv", "--feedback", "feedback", "--time-limit", "5", "--jobs", "2"])
        #expect(run.status == 0, "\(run.output)\(run.error)")
        #expect(run.output.contains("key chapters/key.md: 2 exercises, 7 points (1 need no solution)"), "\(run.output)")
        #expect(run.lastLine == "7 submissions graded", "\(run.output)")
        let rows = Self.rowsWithoutSeconds(try folio.read("grades.csv"))
        #expect(rows == [
            "submission,setup,square,cube,total,maximum,note",
            "subs/a-correct.md,1,4,2,7,7,",
            "subs/b-wrong.md,1,3,2,6,7,",
            "subs/c-trap.md,1,1,2,4,7,square: cell 'visible' crashed: Fatal error: boom",
            "subs/d-loop.md,1,4,0,5,7,cube: cell 'cube-test' timed out: it ran past the chapter's limit of 5 s",
            "subs/e-edits-test.md,1,1,2,4,7,",
            "subs/f-unparsable.md,0,0,0,0,7,\"does not parse: subs/f-unparsable.md:1: unknown swift option 'bogus' (known: id=NAME, hidden, norun, compile-error, fold, timeout=SECONDS, exercise, hidden-test, points=N)\"",
            "subs/g-mismatched.md,0,0,0,0,7,no cell with id 'cube': it does not match the key's exercises",
        ], "\(rows.joined(separator: "\n"))")
        // The looping submission cost one time limit (then a run with the key's cube), not the whole grading.
        let loopLine = run.output.split(separator: "\n").first { $0.hasPrefix("subs/d-loop.md") }.map(String.init) ?? ""
        let loopSeconds = Double(loopLine.split(separator: " ").dropLast().last ?? "") ?? .infinity
        #expect(loopSeconds >= 5 && loopSeconds < 15, "\(loopLine)")

        // Feedback: a page per submission; hidden checks named, never shown.
        let trap = try folio.read("feedback/subs--c-trap.html")
        #expect(trap.contains("<strong>4 of 7 points</strong>"))
        #expect(trap.contains("cell &#39;visible&#39; crashed: Fatal error: boom — the key's code was put in its place"), "\(trap)")
        let wrong = try folio.read("feedback/subs--b-wrong.html")
        #expect(wrong.contains("hidden check 1 (cell &#39;hidden-square&#39;) <span class=\"points\">0/1</span>"), "\(wrong)")
        #expect(!wrong.contains("square(-5)") && !wrong.contains("-10.0"), "a hidden check's label or values leaked")
        let files = try FileManager.default.contentsOfDirectory(atPath: folio.folder.appendingPathComponent("feedback").path).sorted()
        #expect(files.count == 7, "\(files)")
    }

    /// A submission whose `square` tries the network, writes outside and inside its folder, and reads
    /// the key; its exercise cell prints what happened, which the feedback page shows.
    static func prying(port: UInt16, outside: String, key: String) -> String {
        """
        ```swift id=square exercise
        import Foundation
        func square(_ x: Double) -> Double { x * x }
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(\(port)).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        print("connected:", connected == 0)
        print("wrote outside:", FileManager.default.createFile(atPath: "\(outside)", contents: Data("x".utf8)))
        print("wrote inside:", FileManager.default.createFile(atPath: "inside.txt", contents: Data("x".utf8)))
        print("folder:", FileManager.default.currentDirectoryPath.contains("folio-grade-"))
        print("read key:", ((try? String(contentsOfFile: "\(key)", encoding: .utf8)) ?? "").contains("BEGIN SOLUTION"))
        ```

        ```swift id=cube exercise
        func cube(_ x: Double) -> Double { x * x * x }
        ```

        """
    }

    @Test("the network, writes outside the scratch folder and the key are out of reach at each sandbox level, as documented", arguments: ["full", "user-namespace", "limits-only"])
    func isolation(level: String) throws {
        let folio = try FolioBinary()
        try folio.write("key", Self.key)
        let listener = try TCPListener()
        defer { listener.close() }
        let outside = folio.folder.appendingPathComponent("escaped.txt").path
        let keyPath = folio.folder.appendingPathComponent("chapters/key.md").path
        try folio.write("prying", Self.prying(port: listener.port, outside: outside, key: keyPath))
        let run = try folio.run(["grade", "--key", "chapters/key.md", "chapters/prying.md", "--sandbox", level, "--feedback", "feedback"])
        if run.status == 2 && run.error.contains("cannot be set up on this system") {
            // Documented: a system without user namespaces (or not root) offers fewer levels.
            #expect(level != "limits-only", "limits-only must always work: \(run.error)")
            return
        }
        #expect(run.status == 0, "\(run.output)\(run.error)")
        #expect(run.output.contains("sandbox \(level)"), "\(run.output)")
        #expect(run.output.contains("chapters/prying.md  7/7"), "\(run.output)")
        let page = try folio.read("feedback/chapters--prying.html")
        #expect(page.contains("wrote inside: true"), "\(page)")
        #expect(page.contains("folder: true"), "\(page)")
        if level == "limits-only" {
            // Only limits and the scratch folder: the network and the file system are the machine's.
            #expect(page.contains("connected: true"), "\(page)")
        } else {
            #expect(page.contains("connected: false"), "\(page)")
            #expect(!listener.hadConnection(), "the submission reached the test's listener")
            #expect(page.contains("wrote outside: false"), "\(page)")
            #expect(!FileManager.default.fileExists(atPath: outside))
            #expect(page.contains("read key: false"), "\(page)")
        }
    }

    @Test("a key that fails its own checks is exit 1; a malformed key is exit 2 at file:line; a bad --shard is usage")
    func badKeys() throws {
        let folio = try FolioBinary()
        try folio.write("failing", Self.key.replacingOccurrences(of: "ready\n```\n\nWrite", with: "steady\n```\n\nWrite"))
        try folio.write("sub", Self.submission())
        let failing = try folio.run(["grade", "--key", "chapters/failing.md", "chapters/sub.md"])
        #expect(failing.status == 1, "\(failing.output)\(failing.error)")
        #expect(failing.error.contains("the key chapters/failing.md does not pass its own checks"), "\(failing.error)")
        #expect(failing.error.contains("chapters/failing.md:10: output of cell 'ready' differs"), "\(failing.error)")

        try folio.write("malformed", "```swift id=a exercise\nlet x = 1\n// END SOLUTION\n```\n")
        let malformed = try folio.run(["grade", "--key", "chapters/malformed.md", "chapters/sub.md"])
        #expect(malformed.status == 2)
        #expect(malformed.error.contains("chapters/malformed.md:3:"), "\(malformed.error)")

        let shard = try folio.run(["grade", "--key", "chapters/sub.md", "chapters/sub.md", "--shard", "3/2"])
        #expect(shard.status == 2, "\(shard.error)")
    }

    @Test("the released edition scores the setup in full and every exercise below its maximum; shards split the submissions")
    func releasedEditionAndShards() throws {
        let folio = try FolioBinary()
        try folio.write("key", Self.key)
        let release = try folio.run(["release", "chapters/key.md", "--output", "student"])
        #expect(release.status == 0, "\(release.error)")
        try folio.write("right", Self.submission())
        let first = try folio.run(["grade", "--key", "chapters/key.md", "student/key.md", "chapters/right.md", "--shard", "1/2", "--csv", "one.csv"])
        let second = try folio.run(["grade", "--key", "chapters/key.md", "student/key.md", "chapters/right.md", "--shard", "2/2", "--csv", "two.csv"])
        #expect(first.status == 0 && second.status == 0, "\(first.output)\(first.error)\(second.output)\(second.error)")
        let rows = Self.rowsWithoutSeconds(try folio.read("one.csv")).dropFirst() + Self.rowsWithoutSeconds(try folio.read("two.csv")).dropFirst()
        #expect(rows.sorted() == [
            "chapters/right.md,1,4,2,7,7,",
            // The stub crashes in the cell that first calls it; 'given' before it needs no square.
            "student/key.md,1,1,0,2,7,square: cell 'visible' crashed: Fatal error: Your code here; cube: cell 'cube-test' crashed: Fatal error: Your code here",
        ], "\(rows)")
    }
}

/// A TCP socket listening on an ephemeral port of 127.0.0.1, to see whether anything connected.
final class TCPListener {
    let descriptor: Int32
    let port: UInt16

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 8) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        var actual = sockaddr_in()
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = UInt16(bigEndian: actual.sin_port)
        _ = length
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }

    /// Whether a connection is waiting to be accepted.
    func hadConnection() -> Bool {
        let client = accept(descriptor, nil, nil)
        if client >= 0 { Glibc.close(client) }
        return client >= 0
    }

    func close() { Glibc.close(descriptor) }
}
