import Foundation
import Testing

/// Inline values of the prose through the built binary.
@Suite("folio end to end: inline values")
struct InlineValuesEndToEndTests {
    @Test("an inline value is computed where it stands and written into the page; it is no check")
    func value() throws {
        let folio = try FolioBinary()
        try folio.write("iv", """
        ---
        title: Inline
        ---
        ```swift id=data
        var xs: [Double] = [1, 2, 4]
        print(xs.count)
        ```
        ```output
        3
        ```

        The mean of the three is `{swift} xs.reduce(0, +) / Double(xs.count)`, and `{swift} "<b>"` stays text.

        ```swift
        xs.append(100)
        ```

        Now there are `{swift} xs.count`.
        """)
        let check = try folio.run(["check"])
        #expect(check.status == 0, "\(check.output)\(check.error)")
        #expect(check.lastLine == "1 passed, 0 failed", "inline values are not counted as checks")
        let render = try folio.run(["render", "--output", "out"])
        #expect(render.status == 0, "\(render.output)\(render.error)")
        let page = try folio.read("out/iv.html")
        #expect(page.contains("The mean of the three is <span class=\"inline-value\" title=\"xs.reduce(0, +) / Double(xs.count)\">2.3333333333333335</span>, and <span class=\"inline-value\" title=\"&quot;&lt;b&gt;&quot;\">&lt;b&gt;</span> stays text."), "\(page)")
        #expect(page.contains("Now there are <span class=\"inline-value\" title=\"xs.count\">4</span>."), "evaluated after the cell above it")
    }

    @Test("a type error in an inline value is reported at its prose line and column; the cells still run")
    func typeError() throws {
        let folio = try FolioBinary()
        try folio.write("bad", """
        ```swift
        let n = 3
        ```

        Half of it is `{swift} n / "2"`.

        ```swift
        print(n)
        ```
        ```output
        3
        ```
        """)
        let run = try folio.run(["check"])
        #expect(run.status == 1)
        #expect(run.lastLine == "1 passed, 1 failed", "\(run.output)")
        #expect(run.output.contains("chapters/bad.md:5: inline value `{swift} n / \"2\"` does not compile: "), "\(run.output)")
        #expect(run.output.contains("chapters/bad.md:5:28: error: "), "the column of the '2' in the prose line: \(run.output)")
    }
}
