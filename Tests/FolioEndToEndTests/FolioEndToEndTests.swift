import Foundation
import Testing

/// Real chapters through the built `folio` and `swiftc`: exit codes, counts and locations.
@Suite("folio end to end")
struct FolioEndToEndTests {
    @Test("a chapter whose answers are all right passes with exit 0")
    func allPassing() throws {
        let folio = try FolioBinary()
        try folio.write("good", """
        # Sums

        ```swift id=sum
        let values = [1.5, 2.5, 3.0]
        print(values.reduce(0, +))
        ```

        ```output
        7.0
        ```

        ```swift
        check(values.count == 3, "three values")
        expectClose(values.reduce(0, +) / 3, 2.3333333, "mean")
        ```
        """)
        let run = try folio.run(["check"])
        #expect(run.status == 0, "\(run.output)\(run.error)")
        #expect(run.lastLine == "3 passed, 0 failed")
        #expect(run.output.contains("PASS  chapters/good.md  3 passed  0 failed"))
    }

    @Test("a wrong number fails with exit 1, its line, and `1 passed, 1 failed`")
    func wrongNumber() throws {
        let folio = try FolioBinary()
        try folio.write("wrong", """
        ```swift
        print(2 + 2)
        ```

        ```output
        4
        ```

        ```swift
        print(0.1 * 3, "units")
        ```

        ```output
        0.4 units
        ```
        """)
        let run = try folio.run(["check", "chapters/wrong.md"])
        #expect(run.status == 1)
        #expect(run.lastLine == "1 passed, 1 failed")
        #expect(run.output.contains("chapters/wrong.md:14: output of cell 2 differs: expected '0.4', got '0.30000000000000004'"), "\(run.output)")
        #expect(run.output.contains("- 0.4 units"))
    }

    @Test("a type error is reported at the chapter's line and column; cells before it still run")
    func typeError() throws {
        let folio = try FolioBinary()
        try folio.write("typed", """
        ---
        title: Types
        ---
        ```swift
        print("before")
        ```

        ```output
        before
        ```

        ```swift id=bad
        let count: Int = "three"
        ```

        ```swift
        print("after")
        ```
        """)
        let run = try folio.run(["check"])
        #expect(run.status == 1)
        #expect(run.lastLine == "1 passed, 1 failed")
        #expect(run.output.contains("chapters/typed.md:13: cell 'bad' does not compile"), "\(run.output)")
        #expect(run.output.contains("chapters/typed.md:13:18: error: cannot convert value of type 'String' to specified type 'Int'"), "\(run.output)")
    }

    @Test("an index out of range is charged to the named cell at its line; later cells are not run")
    func outOfRange() throws {
        let folio = try FolioBinary()
        try folio.write("crash", """
        ```swift
        let values = [1, 2, 3]
        print("ok")
        ```

        ```output
        ok
        ```

        ```swift id=lookup
        let index = values.count
        print(values[index])
        ```

        ```swift id=later
        print("never")
        ```

        ```output
        never
        ```
        """)
        let run = try folio.run(["check"])
        #expect(run.status == 1)
        #expect(run.lastLine == "1 passed, 1 failed")
        #expect(run.output.contains("chapters/crash.md:12: cell 'lookup' crashed: Fatal error: Index out of range"), "\(run.output)")
        #expect(try folio.run(["render", "--force"]).status == 1)
        let html = try folio.read("output/crash.html")
        #expect(html.contains("<section class=\"cell notrun\" id=\"later\">"))
    }

    @Test("an endless loop under `timeout: 5` fails within seconds of the limit")
    func endlessLoop() throws {
        let folio = try FolioBinary()
        try folio.write("loop", """
        ---
        timeout: 5
        ---
        ```swift id=spin
        var turns = 0
        while true { turns &+= 1 }
        ```

        ```swift
        print("never")
        ```
        """)
        let run = try folio.run(["check"])
        #expect(run.status == 1)
        #expect(run.lastLine == "0 passed, 1 failed")
        #expect(run.output.contains("chapters/loop.md:4: cell 'spin' timed out: it ran past the chapter's limit of 5 s"), "\(run.output)")
        // 5 s of running plus the compile; generous for a loaded 2-core machine.
        #expect(run.seconds >= 5 && run.seconds < 20, "took \(run.seconds) s")
    }

    @Test("an unknown option stops with exit 2 and file:line")
    func unknownOption() throws {
        let folio = try FolioBinary()
        try folio.write("typo", """
        # Typo

        ```swift hiden
        print(1)
        ```
        """)
        let run = try folio.run(["check", "chapters/typo.md"])
        #expect(run.status == 2)
        #expect(run.error.contains("chapters/typo.md:3: unknown swift option 'hiden'"), "\(run.error)")
        #expect(run.output.contains("ERROR chapters/typo.md:3: unknown swift option 'hiden'"), "\(run.output)")
        #expect(run.lastLine == "0 passed, 0 failed")
    }

    @Test("a cell printing <script> is escaped in the HTML report")
    func escapedHTML() throws {
        let folio = try FolioBinary()
        try folio.write("script", """
        ```swift
        print("<script>alert(1)</script>")
        ```

        ```output
        <script>alert(1)</script>
        ```
        """)
        let run = try folio.run(["render", "--force", "--output", "site"])
        #expect(run.status == 0, "\(run.output)\(run.error)")
        let html = try folio.read("site/script.html")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>"))
        let index = try folio.read("site/index.html")
        #expect(index.contains("<a href=\"script.html\">"))
    }

    @Test("bad usage exits with 2; folio new refuses to overwrite")
    func usage() throws {
        let folio = try FolioBinary()
        #expect(try folio.run(["check", "--jobs", "0"]).status == 2)
        #expect(try folio.run(["check", "chapters/missing.md"]).status == 2)
        #expect(try folio.run(["new", "03-pooling"]).status == 0)
        let again = try folio.run(["new", "03-pooling"])
        #expect(again.status == 2)
        #expect(again.error.contains("chapters/03-pooling.md: already exists"))
        let scaffold = try folio.run(["check", "--junit", "junit.xml"])
        #expect(scaffold.status == 0, "\(scaffold.output)")
        #expect(try folio.read("junit.xml").contains("<testsuite name=\"chapters/03-pooling.md\" tests=\"3\" failures=\"0\""))
    }
}
