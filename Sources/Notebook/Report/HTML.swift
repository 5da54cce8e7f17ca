import FolioProtocol
/// HTML text helpers.
public enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'` so that any text is shown as written.
    public static func escape(_ text: String) -> String {
        MarkupEscaping.escape(text, for: .attribute)
    }

    /// The start of a self-contained page, up to and including `</head>`: the document type, UTF-8, a
    /// phone-friendly viewport, the escaped `title` and the page's `css`.
    public static func documentHead(title: String, css: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(css)
        </style>
        </head>
        """
    }
}
