/// A piece of printed text, as the comparison of outputs sees it.
public struct OutputToken: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A run of spaces, tabs and newlines.
        case space
        /// An integer, decimal, scientific number, `nan` or `inf`, with its sign.
        case number(Double)
        /// A word (letters, digits, `_`) or a single other character.
        case text
    }
    public var kind: Kind
    /// The characters as printed.
    public var text: String
    /// 0-based line of the text on which the token starts.
    public var line: Int
}

/// Splits printed text into ``OutputToken``s.
///
/// Numbers: optional sign, digits with an optional fraction (or a fraction alone: `.5`), an optional
/// exponent (`1e-5`, `2.5E+3`); and the words `nan`, `inf`, `infinity` in any case, with an optional sign.
/// A sign is part of a number only when it does not follow a word character or a digit, so `3-1` is
/// `3`, `-1` and `x-1` is `x`, `-1` the same way on both sides of a comparison.
public enum OutputTokenizer {
    public static func tokens(of text: String) -> [OutputToken] {
        let characters = Array(text.unicodeScalars)
        var tokens: [OutputToken] = []
        var index = 0
        var line = 0
        func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_"
        }
        while index < characters.count {
            let start = index
            let startLine = line
            let scalar = characters[index]
            if scalar.properties.isWhitespace {
                while index < characters.count, characters[index].properties.isWhitespace {
                    if characters[index] == "\n" { line += 1 }
                    index += 1
                }
                tokens.append(OutputToken(kind: .space, text: String(String.UnicodeScalarView(characters[start..<index])), line: startLine))
                continue
            }
            // A number, possibly signed.
            var cursor = index
            var signed = false
            if (scalar == "-" || scalar == "+"), tokens.last.map({ !endsWithWordCharacter($0) }) ?? true {
                cursor += 1
                signed = true
            }
            if let end = numberEnd(characters, from: cursor) {
                let literal = String(String.UnicodeScalarView(characters[index..<end]))
                tokens.append(OutputToken(kind: .number(parseNumber(literal)), text: literal, line: startLine))
                index = end
                continue
            }
            if signed {
                tokens.append(OutputToken(kind: .text, text: String(scalar), line: startLine))
                index += 1
                continue
            }
            if isWordCharacter(scalar) {
                while index < characters.count, isWordCharacter(characters[index]) { index += 1 }
            } else {
                index += 1
            }
            tokens.append(OutputToken(kind: .text, text: String(String.UnicodeScalarView(characters[start..<index])), line: startLine))
        }
        return tokens

        func endsWithWordCharacter(_ token: OutputToken) -> Bool {
            guard token.kind != .space, let last = token.text.unicodeScalars.last else { return false }
            return isWordCharacter(last) || last == "."
        }
    }

    /// End of an unsigned number starting at `start`, or nil when none starts there.
    private static func numberEnd(_ characters: [Unicode.Scalar], from start: Int) -> Int? {
        func isDigit(_ position: Int) -> Bool { position < characters.count && ("0"..."9").contains(characters[position]) }
        func isWordCharacter(_ position: Int) -> Bool {
            position < characters.count && (characters[position].properties.isAlphabetic || isDigit(position) || characters[position] == "_")
        }
        // nan / inf / infinity as whole words.
        for word in ["infinity", "nan", "inf"] {
            let end = start + word.unicodeScalars.count
            guard end <= characters.count else { continue }
            let candidate = String(String.UnicodeScalarView(characters[start..<end])).lowercased()
            if candidate == word, !isWordCharacter(end) { return end }
        }
        var cursor = start
        var digits = 0
        while isDigit(cursor) { cursor += 1; digits += 1 }
        if cursor < characters.count, characters[cursor] == ".", isDigit(cursor + 1) || digits > 0 {
            cursor += 1
            while isDigit(cursor) { cursor += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if cursor < characters.count, characters[cursor] == "e" || characters[cursor] == "E" {
            var exponent = cursor + 1
            if exponent < characters.count, characters[exponent] == "-" || characters[exponent] == "+" { exponent += 1 }
            if isDigit(exponent) {
                cursor = exponent
                while isDigit(cursor) { cursor += 1 }
            }
        }
        // `12abc` is one word, not a number followed by text.
        if isWordCharacter(cursor) { return nil }
        return cursor
    }

    private static func parseNumber(_ literal: String) -> Double {
        let lower = literal.lowercased()
        let negative = lower.hasPrefix("-")
        let unsigned = lower.drop(while: { $0 == "-" || $0 == "+" })
        if unsigned == "nan" { return .nan }
        if unsigned == "inf" || unsigned == "infinity" { return negative ? -.infinity : .infinity }
        return Double(lower) ?? Double(unsigned).map { negative ? -$0 : $0 } ?? .nan
    }
}
