import Foundation
import Testing

/// What a chapter program starts never outlives the run and never holds folio past its limits; Ctrl-C
/// and SIGTERM stop everything folio started and leave no temporary file (issue 14, items 1 and 2).
@Suite("folio end to end: process trees and interrupts")
struct ProcessTreeEndToEndTests {
    /// A cell that starts `sleep 120` in the background two ways, a Foundation `Process` (a process group
    /// of its own) and a shell's `&` whose shell exits at once (an orphan), and writes their ids and its
    /// own to `pids`.
    static let backgroundSleeps = """
        let direct = Process()
        direct.executableURL = URL(fileURLWithPath: "/bin/sleep")
        direct.arguments = ["120"]
        try direct.run()
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "sleep 120 > /dev/null 2>&1 & echo $! > orphan-pid"]
        try shell.run()
        // Not `waitUntilExit()`: Foundation's wait would last as long as the orphan, which inherits its pipe.
        while (try? String(contentsOfFile: "orphan-pid", encoding: .utf8))?.hasSuffix("\\n") != true { usleep(10_000) }
        let orphan = try String(contentsOfFile: "orphan-pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try "\\(direct.processIdentifier) \\(orphan) \\(getpid())".write(toFile: "pids", atomically: true, encoding: .utf8)
        """

    @Test("a program that exits leaving background processes: folio ends at once and kills them")
    func backgroundAfterExit() throws {
        let folio = try FolioBinary()
        try folio.write("background", "```swift\n\(Self.backgroundSleeps)\ncheck(true, \"started\")\n```\n")
        let run = try folio.run(["check"])
        #expect(run.status == 0, "\(run.output)\(run.error)")
        #expect(run.lastLine == "1 passed, 0 failed")
        #expect(run.seconds < 60, "folio waited for the background processes: \(run.seconds) s")
        for pid in try Self.pids(in: folio) { #expect(Self.waitUntilGone(pid), "process \(pid) outlived the run") }
    }

    @Test("the chapter's time limit holds whatever the cell started, and kills all of it")
    func backgroundPastDeadline() throws {
        let folio = try FolioBinary()
        try folio.write("stuck", "---\ntimeout: 5\n---\n```swift id=stuck\n\(Self.backgroundSleeps)\nThread.sleep(forTimeInterval: 120)\n```\n")
        let run = try folio.run(["check"])
        #expect(run.status == 1, "\(run.output)\(run.error)")
        #expect(run.output.contains("cell 'stuck' timed out: it ran past the chapter's limit of 5 s"), "\(run.output)")
        #expect(run.seconds < 60, "the limit of 5 s did not hold: \(run.seconds) s")
        for pid in try Self.pids(in: folio) { #expect(Self.waitUntilGone(pid), "process \(pid) outlived the run") }
    }

    @Test("Ctrl-C during a run: exit 130 within seconds, children gone, pages intact, no temporary file left")
    func interruptRun() throws {
        let folio = try FolioBinary()
        let cache = folio.folder.appendingPathComponent("cache").path
        try folio.write("a-quick", "```swift\nprint(1)\n```\n\n```output\n1\n```\n")
        #expect(try folio.run(["render", "chapters/a-quick.md"], environment: ["FOLIO_CACHE_DIR": cache]).status == 0)
        let page = try folio.read("output/a-quick.html")
        try folio.write("b-slow", "```swift\n\(Self.backgroundSleeps)\nThread.sleep(forTimeInterval: 60)\n```\n")
        let render = try FolioBackground(folio, ["render", "--force", "--jobs", "1"], environment: ["FOLIO_CACHE_DIR": cache])
        defer { render.stop() }
        #expect(render.wait(timeout: 120) { FileManager.default.fileExists(atPath: folio.folder.appendingPathComponent("pids").path) },
                "\(render.output)\(render.error)")
        Thread.sleep(forTimeInterval: 0.2)
        let pids = try Self.pids(in: folio)
        let sent = Date()
        kill(render.process.processIdentifier, SIGINT)
        let status = render.waitForExit(timeout: 10)
        #expect(status == 130, "\(render.output)\(render.error)")
        #expect(Date().timeIntervalSince(sent) < 5)
        for pid in pids { #expect(Self.waitUntilGone(pid), "process \(pid) outlived the interrupt") }
        #expect(try folio.read("output/a-quick.html") == page, "the page written before stays as it was")
        #expect(Self.leftovers(under: folio.folder.path).isEmpty, "\(Self.leftovers(under: folio.folder.path))")
    }

    @Test("Ctrl-C while folio record runs a body: exit 130, the record made before intact, the program gone")
    func interruptRecord() throws {
        let folio = try FolioBinary()
        let chapter = { (seconds: Int) in
            "```swift id=work\nlet value = recorded(\"work\") { () -> Int in\n    try? \"\\(getpid())\".write(toFile: \"pids\", atomically: true, encoding: .utf8)\n"
                + "    Thread.sleep(forTimeInterval: \(seconds))\n    return 7\n}\nprint(value)\n```\n\n```output\n7\n```\n"
        }
        try folio.write("long", chapter(0))
        #expect(try folio.run(["record"]).status == 0)
        let record = try folio.read("chapters/records/long/work.json")
        try FileManager.default.removeItem(at: folio.folder.appendingPathComponent("pids"))
        try folio.write("long", chapter(60))
        let recording = try FolioBackground(folio, ["record", "--force"])
        defer { recording.stop() }
        #expect(recording.wait(timeout: 120) { FileManager.default.fileExists(atPath: folio.folder.appendingPathComponent("pids").path) },
                "\(recording.output)\(recording.error)")
        let pids = try Self.pids(in: folio)
        kill(recording.process.processIdentifier, SIGINT)
        #expect(recording.waitForExit(timeout: 10) == 130, "\(recording.output)\(recording.error)")
        for pid in pids { #expect(Self.waitUntilGone(pid), "process \(pid) outlived the interrupt") }
        #expect(try folio.read("chapters/records/long/work.json") == record)
        #expect(Self.leftovers(under: folio.folder.path).isEmpty, "\(Self.leftovers(under: folio.folder.path))")
    }

    @Test("SIGTERM while swiftc compiles: exit 143, no compiler left running, no .build-* folder left")
    func terminateCompile() throws {
        let folio = try FolioBinary()
        let cache = folio.folder.appendingPathComponent("cache").path
        // A program of its own (never in any cache), with enough code to keep the compiler busy a while.
        let lines = (0..<400).map { "let value\($0) = [\($0), \($0 + 1)].map { $0 * 2 }.reduce(0, +) + \($0)" }
        try folio.write("compiling", "```swift\n// \(UUID().uuidString)\n\(lines.joined(separator: "\n"))\nprint(value1)\n```\n")
        let check = try FolioBackground(folio, ["check"], environment: ["FOLIO_CACHE_DIR": cache])
        defer { check.stop() }
        #expect(check.wait(timeout: 120) { !Self.processes(mentioning: cache).isEmpty }, "no compiler started: \(check.error)")
        check.process.terminate()
        let status = check.waitForExit(timeout: 10)
        #expect(status == 143, "\(check.output)\(check.error)")
        #expect(check.wait(timeout: 5) { Self.processes(mentioning: cache).isEmpty }, "still running: \(Self.processes(mentioning: cache))")
        #expect(Self.leftovers(under: folio.folder.path).isEmpty, "\(Self.leftovers(under: folio.folder.path))")
    }

    // MARK: - Helpers

    /// The process ids the cell wrote (its background processes and the program itself).
    static func pids(in folio: FolioBinary) throws -> [pid_t] {
        try folio.read("pids").split(separator: " ").compactMap { pid_t($0) }
    }

    /// Whether `pid` is gone (or a zombie) within a few seconds.
    static func waitUntilGone(_ pid: pid_t) -> Bool {
        let deadline = Date().addingTimeInterval(5)
        repeat {
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            let state = stat.lastIndex(of: ")").map { stat[stat.index($0, offsetBy: 2)...].prefix(1) } ?? ""
            if stat.isEmpty || state == "Z" || state == "X" { return true }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        return false
    }

    /// Processes whose command line mentions `text` (the compiler's arguments name the cache folder).
    static func processes(mentioning text: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.filter { Int($0) != nil }.compactMap { name in
            guard let data = FileManager.default.contents(atPath: "/proc/\(name)/cmdline"), !data.isEmpty else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
            return line.contains(text) ? "\(name): \(line.prefix(200))" : nil
        }
    }

    /// Temporary files and folders folio leaves behind when it is stopped: `.build-*` compile folders,
    /// `*.tmp` files, plan files.
    static func leftovers(under folder: String) -> [String] {
        let paths = FileManager.default.subpaths(atPath: folder) ?? []
        return paths.filter { path in
            let name = (path as NSString).lastPathComponent
            return name.hasPrefix(".build-") || name.hasSuffix(".tmp") || name.hasSuffix(".plan.json") || name.hasSuffix(".jsonl")
        }
    }
}
