import Foundation

/// The starting text of a new chapter: front matter, a paragraph, a cell and its expected output.
public enum ChapterScaffold {
    /// What `folio new NAME` writes.
    public static func text(title: String) -> String {
        """
        ---
        title: \(title)
        timeout: 600
        ---

        # \(title)

        Prose is Markdown. Each ```swift block is a cell; all cells of a chapter share their state.
        The ```output block right under a cell is what it must print; numbers may differ from it by
        `atol + rtol * |expected|` (defaults 1e-6 and 1e-4).

        ```swift id=first
        let x = [1.0, 2.0, 3.0]
        print(x.reduce(0, +) / Double(x.count))
        ```

        ```output
        2.0
        ```

        ```swift
        check(x.count == 3, "three values")
        ```

        """
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
