/// The two build-time transforms the report delegates: math in prose and Swift highlighting.
///
/// `plain` leaves math as text and only escapes code. To wire the real ones, set ``standard``'s
/// closures to `MathMarkdown.protect` / `ProtectedMarkdown.restore(html:)` and `SwiftHighlighter.highlight`.
public struct ReportPieces: Sendable {
    /// Replaces math spans of Markdown by placeholders that Markdown leaves alone (line numbers kept),
    /// and returns the function that puts the rendered math into the finished HTML.
    public var protectMath: @Sendable (_ markdown: String) -> (markdown: String, restore: @Sendable (_ html: String) -> String)
    /// Swift source → HTML (escaped, with `<span>`s for highlighting).
    public var highlightSwift: @Sendable (_ code: String) -> String

    public init(protectMath: @escaping @Sendable (String) -> (markdown: String, restore: @Sendable (String) -> String),
                highlightSwift: @escaping @Sendable (String) -> String) {
        self.protectMath = protectMath
        self.highlightSwift = highlightSwift
    }

    /// Math left as written, code escaped without colours.
    public static let plain = ReportPieces(protectMath: { ($0, { $0 }) }, highlightSwift: { HTML.escape($0) })

    /// What `folio render` uses.
    public static let standard = plain
}
