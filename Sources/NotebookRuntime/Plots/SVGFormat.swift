import Foundation
import FolioProtocol

/// Text helpers shared by the SVG and HTML builders: escaping and compact number formatting.
enum SVGFormat {
    /// Escapes `&`, `<`, `>` and both quotes for XML text and attribute values (``MarkupEscaping``).
    static func escape(_ text: String) -> String {
        MarkupEscaping.escape(text, for: .attribute)
    }

    /// A coordinate with at most two decimals and no trailing zeros: `64`, `64.5`, `-3.25`.
    static func coordinate(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// A data value for a cell or a label: integers as integers, others with four significant
    /// digits, very large or small magnitudes in scientific notation.
    static func value(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        let magnitude = abs(value)
        if value == value.rounded() && magnitude < 1e6 { return String(Int(value)) }
        if magnitude >= 1e-3 && magnitude < 1e5 { return String(format: "%.4g", value) }
        return String(format: "%.2e", value)
    }

    /// Approximate width in pixels of `text` at `fontSize` (no text measurement is available at
    /// build time; 0.6 em per character is right for digits and close for sans-serif words).
    static func estimatedWidth(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.6
    }
}
