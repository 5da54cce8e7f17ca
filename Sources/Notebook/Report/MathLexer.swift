/// Splits a TeX formula into tokens, skipping white space (which TeX ignores in math mode).
///
/// The parser pulls tokens one at a time; `readRawGroup()` lets it take the text of `\text{…}`
/// verbatim, spaces included.
struct MathLexer {
    private let characters: [Character]
    private var position = 0

    init(_ source: String) {
        characters = Array(source)
    }

    /// Whether every character has been consumed (white space aside).
    var isAtEnd: Bool {
        var probe = self
        return probe.next() == nil
    }

    /// The next token without consuming it.
    func peek() -> MathToken? {
        var probe = self
        return probe.next()
    }

    /// Consumes and returns the next token, or nil at the end of the formula.
    mutating func next() -> MathToken? {
        skipWhiteSpace()
        guard position < characters.count else { return nil }
        let start = position
        let character = characters[position]
        position += 1
        switch character {
        case "\\":
            return readCommand(start: start)
        case "{": return token(.openBrace, from: start)
        case "}": return token(.closeBrace, from: start)
        case "^": return token(.caret, from: start)
        case "_": return token(.underscore, from: start)
        case "&": return token(.alignment, from: start)
        case "'": return token(.prime, from: start)
        default:
            if character.isASCII && character.isNumber {
                return readNumber(start: start)
            }
            if character.isLetter {
                return token(.letter(character), from: start)
            }
            return token(.symbol(character), from: start)
        }
    }

    /// Reads `{…}` verbatim (balanced braces kept, outer braces dropped) for `\text`-like commands.
    /// Returns nil, consuming nothing, when the next character is not `{` or the group is unclosed.
    mutating func readRawGroup() -> String? {
        skipWhiteSpace()
        guard position < characters.count, characters[position] == "{" else { return nil }
        var depth = 0
        var index = position
        var text = ""
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                text.append(character)
                text.append(characters[index + 1])
                index += 2
                continue
            }
            if character == "{" {
                depth += 1
                if depth > 1 { text.append(character) }
            } else if character == "}" {
                depth -= 1
                if depth == 0 {
                    position = index + 1
                    return text
                }
                text.append(character)
            } else {
                text.append(character)
            }
            index += 1
        }
        return nil
    }

    /// Reads a bracketed optional argument `[…]` verbatim, as in `\sqrt[3]{x}` or `\\[4pt]`.
    mutating func readOptionalBracket() -> String? {
        skipWhiteSpace()
        guard position < characters.count, characters[position] == "[" else { return nil }
        guard let close = characters[position...].firstIndex(of: "]") else { return nil }
        let text = String(characters[(position + 1)..<close])
        position = close + 1
        return text
    }

    /// The unconsumed rest of the formula, verbatim (for error messages).
    var remainingSource: String { String(characters[position...]) }

    private mutating func skipWhiteSpace() {
        while position < characters.count, characters[position].isWhitespace {
            position += 1
        }
    }

    private mutating func readCommand(start: Int) -> MathToken {
        guard position < characters.count else {
            return token(.symbol("\\"), from: start)
        }
        let first = characters[position]
        if first.isASCII && first.isLetter {
            while position < characters.count, characters[position].isASCII, characters[position].isLetter {
                position += 1
            }
            // `\operatorname*` and friends: a star belongs to the command name.
            if position < characters.count, characters[position] == "*" {
                position += 1
            }
        } else {
            position += 1
        }
        let name = String(characters[(start + 1)..<position])
        return token(.command(name), from: start)
    }

    private mutating func readNumber(start: Int) -> MathToken {
        while position < characters.count, characters[position].isASCII, characters[position].isNumber {
            position += 1
        }
        if position + 1 < characters.count, characters[position] == ".",
           characters[position + 1].isASCII, characters[position + 1].isNumber {
            position += 1
            while position < characters.count, characters[position].isASCII, characters[position].isNumber {
                position += 1
            }
        }
        let text = String(characters[start..<position])
        return token(.number(text), from: start)
    }

    private func token(_ kind: MathToken.Kind, from start: Int) -> MathToken {
        MathToken(kind: kind, source: String(characters[start..<position]))
    }
}
