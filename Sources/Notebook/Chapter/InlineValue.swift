/// An inline value of the prose, `` `{swift} expression` `` (Quarto's spelling): the chapter's program
/// evaluates the expression where it stands, after the cell above it, and the report shows its value
/// as `print` would write it. It is no cell (``Cell/index`` counts cells only) and no check; one that
/// does not compile or traps is a failed check at its prose line.
public struct InlineValue: Sendable, Codable, Equatable {
    /// Position among the chapter's inline values, from 0, in document order.
    public var index: Int
    /// Line of the expression's first character (1-based).
    public var line: Int
    /// Column of the expression's first character (1-based, in UTF-8 bytes as the compiler counts).
    public var column: Int
    /// The Swift expression, as written.
    public var expression: String
    /// Index of the last cell above it; nil when it comes before every cell.
    public var afterCell: Int?

    /// How messages name it: ``{swift} mean``.
    public var displayName: String { "`{swift} \(expression)`" }

    /// The word that opens an inline value's code span.
    static let keyword = "{swift}"

    /// The expression of a code span's text when it is an inline value: `{swift} 1 + 2` → `1 + 2`.
    static func expression(inCodeSpan literal: String) -> String? {
        guard literal.hasPrefix(keyword) else { return nil }
        let rest = literal.dropFirst(keyword.count)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        return rest.trimmingWhitespace
    }
}
