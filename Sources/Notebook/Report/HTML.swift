import FolioProtocol
/// HTML text helpers.
public enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'` so that any text is shown as written.
    public static func escape(_ text: String) -> String {
        MarkupEscaping.escape(text, for: .attribute)
    }
}
