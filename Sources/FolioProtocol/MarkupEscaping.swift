/// Escaping text for HTML, SVG and XML. It sits in the protocol target because both sides write
/// markup that meets on one page: the runtime's plots and tables travel on the side channel as HTML
/// fragments, and `folio` writes the page around them.
public enum MarkupEscaping {
    /// Where the text goes.
    public enum Context: Sendable {
        /// Element content: `&`, `<` and `>` are escaped; quotes stay as written.
        case text
        /// Attribute values (and content of either kind): quotes are escaped too.
        case attribute
    }

    /// `text` with the characters markup gives a meaning escaped, so that it shows as written.
    public static func escape(_ text: String, for context: Context = .attribute) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where context == .attribute: out += "&quot;"
            case "'" where context == .attribute: out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
