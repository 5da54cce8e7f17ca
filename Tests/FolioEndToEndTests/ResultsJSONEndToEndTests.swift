import Foundation
import Testing

/// `folio check --json` and `--compare` through the built binary.
@Suite("folio end to end: --json and --compare")
struct ResultsJSONEndToEndTests {
    /// The printed number comes from `value.txt`, so two runs of the same chapter can differ.
    static let chapter = """
    ```swift id=reading
    let value = Double(try String(contentsOfFile: "value.txt", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))!
    print("value", value)
    ```
    ```output rtol=1e-3
    value 1.0
    ```

    ```swift
    expectClose(value, 1.0, rtol: 1e-2, "value near 1")
    ```
    """

    func json(_ folio: FolioBinary, _ path: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(try folio.read(path).utf8)) as? [String: Any])
    }

    @Test("--json holds chapters, cells and checks with margins; --compare lists a number that moved within tolerance")
    func jsonAndCompare() throws {
        let folio = try FolioBinary()
        try folio.write("drift", Self.chapter)
        try "1.0001".write(to: folio.folder.appendingPathComponent("value.txt"), atomically: true, encoding: .utf8)
        let first = try folio.run(["check", "--json", "old.json"])
        #expect(first.status == 0, "\(first.output)\(first.error)")

        let old = try json(folio, "old.json")
        #expect(old["format"] as? String == "folio-results-1")
        #expect(old["passed"] as? Int == 2 && old["failed"] as? Int == 0)
        let chapter = try #require((old["chapters"] as? [[String: Any]])?.first)
        #expect(chapter["path"] as? String == "chapters/drift.md")
        #expect((chapter["seconds"] as? Double ?? 0) > 0)
        let cells = try #require(chapter["cells"] as? [[String: Any]])
        #expect(cells.map { $0["id"] as? String } == ["reading", nil])
        #expect(cells.allSatisfy { ($0["seconds"] as? Double) != nil && $0["status"] as? String == "ran" })
        let checks = try #require(chapter["checks"] as? [[String: Any]])
        #expect(checks.map { $0["key"] as? String } == ["chapters/drift.md#reading/output/1", "chapters/drift.md#cell-2/code/value near 1/1"])
        #expect(checks.map { $0["line"] as? Int } == [5, 10])
        #expect(checks.allSatisfy { $0["file"] as? String == "chapters/drift.md" && $0["passed"] as? Bool == true })
        #expect(checks[0]["expected"] as? String == "value 1.0\n" && checks[0]["actual"] as? String == "value 1.0001\n")
        // |1.0001 − 1| / (1e-6 default atol + 1e-3·1) ≈ 0.0999 for the block; / (1e-6 + 1e-2) ≈ 0.01 in code.
        #expect(abs((checks[0]["margin"] as? Double ?? 0) - 0.0999) < 0.001, "\(checks[0])")
        #expect(abs((checks[1]["margin"] as? Double ?? 0) - 0.01) < 0.001, "\(checks[1])")
        #expect(chapter["records"] as? [Any] != nil)

        try "1.0008".write(to: folio.folder.appendingPathComponent("value.txt"), atomically: true, encoding: .utf8)
        let second = try folio.run(["check", "--json", "new.json", "--compare", "old.json"])
        #expect(second.status == 0, "drift alone does not fail the run: \(second.output)\(second.error)")
        #expect(second.output.contains("drift since "), "\(second.output)")
        #expect(second.output.contains("(old.json): 2 checks"), "\(second.output)")
        #expect(second.output.contains("  chapters/drift.md:5: output of cell 'reading': margin 0.0999 → 0.799 (×8, still passes)"), "\(second.output)")
        #expect(second.lastLine == "2 passed, 0 failed")
        let calm = try folio.run(["check", "--compare", "new.json", "--drift-factor", "10"])
        #expect(calm.output.contains("(new.json): none"), "\(calm.output)")

        let missing = try folio.run(["check", "--compare", "nosuch.json"])
        #expect(missing.status == 2 && missing.error.contains("nosuch.json"), "\(missing.error)")
        #expect(try folio.run(["check", "--drift-factor", "0.5"]).status == 2)
    }
}
