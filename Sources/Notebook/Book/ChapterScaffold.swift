import Foundation

/// The starting text of a new chapter: a short lesson in the format that renders with no warning and
/// passes `folio check` — front matter, one heading, a cell with its expected output, in-code checks,
/// an inline value and a plot.
public enum ChapterScaffold {
    /// What `folio new NAME` writes.
    public static func text(title: String) -> String {
        """
        ---
        title: \(title)
        # Optional too: timeout: SECONDS (default 600), data: ptb, digits (data sets read), seed: 1
        ---

        A chapter is Markdown: this paragraph is prose, and each block fenced with three backticks
        and the word `swift` is a cell. All cells of a chapter run as one program, in order, so what
        one cell defines the next can use. Run `folio watch` on this file to see its page change as
        you edit, and `folio check` to verify every answer in it.

        ## A first cell

        The block fenced with the word `output` right under a cell is what the cell must print.
        Numbers may differ from it by `atol + rtol × |expected|` (by default 1e-6 and 1e-4); every
        other word must be the same.

        ```swift id=mean
        let xs: [Double] = [1, 2, 3, 4]
        let mean = xs.reduce(0, +) / Double(xs.count)
        print("mean:", mean)
        ```

        ```output
        mean: 2.5
        ```

        A cell can also check in code: each `check(condition, "label")` and each
        `expectClose(actual, expected, "label")` is one check with a badge on the page. A number
        in the prose can be computed too: the mean above is `{swift} mean`.

        ```swift id=squares
        let squares = xs.map { $0 * $0 }
        check(squares.last == 16, "the last square is 16")
        expectClose(squares.reduce(0, +), 30, "the squares add up to 30")
        plot(xs, squares, title: "Squares", xLabel: "x", yLabel: "x²")
        ```

        """
    }

    /// Why `name` cannot name a new chapter, or nil: it needs a file name (not empty, not starting with
    /// `.` or `-`), and no control character (a newline would end up in the front matter).
    public static func problem(withName name: String) -> String? {
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "a chapter name cannot hold a newline, a tab or another control character"
        }
        var base = (name as NSString).lastPathComponent
        if base.hasSuffix(".md") { base.removeLast(3) }
        if name.hasSuffix("/") || base.trimmingCharacters(in: .whitespaces).isEmpty {
            return "'\(name)' has no file name: give one such as 07-attention"
        }
        if base.hasPrefix(".") || base.hasPrefix("-") { return "a chapter's file name cannot start with '\(base.prefix(1))': '\(name)'" }
        return nil
    }

    /// `chapters/NAME.md` for `NAME` (a name ending in `.md` or holding a `/` is used as a path).
    public static func path(for name: String) -> String {
        if name.contains("/") { return name.hasSuffix(".md") ? name : name + ".md" }
        return "\(ChapterPaths.defaultFolder)/\(name.hasSuffix(".md") ? name : name + ".md")"
    }

    /// A title from a file name: `03-pooling` → `Pooling`.
    public static func title(for name: String) -> String {
        var base = (name as NSString).lastPathComponent
        if base.hasSuffix(".md") { base.removeLast(3) }
        let words = base.split(whereSeparator: { $0 == "-" || $0 == "_" }).drop(while: { $0.allSatisfy(\.isNumber) })
        let title = words.joined(separator: " ")
        return title.isEmpty ? base : title.prefix(1).uppercased() + title.dropFirst()
    }
}
