/// The part of an exercise cell a student writes: the lines from `// BEGIN SOLUTION` to
/// `// END SOLUTION`, both markers included. `folio release` replaces them by one stub line: the
/// author's (`// BEGIN SOLUTION stub: return []`) or ``defaultStub``, indented like the marker.
public struct SolutionRegion: Equatable, Sendable {
    /// 0-based index, among the cell's code lines, of the `// BEGIN SOLUTION` line.
    public var beginLine: Int
    /// 0-based index of the `// END SOLUTION` line.
    public var endLine: Int
    /// The Swift code that stands for the solution in the student edition.
    public var stub: String
    /// The white space before the `// BEGIN SOLUTION` marker.
    public var indentation: String

    /// The stub when the author gives none: it compiles wherever a statement may stand, also in a
    /// function that returns a value.
    public static let defaultStub = #"fatalError("Your code here")"#
    /// The line that opens a region.
    public static let beginMarker = "// BEGIN SOLUTION"
    /// The line that closes a region.
    public static let endMarker = "// END SOLUTION"
    /// What introduces an author's stub after ``beginMarker``.
    static let stubKeyword = "stub:"

    /// The stub line as it appears in the student edition.
    public var stubLine: String { indentation + stub }

    /// The regions of `cell`, in order; markers that are unbalanced, nested, malformed or outside an
    /// exercise cell are errors at their chapter line.
    public static func regions(in cell: Cell, path: String) throws(ChapterError) -> [SolutionRegion] {
        var regions: [SolutionRegion] = []
        var open: SolutionRegion?
        let lines = cell.code.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let text = raw.trimmingWhitespace
            let chapterLine = cell.codeLine + index
            if text.hasPrefix(beginMarker) {
                guard cell.options.exercise else {
                    throw .badExercise(path: path, line: chapterLine, reason: "'\(beginMarker)' outside an exercise cell: add `exercise` to the cell's options")
                }
                if let open {
                    throw .badExercise(path: path, line: chapterLine, reason: "nested '\(beginMarker)': the region opened on line \(cell.codeLine + open.beginLine) is not closed")
                }
                let stub = try authorStub(after: text.dropFirst(beginMarker.count), path: path, line: chapterLine)
                open = SolutionRegion(beginLine: index, endLine: index, stub: stub ?? defaultStub,
                                      indentation: String(raw.prefix { $0 == " " || $0 == "\t" }))
            } else if text.hasPrefix(endMarker) {
                guard cell.options.exercise else {
                    throw .badExercise(path: path, line: chapterLine, reason: "'\(endMarker)' outside an exercise cell: add `exercise` to the cell's options")
                }
                guard var region = open, text == endMarker else {
                    throw .badExercise(path: path, line: chapterLine, reason: open == nil ? "'\(endMarker)' without a '\(beginMarker)' before it"
                        : "'\(text)': the closing marker is '\(endMarker)' alone on its line")
                }
                region.endLine = index
                regions.append(region)
                open = nil
            }
        }
        if let open {
            throw .badExercise(path: path, line: cell.codeLine + open.beginLine, reason: "'\(beginMarker)' is never closed by '\(endMarker)'")
        }
        return regions
    }

    /// The author's stub in `// BEGIN SOLUTION stub: CODE`, nil when the marker stands alone.
    private static func authorStub(after rest: Substring, path: String, line: Int) throws(ChapterError) -> String? {
        let rest = rest.trimmingWhitespace
        if rest.isEmpty { return nil }
        guard rest.hasPrefix(stubKeyword), !rest.dropFirst(stubKeyword.count).trimmingWhitespace.isEmpty else {
            throw .badExercise(path: path, line: line, reason: "unexpected '\(rest)' after '\(beginMarker)' (write '\(beginMarker)' alone, or '\(beginMarker) \(stubKeyword) CODE')")
        }
        return rest.dropFirst(stubKeyword.count).trimmingWhitespace
    }
}
