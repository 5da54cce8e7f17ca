/// One lexical unit of a TeX formula.
///
/// The lexer keeps the source range of every token so that an error can show the exact text
/// that could not be rendered.
struct MathToken: Equatable {
    enum Kind: Equatable {
        /// `\name` (letters) or a control symbol such as `\,`, `\\`, `\{`, `\|`; `name` has no backslash.
        case command(String)
        /// A run of digits, optionally with one decimal point: `3`, `0.25`.
        case number(String)
        /// A single letter (ASCII or not).
        case letter(Character)
        /// `{`
        case openBrace
        /// `}`
        case closeBrace
        /// `^`
        case caret
        /// `_`
        case underscore
        /// `&` (column separator in environments)
        case alignment
        /// `'` (prime)
        case prime
        /// Any other single character: operators, punctuation, symbols.
        case symbol(Character)
    }

    var kind: Kind
    /// The characters of the source this token was read from, e.g. `\frac` or `x`.
    var source: String
}
