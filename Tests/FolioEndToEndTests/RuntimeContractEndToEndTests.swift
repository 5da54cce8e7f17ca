import Foundation
import Testing

/// What chapter cells can call, through the built `folio` and `swiftc`: the contract a chapter author
/// reads in DESIGN.md ("Chapter format"), tried the way an author would write it.
@Suite("folio end to end: the runtime API of cells")
struct RuntimeContractEndToEndTests {
    @Test("expectClose takes Float, Double, Int, arrays, nested arrays, tensors and one-element tensors")
    func expectCloseOverloads() throws {
        let folio = try FolioBinary()
        try folio.write("close", """
        ```swift
        let t = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
        expectClose(Float(1.00001), 1, "float")
        expectClose(2.0000001, 2, "double")
        expectClose([Float(1), 2], [1, 2.0001], "float array")
        expectClose([[Float(1), 2], [3, 4]], [[1, 2], [3, 4]], "nested Float")
        expectClose([[1.0, 2.0]], [[1.0, 2.0]], rtol: 0, atol: 0, "nested Double")
        expectClose(t, [[1, 2], [3, 4]], "tensor and matrix")
        expectClose(t.sum(), 10, "one-element tensor and a number")
        expectClose(t.reshape([1, 2, 2]), [[[1, 2], [3, 4]]], "tensor and 3-D array")
        expectClose(3, 3, "integers")
        expectClose(t.reshape([1, 1, 2, 2]), [[1, 2], [3, 4]], "leading dimensions of size 1 broadcast")
        expectClose([1, 2], [1, 2], "integer literals on both sides")
        ```

        ```swift
        expectClose([[Float(1), 2], [3, 5]], [[1, 2], [3, 4]], "nested differs")
        expectClose([[Float(1), 2]], [[1], [2]], "nested shapes differ")
        expectClose(t, 10, "four elements are not one number")
        expectClose(Float(1.5), 1, "scalar differs")
        ```
        """)
        let run = try folio.run(["check"])
        #expect(run.status == 1, "\(run.output)\(run.error)")
        #expect(run.lastLine == "11 passed, 4 failed", "\(run.output)\(run.error)")
        #expect(run.output.contains("chapters/close.md:17: check failed: nested differs\n    expected: 4 at [1, 1]\n    actual:   5 (1 of 4 elements differ, largest difference 1)"), "\(run.output)")
        #expect(run.output.contains("chapters/close.md:18: check failed: nested shapes differ\n    expected: shape [2, 1]\n    actual:   shape [1, 2]"), "\(run.output)")
        #expect(run.output.contains("chapters/close.md:19: check failed: four elements are not one number\n    expected: shape []\n    actual:   shape [2, 2]"), "\(run.output)")
        #expect(run.output.contains("chapters/close.md:20: check failed: scalar differs\n    expected: 1\n    actual:   1.5 (difference 0.5, allowed 0.000101)"), "\(run.output)")
    }

    @Test("cells see Foundation without importing it (String(format:), exp, FileHandle)")
    func foundation() throws {
        let folio = try FolioBinary()
        try folio.write("foundation", """
        ```swift
        print(String(format: "%.3f", exp(1.0)))
        FileHandle.standardError.write("to standard error\\n".data(using: .utf8)!)
        ```

        ```output
        2.718
        ```
        """)
        let run = try folio.run(["check"])
        #expect(run.status == 0, "\(run.output)\(run.error)")
        #expect(run.lastLine == "1 passed, 0 failed")
    }

    @Test("front matter seed: seeds the default generator before the first cell")
    func seed() throws {
        let folio = try FolioBinary()
        try folio.write("seeded", """
        ---
        seed: 7
        ---
        ```swift
        let drawn = Tensor.randn([4])
        manualSeed(7)
        expectClose(drawn, Tensor.randn([4]), rtol: 0, atol: 0, "the chapter's first numbers are seed 7's")
        ```
        """)
        let run = try folio.run(["check"])
        #expect(run.status == 0, "\(run.output)\(run.error)")
        #expect(run.lastLine == "1 passed, 0 failed")
    }

    @Test("a shape error in the library reaches the report with both shapes, at the cell's line")
    func shapeErrorMessage() throws {
        let folio = try FolioBinary()
        try folio.write("shapes", """
        ```swift id=multiply
        let a = Tensor.zeros([2, 3])
        let b = Tensor.zeros([4, 5])
        print(a.matmul(b))
        ```

        ```swift id=later
        print("not reached")
        ```
        """)
        let run = try folio.run(["render", "--force"])
        #expect(run.status == 1, "\(run.output)\(run.error)")
        #expect(run.lastLine == "0 passed, 1 failed")
        #expect(run.output.contains("chapters/shapes.md:4: cell 'multiply' crashed: Fatal error: matmul: shapes [2, 3] and [4, 5] do not match"), "\(run.output)")
        let page = try folio.read("output/shapes.html")
        #expect(page.contains("matmul: shapes [2, 3] and [4, 5] do not match"))
        #expect(page.contains("<section class=\"cell notrun\" id=\"later\">"))
    }

    @Test("a chapter file named with quotes and spaces: errors are charged to the right cell at its path")
    func oddFileName() throws {
        let folio = try FolioBinary()
        try folio.write("my \"odd\" name", """
        ```swift id=fine
        print("runs")
        ```

        ```output
        runs
        ```

        ```swift id=broken
        let count: Int = "three"
        ```
        """)
        let run = try folio.run(["check"])
        #expect(run.status == 1)
        #expect(run.lastLine == "1 passed, 1 failed", "\(run.output)")
        #expect(run.output.contains("chapters/my \"odd\" name.md:10: cell 'broken' does not compile"), "\(run.output)")
        #expect(run.output.contains("chapters/my \"odd\" name.md:10:18: error: cannot convert"), "\(run.output)")
    }

    @Test("show prints a tensor as a right-aligned matrix, which an output block may write unpadded")
    func showMatrix() throws {
        let folio = try FolioBinary()
        try folio.write("show", """
        ```swift
        show(Tensor(shape: [2, 3], scalars: [1, -2.5, 30, 4, 5, 6]))
        show([[Float(1), 20], [300, 4]])
        ```

        ```output
        [[1, -2.5, 30],
         [4, 5, 6]]
        [[1, 20],
         [300, 4]]
        ```
        """)
        let run = try folio.run(["render", "--force"])
        #expect(run.status == 0, "\(run.output)\(run.error)")
        let page = try folio.read("output/show.html")
        #expect(page.contains("<pre class=\"output\">[[   1, -2.5,   30],\n [   4,    5,    6]]\n[[  1,  20],\n [300,   4]]</pre>"), "\(page)")
    }
}
