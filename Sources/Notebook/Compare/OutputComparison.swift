import FolioProtocol

/// Compares what a cell printed with the output block written under it.
///
/// Both texts are split into ``OutputToken``s. Numbers agree when `|actual - expected| <= atol + rtol * |expected|`
/// (nan equals nan, inf equals inf of the same sign); other tokens agree when their text is equal. White
/// space separates tokens and is otherwise ignored: any two runs of it agree, and so do padding and none
/// (`[3 , 11]` matches `[ 3, 11]`), blank lines, and white space at the start and end. With `exact`, the texts
/// must be equal character for character, apart from white space at the end of lines and of the text.
public struct OutputComparison: Sendable {
    /// A place where the texts disagree.
    public struct Mismatch: Equatable, Sendable {
        /// The expected token (nil when the actual output is longer).
        public var expected: OutputToken?
        /// The actual token (nil when the actual output is shorter).
        public var actual: OutputToken?
    }

    public var options: OutputOptions

    public init(options: OutputOptions = OutputOptions()) { self.options = options }

    /// The first disagreement, or nil when `actual` matches `expected`.
    public func firstMismatch(actual: String, expected: String) -> Mismatch? {
        if options.exact {
            // Trailing white space is invisible and editors strip it: ignored at the end of every line.
            func visible(_ text: String) -> String {
                text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingTrailingWhitespace }
                    .joined(separator: "\n").trimmingTrailingWhitespace
            }
            let actualText = visible(actual)
            let expectedText = visible(expected)
            if actualText == expectedText { return nil }
            // Report the first differing token so that the message can say where.
            let actualTokens = OutputTokenizer.tokens(of: actualText)
            let expectedTokens = OutputTokenizer.tokens(of: expectedText)
            for index in 0..<max(actualTokens.count, expectedTokens.count) {
                let a = index < actualTokens.count ? actualTokens[index] : nil
                let e = index < expectedTokens.count ? expectedTokens[index] : nil
                if a?.text != e?.text { return Mismatch(expected: e, actual: a) }
            }
            return Mismatch(expected: expectedTokens.last, actual: actualTokens.last)
        }
        let actualTokens = significantTokens(actual)
        let expectedTokens = significantTokens(expected)
        for index in 0..<max(actualTokens.count, expectedTokens.count) {
            let a = index < actualTokens.count ? actualTokens[index] : nil
            let e = index < expectedTokens.count ? expectedTokens[index] : nil
            guard let a, let e, tokensAgree(a, e) else {
                return Mismatch(expected: e, actual: a)
            }
        }
        return nil
    }

    /// Whether `actual` matches `expected`.
    public func matches(actual: String, expected: String) -> Bool {
        firstMismatch(actual: actual, expected: expected) == nil
    }

    /// Whether two tokens agree under the options.
    public func tokensAgree(_ actual: OutputToken, _ expected: OutputToken) -> Bool {
        switch (actual.kind, expected.kind) {
        case (.space, .space): return options.exact ? actual.text == expected.text : true
        case (.number(let a), .number(let e)): return options.exact ? actual.text == expected.text : numbersAgree(a, e)
        case (.text, .text): return actual.text == expected.text
        default: return false
        }
    }

    /// `|a - e| <= atol + rtol * |e|`, with nan equal to nan and infinities equal by sign.
    public func numbersAgree(_ actual: Double, _ expected: Double) -> Bool {
        Closeness.agree(actual, expected, rtol: options.rtol, atol: options.atol)
    }

    /// The tokens that are compared: all but white space. White space only separates tokens (`1 2` is
    /// two numbers, `12` one), so how much of it there is, or whether a column is padded (`[3 , 11]`
    /// against `[ 3, 11]`), does not matter.
    func significantTokens(_ text: String) -> [OutputToken] {
        OutputTokenizer.tokens(of: text).filter { $0.kind != .space }
    }
}
