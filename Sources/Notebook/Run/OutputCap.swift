/// How much of what a cell printed a result keeps (and so a page shows, and the render cache and
/// `--json` store): the first and the last ``keptBytes`` / 2 bytes, cut at line ends where there are
/// any, with a line between them saying how much was left out. Comparisons with the expected output
/// are made on the whole text, before it is cut.
enum OutputCap {
    /// Texts up to this many bytes are kept whole.
    static let keptBytes = 256 * 1024

    /// `text`, or its first and last parts with a line saying how much was cut.
    static func capped(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count > keptBytes else { return text }
        let half = keptBytes / 2
        var headEnd = half, tailStart = bytes.count - half
        // Cut after a line end when one is near, and never inside a UTF-8 sequence.
        if let newline = bytes[(half / 2)..<half].lastIndex(of: UInt8(ascii: "\n")) { headEnd = newline + 1 }
        if let newline = bytes[tailStart..<(tailStart + half / 2)].firstIndex(of: UInt8(ascii: "\n")) { tailStart = newline + 1 }
        while headEnd > 0 && bytes[headEnd] & 0xC0 == 0x80 { headEnd -= 1 }
        while tailStart < bytes.count && bytes[tailStart] & 0xC0 == 0x80 { tailStart += 1 }
        let cut = tailStart - headEnd
        let head = String(decoding: bytes[..<headEnd], as: UTF8.self)
        let tail = String(decoding: bytes[tailStart...], as: UTF8.self)
        let separator = head.hasSuffix("\n") ? "" : "\n"
        return "\(head)\(separator)[… \(describe(cut)) cut: the cell printed \(describe(bytes.count)); folio keeps the first and the last \(describe(half)) …]\n\(tail)"
    }

    /// `1,234 bytes`, `5.0 MB`.
    static func describe(_ count: Int) -> String {
        if count < 10_000 { return "\(count) bytes" }
        if count < 1_000_000 { return "\(count / 1000) kB" }
        let tenths = (count + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}

/// How much HTML (plots, tables) one cell's result keeps: fragments up to ``keptBytes`` in all; the
/// ones after are left out, and a note says how many.
enum HTMLCap {
    static let keptBytes = 8 * 1024 * 1024

    static func capped(_ fragments: [String]) -> [String] {
        var kept: [String] = [], total = 0
        for (position, fragment) in fragments.enumerated() {
            total += fragment.utf8.count
            guard total <= keptBytes else {
                let rest = fragments[position...].reduce(0) { $0 + $1.utf8.count }
                let count = fragments.count - position
                return kept + ["<pre class=\"output\">[… \(count) more HTML output\(count == 1 ? "" : "s") (\(OutputCap.describe(rest))) cut: a cell's HTML is kept up to \(OutputCap.describe(keptBytes)) …]</pre>"]
            }
            kept.append(fragment)
        }
        return kept
    }
}
