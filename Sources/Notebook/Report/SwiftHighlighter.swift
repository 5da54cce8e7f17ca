import FolioProtocol
/// Highlights Swift source at build time as HTML spans, so that a report needs no script.
///
/// Classes: `kw` keywords, `ty` types (capitalised identifiers), `str` string literals (the code
/// inside `\(…)` is highlighted as code), `num` numbers, `com` comments, `attr` attributes (`@main`)
/// and compiler directives (`#if`, `#sourceLocation`). Everything else is plain escaped text.
/// Stripping the tags and unescaping the entities gives back the input exactly, and no span
/// crosses a line break, so a caller may split the output into lines.
public enum SwiftHighlighter {
    /// The HTML for `code` (without the surrounding `<pre><code>`).
    public static func highlight(_ code: String) -> String {
        var lexer = SwiftHighlightLexer(code)
        lexer.lexCode(insideInterpolation: false)
        lexer.flush()
        return lexer.html
    }

    /// Keywords of Swift (declarations, statements, expressions, and the common modifiers).
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import",
        "init", "inout", "internal", "let", "open", "operator", "private", "precedencegroup",
        "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
        "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for",
        "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "Any", "as",
        "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "async",
        "actor", "some", "any", "mutating", "nonmutating", "override", "lazy", "weak", "unowned",
        "final", "required", "convenience", "indirect", "nonisolated", "package", "consume",
        "borrowing", "consuming", "macro",
    ]
}

/// The lexer behind `SwiftHighlighter`: a recursive scanner (string interpolations hold code).
struct SwiftHighlightLexer {
    private let characters: [Character]
    private var position = 0
    private(set) var html = ""
    /// Plain text waiting to be written (merged so that runs of plain text stay one piece).
    private var pendingPlain = ""

    init(_ code: String) {
        characters = Array(code)
    }

    // MARK: Output

    private mutating func plain(_ text: String) {
        pendingPlain += text
    }

    mutating func flush() {
        html += Self.escape(pendingPlain)
        pendingPlain = ""
    }

    /// Writes `text` in a span of class `cssClass`, closing and reopening it around line breaks.
    private mutating func span(_ cssClass: String, _ text: String) {
        flush()
        var piece = ""
        for character in text {
            if character.isNewline {
                if !piece.isEmpty { html += "<span class=\"\(cssClass)\">\(Self.escape(piece))</span>" }
                html.append(character)
                piece = ""
            } else {
                piece.append(character)
            }
        }
        if !piece.isEmpty { html += "<span class=\"\(cssClass)\">\(Self.escape(piece))</span>" }
    }

    static func escape(_ text: String) -> String {
        MarkupEscaping.escape(text, for: .text)
    }

    // MARK: Scanning helpers

    private func character(at offset: Int) -> Character? {
        let index = position + offset
        return index < characters.count ? characters[index] : nil
    }

    private func matches(_ text: String, at offset: Int = 0) -> Bool {
        var index = position + offset
        for expected in text {
            guard index < characters.count, characters[index] == expected else { return false }
            index += 1
        }
        return true
    }

    private mutating func take(_ count: Int) -> String {
        let end = min(position + count, characters.count)
        let text = String(characters[position..<end])
        position = end
        return text
    }

    private mutating func take(while predicate: (Character) -> Bool) -> String {
        let start = position
        while position < characters.count, predicate(characters[position]) { position += 1 }
        return String(characters[start..<position])
    }

    private static func isIdentifierStart(_ character: Character) -> Bool {
        character == "_" || character.isLetter
    }

    private static func isIdentifierPart(_ character: Character) -> Bool {
        character == "_" || character.isLetter || character.isNumber
    }

    // MARK: Code

    /// Lexes code to the end, or (inside `\(…)`) up to the `)` that closes the interpolation.
    mutating func lexCode(insideInterpolation: Bool) {
        var parenthesisDepth = 0
        while let current = character(at: 0) {
            if current == "/" && character(at: 1) == "/" {
                span("com", take { !$0.isNewline })
            } else if current == "/" && character(at: 1) == "*" {
                lexBlockComment()
            } else if current == "\"" {
                lexString(hashes: 0)
            } else if current == "#" {
                let hashes = take { $0 == "#" }
                if character(at: 0) == "\"" {
                    position -= hashes.count
                    lexString(hashes: hashes.count)
                } else if let next = character(at: 0), Self.isIdentifierStart(next) {
                    span("attr", hashes + take(while: Self.isIdentifierPart))
                } else {
                    plain(hashes)
                }
            } else if current == "@", let next = character(at: 1), Self.isIdentifierStart(next) {
                position += 1
                span("attr", "@" + take(while: Self.isIdentifierPart))
            } else if current.isASCII && current.isNumber {
                span("num", lexNumber())
            } else if Self.isIdentifierStart(current) {
                let word = take(while: Self.isIdentifierPart)
                if SwiftHighlighter.keywords.contains(word) {
                    span("kw", word)
                } else if word.first?.isUppercase == true {
                    span("ty", word)
                } else {
                    plain(word)
                }
            } else if current == "`" {
                // A back-quoted identifier such as `default` is a name, not a keyword.
                let end = characters[(position + 1)...].firstIndex { $0 == "`" || $0.isNewline }
                if let end, characters[end] == "`" {
                    plain(take(end - position + 1))
                } else {
                    plain(take(1))
                }
            } else if current == "$" {
                plain(take(1) + take(while: Self.isIdentifierPart))
            } else {
                if insideInterpolation {
                    if current == "(" { parenthesisDepth += 1 }
                    if current == ")" {
                        if parenthesisDepth == 0 { return }
                        parenthesisDepth -= 1
                    }
                }
                plain(take(1))
            }
        }
    }

    private mutating func lexBlockComment() {
        var depth = 0
        let start = position
        while position < characters.count {
            if matches("/*") {
                depth += 1
                position += 2
            } else if matches("*/") {
                depth -= 1
                position += 2
                if depth == 0 { break }
            } else {
                position += 1
            }
        }
        span("com", String(characters[start..<position]))
    }

    /// Decimal, hexadecimal, octal and binary literals with `_` separators and exponents.
    private mutating func lexNumber() -> String {
        if matches("0x") || matches("0X") {
            var text = take(2) + take { $0.isHexDigit || $0 == "_" }
            if character(at: 0) == ".", let next = character(at: 1), next.isHexDigit {
                text += take(1) + take { $0.isHexDigit || $0 == "_" }
            }
            if let marker = character(at: 0), marker == "p" || marker == "P" {
                text += lexExponent()
            }
            return text
        }
        if matches("0b") || matches("0o") {
            return take(2) + take { $0.isHexDigit || $0 == "_" }
        }
        var text = take { ($0.isASCII && $0.isNumber) || $0 == "_" }
        if character(at: 0) == ".", let next = character(at: 1), next.isASCII, next.isNumber {
            text += take(1) + take { ($0.isASCII && $0.isNumber) || $0 == "_" }
        }
        if let marker = character(at: 0), marker == "e" || marker == "E" {
            text += lexExponent()
        }
        return text
    }

    /// `e-5`, `E+3`, `p4`: taken only when digits follow.
    private mutating func lexExponent() -> String {
        var offset = 1
        if let sign = character(at: 1), sign == "+" || sign == "-" { offset = 2 }
        guard let digit = character(at: offset), digit.isASCII, digit.isNumber else { return "" }
        return take(offset) + take { ($0.isASCII && $0.isNumber) || $0 == "_" }
    }

    // MARK: Strings

    /// A string literal starting at the cursor (after nothing: the cursor is on the first `#` or
    /// `"`): single-line or `"""` multi-line, raw with `hashes` number signs, with interpolations.
    private mutating func lexString(hashes: Int) {
        let hashText = String(repeating: "#", count: hashes)
        let multiline = matches(hashText + "\"\"\"")
        let opening = hashText + (multiline ? "\"\"\"" : "\"")
        let closing = (multiline ? "\"\"\"" : "\"") + hashText
        var text = take(opening.count)
        let escape = "\\" + hashText
        while let current = character(at: 0) {
            if matches(closing) {
                text += take(closing.count)
                break
            }
            if current.isNewline && !multiline {
                break  // An unterminated single-line string ends at the line break.
            }
            if matches(escape) {
                if character(at: escape.count) == "(" {
                    text += take(escape.count + 1)
                    span("str", text)
                    text = ""
                    lexCode(insideInterpolation: true)
                    if character(at: 0) == ")" { text += take(1) }
                    continue
                }
                text += take(escape.count + 1)
                continue
            }
            text += take(1)
        }
        span("str", text)
    }
}
