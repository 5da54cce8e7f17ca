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
