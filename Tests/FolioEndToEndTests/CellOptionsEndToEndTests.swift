import Foundation
import Testing

/// Cell options and render caching, through the built `folio`.
@Suite("folio end to end: cell options and caching")
struct CellOptionsEndToEndTests {
    @Test("compile-error cells pass when they fail to compile, norun cells are not compiled, hidden cells run")
    func options() throws {
        let folio = try FolioBinary()
        try folio.write("options", """
        ```swift hidden
        let secret = 41
        ```

        ```swift compile-error
        let text: String = secret
        ```

        ```swift compile-error
        let fine = secret + 1
        ```

        ```swift norun
        this is not Swift at all
        ```

        ```swift
        print(secret + 1)
        ```

        ```output
        42
        ```
        """)
        let run = try folio.run(["check"])
        #expect(run.status == 1)
        // Checks are output blocks and in-code checks (DESIGN): failing to compile as marked is none,
        // compiling in spite of the mark is a failed one.
        #expect(run.lastLine == "1 passed, 1 failed", "\(run.output)")
        #expect(run.output.contains("chapters/options.md:9: cell 3 is marked compile-error but compiles"), "\(run.output)")

        #expect(try folio.run(["render", "--force"]).status == 1)
        let html = try folio.read("output/options.html")
        #expect(!html.contains("let secret = 41"), "hidden source")
        #expect(html.contains("cannot convert value of type &#39;Int&#39; to specified type &#39;String&#39;"), "diagnostics shown")
        #expect(html.contains("this <span class=\"kw\">is</span> not <span class=\"ty\">Swift</span> at all"), "norun source shown, highlighted")
    }

    @Test("the output block of a compile-error cell is compared with its diagnostics, in the forms a reader copies")
    func compileErrorOutput() throws {
        let folio = try FolioBinary()
        try folio.write("typeerror", """
        ```swift compile-error
        let count: Int = "three"
        ```

        ```output
        error: cannot convert value of type 'String' to specified type 'Int'
        ```

        ```swift compile-error
        let name: String = 3
        ```

        ```output
        chapters/typeerror.md:10:20: error: cannot convert value of type 'Int' to specified type 'String'
        ```

        ```swift compile-error
        let flag: Bool = 1.5
        ```

        ```output
        error: something else entirely
        ```
        """)
        let run = try folio.run(["check"])
        #expect(run.status == 1)
        #expect(run.lastLine == "2 passed, 1 failed", "\(run.output)")
        #expect(run.output.contains("chapters/typeerror.md:22: compiler output of cell 3 differs: expected 'something', got 'cannot'"), "\(run.output)")
    }

    @Test("a per-cell timeout is charged to that cell; the chapter stops there")
    func cellTimeout() throws {
        let folio = try FolioBinary()
        try folio.write("slow", """
        ```swift
        print("first")
        ```

        ```swift id=slow timeout=1
        while true {}
        ```

        ```swift
        print("never")
        ```
        """)
        let run = try folio.run(["check"])
        #expect(run.status == 1)
        #expect(run.output.contains("chapters/slow.md:5: cell 'slow' timed out: it ran past its limit of 1 s"), "\(run.output)")
        #expect(run.seconds < 15, "took \(run.seconds) s")
    }

    @Test("render reuses the result of an unchanged chapter, --force and edits run it again, check always runs")
    func caching() throws {
        let folio = try FolioBinary()
        let cache = folio.folder.appendingPathComponent("cache").path
        try folio.write("cached", "```swift\nprint(1)\n```\n```output\n1\n```\n")
        let first = try folio.run(["render"], environment: ["FOLIO_CACHE_DIR": cache])
        #expect(first.status == 0)
        #expect(!first.output.contains("(cached)"))
        let second = try folio.run(["render"], environment: ["FOLIO_CACHE_DIR": cache])
        #expect(second.output.contains("PASS  chapters/cached.md  1 passed  0 failed") && second.output.contains("(cached)"))
        let forced = try folio.run(["render", "--force"], environment: ["FOLIO_CACHE_DIR": cache])
        #expect(!forced.output.contains("(cached)"))
        let checked = try folio.run(["check"], environment: ["FOLIO_CACHE_DIR": cache])
        #expect(!checked.output.contains("(cached)"))
        try folio.write("cached", "```swift\nprint(2)\n```\n```output\n1\n```\n")
        let edited = try folio.run(["render"], environment: ["FOLIO_CACHE_DIR": cache])
        #expect(edited.status == 1)
        #expect(edited.lastLine == "0 passed, 1 failed")
    }

    @Test("emitHTML puts a fragment under the cell; check and expectClose report their own lines")
    func sideChannel() throws {
        let folio = try FolioBinary()
        try folio.write("rich", """
        ```swift
        emitHTML("<svg id=\\"plot\\"></svg>")
        let t = Tensor(shape: [2], scalars: [1, 2])
        expectClose(t, [1, 2.5], "close")
        check(true, "fine")
        ```
        """)
        let run = try folio.run(["render", "--force"])
        #expect(run.status == 1)
        #expect(run.output.contains("chapters/rich.md:4: check failed: close"), "\(run.output)")
        #expect(run.output.contains("expected: 2.5 at [1]"), "\(run.output)")
        #expect(run.lastLine == "1 passed, 1 failed")
        #expect(try folio.read("output/rich.html").contains("<div class=\"rich\"><svg id=\"plot\"></svg></div>"))
    }
}
