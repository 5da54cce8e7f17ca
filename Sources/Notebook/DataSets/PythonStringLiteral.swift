import Foundation

/// Why a Python string literal could not be read.
public enum PythonLiteralError: Error, CustomStringConvertible, Equatable {
    /// The text at this line is not a string literal.
    case notAStringLiteral(line: Int)
    /// The literal opened at this line never closes.
    case unterminated(line: Int)
    /// An escape Python rejects (e.g. `\x4` without two hex digits) or one this reader does not support (`\N{…}`).
    case badEscape(line: Int, escape: String)
    /// A prefix this reader does not take (f-strings are code, not data).
    case unsupportedPrefix(line: Int, prefix: String)
    /// `NAME[KEY] = "…"` was expected but the source does not have it.
    case assignmentNotFound(name: String, key: String)

    public var description: String {
        switch self {
        case let .notAStringLiteral(line): return "line \(line): expected a Python string literal"
        case let .unterminated(line): return "line \(line): the string literal opened here is not closed"
        case let .badEscape(line, escape): return "line \(line): unsupported or invalid escape \(escape)"
        case let .unsupportedPrefix(line, prefix): return "line \(line): string prefix '\(prefix)' is not supported (only r, b, u and rb)"
        case let .assignmentNotFound(name, key): return "no assignment \(name)['\(key)'] = \"…\" in the Python source"
        }
    }
}

/// Reads Python string literals as data, without running any Python.
///
/// Follows the language reference: optional prefix (`r`, `u`, `b`, `rb`/`br`, any case), single or
/// triple quotes, and the escapes `\\ \' \" \a \b \f \n \r \t \v \ooo \xhh \uXXXX \UXXXXXXXX` and
/// backslash-newline (a line continuation, which adds nothing). An unknown escape such as `\/`
/// keeps its backslash, as Python does. In raw strings a backslash only stops the next quote from
/// closing the string. Source line ends (CRLF, CR) read as `\n`, as Python reads source files.
public enum PythonStringLiteral {
    /// The value of `literal`, which must be exactly one string literal (white space around allowed;
    /// adjacent literals are concatenated, as in Python).
    public static func value(of literal: String) throws -> String {
        let bytes = normalizedNewlines(Array(literal.utf8))
        var index = skipBlanks(bytes, 0)
        var result: [UInt8] = []
        var parsedAny = false
        while index < bytes.count {
            let (value, end) = try parse(bytes, at: index)
            result += value
            parsedAny = true
            index = skipBlanks(bytes, end)
        }
        guard parsedAny else { throw PythonLiteralError.notAStringLiteral(line: 1) }
        return String(decoding: result, as: UTF8.self)
    }

    /// The values assigned as `name[KEY] = <string literal>` at the start of a line of `source`,
    /// keyed by KEY (itself a string literal). Other string literals and comments are skipped, so
    /// a line inside a string never counts as an assignment.
    public static func subscriptAssignments(to name: String, in source: String) throws -> [String: String] {
        let bytes = normalizedNewlines(Array(source.utf8))
        let head = Array((name + "[").utf8)
        var result: [String: String] = [:]
        var index = 0
        var atLineStart = true
        while index < bytes.count {
            let byte = bytes[index]
            if atLineStart, bytes.count - index >= head.count, Array(bytes[index..<(index + head.count)]) == head {
                var cursor = skipSpaces(bytes, index + head.count)
                // A key that is not a string literal (`penn[i] = …`) is code, not one of ours: step over it.
                guard let (key, afterKey) = try? parse(bytes, at: cursor) else {
                    atLineStart = false
                    index = cursor
                    continue
                }
                cursor = skipSpaces(bytes, afterKey)
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "]") else {
                    atLineStart = false
                    index = cursor
                    continue
                }
                cursor = skipSpaces(bytes, cursor + 1)
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") else {
                    atLineStart = false
                    index = cursor
                    continue
                }
                cursor = skipSpaces(bytes, cursor + 1)
                let (value, end) = try parse(bytes, at: cursor)
                result[String(decoding: key, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
                index = end
                atLineStart = false
                continue
            }
            atLineStart = false
            if byte == UInt8(ascii: "\n") {
                atLineStart = true
                index += 1
            } else if byte == UInt8(ascii: "#") {
                while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                index = try parse(bytes, at: index).end
            } else if isIdentifierByte(byte) {
                // A word; if it is a string prefix directly followed by a quote, skip that literal.
                let start = index
                while index < bytes.count && isIdentifierByte(bytes[index]) { index += 1 }
                let word = String(decoding: bytes[start..<index], as: UTF8.self).lowercased()
                if index < bytes.count, bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\""),
                   Self.scannedPrefixes.contains(word) {
                    index = try parse(bytes, at: start, allowFormatted: true).end
                }
            } else {
                index += 1
            }
        }
        return result
    }

    /// Parses one literal starting at `start` (its prefix included); returns its bytes (UTF-8) and
    /// the index just after the closing quote.
    static func parse(_ bytes: [UInt8], at start: Int, allowFormatted: Bool = false) throws -> (value: [UInt8], end: Int) {
        let (kind, opening) = try literalKind(bytes, at: start, allowFormatted: allowFormatted)
        let quote = bytes[opening]
        let triple = opening + 2 < bytes.count && bytes[opening + 1] == quote && bytes[opening + 2] == quote
        var index = opening + (triple ? 3 : 1)
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw PythonLiteralError.unterminated(line: lineNumber(bytes, start)) }
            let byte = bytes[index]
            if byte == quote {
                if !triple { return (out, index + 1) }
                if index + 2 < bytes.count && bytes[index + 1] == quote && bytes[index + 2] == quote {
                    return (out, index + 3)
                }
                out.append(byte)
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\n") && !triple {
                throw PythonLiteralError.unterminated(line: lineNumber(bytes, start))
            }
            if byte != UInt8(ascii: "\\") {
                out.append(byte)
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { throw PythonLiteralError.unterminated(line: lineNumber(bytes, start)) }
            if kind.raw {
                // The backslash stays; it only keeps the next character (a quote, a backslash) from acting.
                out += [byte, bytes[index + 1]]
                index += 2
                continue
            }
            index = try appendEscape(bytes, at: index, isBytes: kind.isBytes, literalStart: start, to: &out)
        }
    }

    /// What a literal's prefix says (raw, bytes), and the index of its opening quote.
    private static func literalKind(_ bytes: [UInt8], at start: Int, allowFormatted: Bool) throws -> (kind: (raw: Bool, isBytes: Bool), quote: Int) {
        var index = start
        var prefix = ""
        while index < bytes.count, isIdentifierByte(bytes[index]) {
            prefix.append(Character(UnicodeScalar(bytes[index])))
            index += 1
        }
        var lower = prefix.lowercased()
        if allowFormatted, ["f", "fr", "rf"].contains(lower) {
            // Skipped over while scanning, never returned: read it like its raw or plain twin.
            lower = lower.replacingOccurrences(of: "f", with: "")
        }
        let opensQuote = index < bytes.count && (bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\""))
        guard ["", "r", "u", "b", "rb", "br"].contains(lower) else {
            if lower.count <= 2, opensQuote {
                throw PythonLiteralError.unsupportedPrefix(line: lineNumber(bytes, start), prefix: prefix)
            }
            throw PythonLiteralError.notAStringLiteral(line: lineNumber(bytes, start))
        }
        guard opensQuote else { throw PythonLiteralError.notAStringLiteral(line: lineNumber(bytes, start)) }
        return ((lower.contains("r"), lower.contains("b")), index)
    }

    /// Appends the value of the escape whose backslash is at `backslash` (not in a raw literal);
    /// returns the index after it.
    private static func appendEscape(_ bytes: [UInt8], at backslash: Int, isBytes: Bool, literalStart start: Int,
                                     to out: inout [UInt8]) throws -> Int {
        let next = bytes[backslash + 1]
        var index = backslash + 2
        switch next {
        case UInt8(ascii: "\n"): break  // line continuation
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "'"): out.append(UInt8(ascii: "'"))
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "a"): out.append(7)
        case UInt8(ascii: "b"): out.append(8)
        case UInt8(ascii: "f"): out.append(12)
        case UInt8(ascii: "n"): out.append(10)
        case UInt8(ascii: "r"): out.append(13)
        case UInt8(ascii: "t"): out.append(9)
        case UInt8(ascii: "v"): out.append(11)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var value = UInt32(next - UInt8(ascii: "0"))
            var digits = 1
            while digits < 3, index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[index]) {
                value = value * 8 + UInt32(bytes[index] - UInt8(ascii: "0"))
                index += 1
                digits += 1
            }
            try appendCodePoint(value, isBytes: isBytes, to: &out, line: lineNumber(bytes, start), escape: "\\" + String(value, radix: 8))
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let width = next == UInt8(ascii: "x") ? 2 : next == UInt8(ascii: "u") ? 4 : 8
            if isBytes && next != UInt8(ascii: "x") {
                // In bytes literals \u and \U are not escapes.
                out.append(UInt8(ascii: "\\"))
                out.append(next)
                return index
            }
            let end = index + width
            let digits = end <= bytes.count ? String(decoding: bytes[index..<end], as: UTF8.self) : ""
            guard digits.count == width, let value = UInt32(digits, radix: 16) else {
                let shown = String(decoding: bytes[(index - 2)..<min(bytes.count, index + width)], as: UTF8.self)
                throw PythonLiteralError.badEscape(line: lineNumber(bytes, index), escape: shown)
            }
            index = end
            try appendCodePoint(value, isBytes: isBytes, to: &out, line: lineNumber(bytes, start), escape: "\\" + Character(UnicodeScalar(next)).description + digits)
        case UInt8(ascii: "N") where !isBytes:
            throw PythonLiteralError.badEscape(line: lineNumber(bytes, index), escape: "\\N{…}")
        default:
            // Unknown escape: Python keeps the backslash (with a warning).
            out.append(UInt8(ascii: "\\"))
            out.append(next)
        }
        return index
    }

    private static func appendCodePoint(_ value: UInt32, isBytes: Bool, to out: inout [UInt8], line: Int, escape: String) throws {
        if isBytes {
            guard value < 256 else { throw PythonLiteralError.badEscape(line: line, escape: escape) }
            out.append(UInt8(value))
            return
        }
        guard let scalar = UnicodeScalar(value) else { throw PythonLiteralError.badEscape(line: line, escape: escape) }
        out += Array(String(Character(scalar)).utf8)
    }

    static func normalizedNewlines(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(13) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13 {
                out.append(10)
                if index + 1 < bytes.count && bytes[index + 1] == 10 { index += 1 }
            } else {
                out.append(bytes[index])
            }
            index += 1
        }
        return out
    }

    /// Prefixes whose literal the assignment scan steps over.
    private static let scannedPrefixes: Set<String> = ["r", "u", "b", "rb", "br", "f", "fr", "rf"]

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte >= 128
    }

    private static func skipSpaces(_ bytes: [UInt8], _ start: Int) -> Int {
        var index = start
        while index < bytes.count && (bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t")) { index += 1 }
        return index
    }

    private static func skipBlanks(_ bytes: [UInt8], _ start: Int) -> Int {
        var index = start
        while index < bytes.count && (bytes[index] == 32 || bytes[index] == 9 || bytes[index] == 10) { index += 1 }
        return index
    }

    private static func lineNumber(_ bytes: [UInt8], _ index: Int) -> Int {
        var line = 1
        for k in 0..<min(index, bytes.count) where bytes[k] == 10 { line += 1 }
        return line
    }
}
