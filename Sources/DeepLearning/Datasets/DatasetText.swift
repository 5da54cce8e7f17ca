import Foundation

/// Line and field splitting for the data set readers, on UTF-8 bytes.
///
/// Splitting a whole file into `Character`s (grapheme clusters) and trimming every field with
/// Foundation took most of a reader's time: the digits' 265 KB in 0.13–0.16 s. Bytes give the same
/// pieces here: a line feed, a carriage return and a tab are each a cluster boundary on both sides
/// (Unicode's rules break around control characters, and keep only CR LF together).
enum DatasetText {
    /// The lines of `text`: split at every line feed, one carriage return before it dropped (so `\r\n`
    /// and `\n` both end a line); the piece after the last line feed is a line too, empty or not.
    static func lines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var start = text.utf8.startIndex
        for index in text.utf8.indices where text.utf8[index] == 0x0A {
            lines.append(droppingCarriageReturn(text[start..<index]))
            start = text.utf8.index(after: index)
        }
        lines.append(droppingCarriageReturn(text[start...]))
        return lines
    }

    private static func droppingCarriageReturn(_ line: Substring) -> Substring {
        line.utf8.last == 0x0D ? line.dropLast() : line
    }

    /// `field` without the leading and trailing characters of `set` (Foundation's `trimmingCharacters`),
    /// the field itself when its first and last scalars are not in `set` (the usual case: two lookups).
    static func trimmed(_ field: Substring, of set: CharacterSet = .whitespaces) -> Substring {
        guard let first = field.unicodeScalars.first, let last = field.unicodeScalars.last else { return field }
        if !set.contains(first) && !set.contains(last) { return field }
        return Substring(field.trimmingCharacters(in: set))
    }
}
