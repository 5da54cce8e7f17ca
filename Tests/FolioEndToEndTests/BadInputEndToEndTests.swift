import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Bad chapters, names and folders through the built binary: a clear message with the path (and the
/// line), exit 2, and never a crash of folio itself (issue 14, items 3, 4, 5, 9, 11, 13, 14).
@Suite("folio end to end: bad input")
struct BadInputEndToEndTests {
    @Test("deeply nested math (10,000 braces, 5,000 \\frac, also in a title) is a warning at file:line, not a crash")
    func deepMath() throws {
        let folio = try FolioBinary()
        try folio.write("braces", "# Braces\n\n$" + String(repeating: "{", count: 10_000) + "x" + String(repeating: "}", count: 10_000) + "$\n")
        let fractions = String(repeating: "\\frac", count: 5_000)
        try folio.write("fractions", "---\ntitle: 'Deep $\(fractions)$'\n---\n\nText $\(fractions)$ and more.\n")
        try folio.write("plain", "# Plain\n\n```swift\nprint(1)\n```\n\n```output\n1\n```\n")
        let run = try folio.run(["render"])
        #expect(run.status == 0, "\(run.output)\(run.error.prefix(2000))")
        #expect(run.lastLine == "1 passed, 0 failed")
        #expect(run.error.contains("chapters/braces.md:3: warning: the formula nests"), "\(run.error.prefix(2000))")
        #expect(run.error.contains("chapters/fractions.md:2: warning: the formula nests"), "the title")
        #expect(run.error.contains("chapters/fractions.md:5: warning: the formula nests"), "the prose")
        for page in ["braces", "fractions", "plain"] { #expect(FileManager.default.fileExists(atPath: folio.folder.appendingPathComponent("output/\(page).html").path)) }
    }

    @Test("two chapters with one file name in different folders are refused (exit 2), naming both")
    func samePageName() throws {
        let folio = try FolioBinary()
        for folder in ["a", "b"] {
            try FileManager.default.createDirectory(at: folio.folder.appendingPathComponent(folder), withIntermediateDirectories: true)
            try "# \(folder)\n".write(to: folio.folder.appendingPathComponent("\(folder)/intro.md"), atomically: true, encoding: .utf8)
        }
        let both = try folio.run(["render", "a", "b"])
        #expect(both.status == 2, "\(both.output)\(both.error)")
        #expect(both.error.contains("b/intro.md:1: its page would be output/intro.html, which is the page of a/intro.md too"), "\(both.error)")
        #expect(!FileManager.default.fileExists(atPath: folio.folder.appendingPathComponent("output/intro.html").path))
        // One at a time: the second would overwrite the page (and index row) of the first, which still exists.
        #expect(try folio.run(["render", "a/intro.md"]).status == 0)
        let second = try folio.run(["render", "b/intro.md"])
        #expect(second.status == 2, "\(second.output)\(second.error)")
        #expect(second.error.contains("b/intro.md:1: its page would be output/intro.html, which is the page of a/intro.md too"), "\(second.error)")
        #expect(try folio.read("output/intro.html").contains("<h1 id=\"a\">a</h1>"))
    }

    @Test("control characters in output and labels (ESC, BEL) give valid JUnit XML")
    func junitControlCharacters() throws {
        let folio = try FolioBinary()
        try folio.write("colors", #"""
        ```swift id=colors
        print("\u{1B}[31mred\u{1B}[0m \u{7}")
        check(false, "bell \u{7} and escape \u{1B}[1m")
        ```

        ```output
        plain
        ```
        """#)
        let run = try folio.run(["check", "--junit", "junit.xml"])
        #expect(run.status == 1, "\(run.output)\(run.error)")
        let xml = try folio.read("junit.xml")
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "\(String(describing: parser.parserError)): \(xml)")
        #expect(xml.contains("bell \\u{7} and escape \\u{1b}[1m"), "\(xml)")
    }

    @Test("an output folder, cache folder or --junit file that cannot be written: the path and why, exit 2, nothing run")
    func unwritablePlaces() throws {
        let folio = try FolioBinary()
        try folio.write("ok", "```swift\ncheck(true, \"ok\")\n```\n")
        try "a file".write(to: folio.folder.appendingPathComponent("blocker"), atomically: true, encoding: .utf8)
        let output = try folio.run(["render", "--output", "blocker/site"])
        #expect(output.status == 2, "\(output.output)\(output.error)")
        #expect(output.error.contains("cannot create the folder blocker/site: blocker is a file, not a folder"), "\(output.error)")
        let outputIsFile = try folio.run(["render", "--output", "blocker"])
        #expect(outputIsFile.status == 2)
        #expect(outputIsFile.error.contains("blocker is a file, not a folder"), "\(outputIsFile.error)")
        let cache = try folio.run(["check"], environment: ["FOLIO_CACHE_DIR": folio.folder.appendingPathComponent("blocker/cache").path])
        #expect(cache.status == 2, "\(cache.output)\(cache.error)")
        #expect(cache.error.contains("the cache folder (FOLIO_CACHE_DIR) is unusable"), "\(cache.error)")
        let junit = try folio.run(["check", "--junit", "blocker/junit.xml"])
        #expect(junit.status == 2, "\(junit.output)\(junit.error)")
        #expect(junit.error.contains("cannot create the folder blocker: blocker is a file, not a folder"), "\(junit.error)")
        for run in [output, outputIsFile, cache, junit] {
            #expect(!run.error.contains("Error Domain") && !run.error.contains("NSCocoaError"), "\(run.error)")
            #expect(!run.output.contains("passed"), "nothing ran: \(run.output)")
        }
    }

    @Test("a newline and a tab in a chapter's file name: it compiles, runs, and errors name the file")
    func controlCharactersInFileName() throws {
        let folio = try FolioBinary()
        try folio.write("odd\nname\tchapter", "```swift\nprint(6 * 7)\n```\n\n```output\n42\n```\n\n```swift id=typed\nlet n: Int = \"no\"\n```\n")
        let run = try folio.run(["check"])
        #expect(run.status == 1, "\(run.output)\(run.error)")
        #expect(run.lastLine == "1 passed, 1 failed", "\(run.output)")
        #expect(run.output.contains("chapters/odd\nname\tchapter.md:10: cell 'typed' does not compile"), "\(run.output)")
    }

    @Test("unknown data sets, names that leave data/, empty folders and chapters without checks are errors")
    func silentAcceptance() throws {
        let folio = try FolioBinary()
        try folio.write("unknown", "---\ntitle: T\ndata: ptb, nosuchset\n---\n```swift\ncheck(true)\n```\n")
        let unknown = try folio.run(["check", "chapters/unknown.md"])
        #expect(unknown.status == 2, "\(unknown.output)\(unknown.error)")
        #expect(unknown.error.contains("chapters/unknown.md:3: bad front matter: unknown data set 'nosuchset'"), "\(unknown.error)")
        try folio.write("outside", "---\ndata: ../../etc\n---\n```swift\ncheck(true)\n```\n")
        let outside = try folio.run(["check", "chapters/outside.md"])
        #expect(outside.status == 2)
        #expect(outside.error.contains("chapters/outside.md:2: bad front matter: '../../etc' is not a data set name"), "\(outside.error)")

        try FileManager.default.createDirectory(at: folio.folder.appendingPathComponent("empty"), withIntermediateDirectories: true)
        for command in ["check", "render", "record"] {
            let empty = try folio.run([command, "empty"])
            #expect(empty.status == 2, "\(command): \(empty.output)\(empty.error)")
            #expect(empty.error.contains("empty: no chapters found"), "\(command): \(empty.error)")
        }
        #expect(try folio.run(["check", "empty", "--allow-empty"]).status == 0)

        try folio.write("prose", "# Only prose\n\n```swift\nprint(1)\n```\n")
        let none = try folio.run(["check", "chapters/prose.md"])
        #expect(none.status == 2, "\(none.output)\(none.error)")
        #expect(none.error.contains("these chapters hold no check"), "\(none.error)")
        #expect(try folio.run(["check", "chapters/prose.md", "--allow-empty"]).status == 0)
    }

    @Test("folio new refuses an empty name and names with a newline")
    func newNames() throws {
        let folio = try FolioBinary()
        for name in ["", "chapters/", "a\ntitle: injected", "tab\there", ".hidden"] {
            let run = try folio.run(["new", name])
            #expect(run.status == 2, "'\(name)': \(run.output)\(run.error)")
        }
        #expect((try FileManager.default.contentsOfDirectory(atPath: folio.folder.appendingPathComponent("chapters").path)).isEmpty)
        let good = try folio.run(["new", "07-attention"])
        #expect(good.status == 0, "\(good.error)")
        #expect(try folio.read("chapters/07-attention.md").hasPrefix("---\ntitle: Attention\n"))
    }
}
