import Testing
import Foundation
@testable import Notebook

/// Authoring an assignment: `exercise`, `hidden-test`, `points=N` and the solution markers (issue 18).
@Suite("Exercise markers and the student edition")
struct ExerciseMarkerTests {
    static let key = """
    ---
    title: Key
    ---

    Intro.

    ```swift id=square exercise
    func square(_ x: Double) -> Double {
        // BEGIN SOLUTION
        return x * x
        // END SOLUTION
    }
    func cube(_ x: Double) -> Double {
        // BEGIN SOLUTION stub: return 0
        return x * x * x
        // END SOLUTION
    }
    print(square(3))
    ```
    ```output points=3
    9.0
    ```

    ```swift id=visible points=2
    expectClose(square(2), 4, "square(2)")
    ```

    ```swift id=hidden-square hidden-test
    expectClose(square(-5), 25, "square(-5)")
    ```
    ```output
    ```

    The end.
    """

    @Test("the options are parsed: exercise, hidden-test, points on cells and output blocks")
    func options() throws {
        let chapter = try MarkdownChapterParser.parse(source: Self.key, path: "chapters/key.md")
        #expect(chapter.cells.map(\.options.exercise) == [true, false, false])
        #expect(chapter.cells.map(\.options.hiddenTest) == [false, false, true])
        #expect(chapter.cells.map(\.options.points) == [nil, 2, nil])
        #expect(chapter.cells[0].expected?.options.points == 3)
        let regions = try SolutionRegion.regions(in: chapter.cells[0], path: chapter.path)
        #expect(regions == [
            SolutionRegion(beginLine: 1, endLine: 3, stub: #"fatalError("Your code here")"#, indentation: "    "),
            SolutionRegion(beginLine: 6, endLine: 8, stub: "return 0", indentation: "    "),
        ])
    }

    @Test("the student edition: stubs for solutions, hidden test and exercise output gone, all else byte for byte")
    func edition() throws {
        let chapter = try MarkdownChapterParser.parse(source: Self.key, path: "chapters/key.md")
        // The key with exactly these edits, and nothing else changed.
        let expected = Self.key
            .replacingOccurrences(of: "    // BEGIN SOLUTION\n    return x * x\n    // END SOLUTION\n", with: "    fatalError(\"Your code here\")\n")
            .replacingOccurrences(of: "    // BEGIN SOLUTION stub: return 0\n    return x * x * x\n    // END SOLUTION\n", with: "    return 0\n")
            .replacingOccurrences(of: "```output points=3\n9.0\n```\n", with: "")
            .replacingOccurrences(of: "```swift id=hidden-square hidden-test\nexpectClose(square(-5), 25, \"square(-5)\")\n```\n```output\n```\n\n", with: "")
        #expect(expected.components(separatedBy: "\n").count == Self.key.components(separatedBy: "\n").count - 13)
        #expect(try StudentEdition.text(of: chapter) == expected)
    }

    @Test("bad markers are malformed-chapter errors at their line", arguments: [
        ("```swift id=a\n// BEGIN SOLUTION\n// END SOLUTION\n```\n", 2, "outside an exercise cell"),
        ("```swift id=a exercise\n// BEGIN SOLUTION\nlet x = 1\n```\n", 2, "never closed"),
        ("```swift id=a exercise\nlet x = 1\n// END SOLUTION\n```\n", 3, "without a '// BEGIN SOLUTION'"),
        ("```swift id=a exercise\n// BEGIN SOLUTION\n  // BEGIN SOLUTION\n// END SOLUTION\n```\n", 3, "nested"),
        ("```swift id=a exercise\n// BEGIN SOLUTION please\n// END SOLUTION\n```\n", 2, "unexpected 'please'"),
        ("```swift exercise\nlet x = 1\n```\n", 1, "needs an id=NAME"),
        ("```swift id=a exercise hidden-test\nlet x = 1\n```\n", 1, "either an exercise or a hidden test"),
        ("```swift id=a points=-1\nlet x = 1\n```\n", 1, "not a number of points"),
    ])
    func badMarkers(source: String, line: Int, words: String) {
        do {
            _ = try MarkdownChapterParser.parse(source: source, path: "chapters/bad.md")
            Issue.record("no error for \(source)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.description.hasPrefix("chapters/bad.md:\(line): "), "\(error)")
            #expect(error.description.contains(words), "\(error)")
        }
    }

    @Test("options stored before exercises existed still decode (all off)")
    func oldOptionsDecode() throws {
        let old = #"{"hidden":false,"norun":false,"compileError":false,"fold":false}"#
        let options = try JSONDecoder().decode(CellOptions.self, from: Data(old.utf8))
        #expect(options == CellOptions())
    }
}
