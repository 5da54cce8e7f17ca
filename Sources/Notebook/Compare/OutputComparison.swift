/// Compares what a cell printed with the output block written under it.
///
/// Both texts are split into ``OutputToken``s. Numbers agree when `|actual - expected| <= atol + rtol * |expected|`
/// (nan equals nan, inf equals inf of the same sign); other tokens agree when their text is equal; any two
/// runs of white space agree. White space at the very start and end is ignored. With `exact`, the texts
/// must be equal character for character, apart from white space at the end.
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
            let actualText = actual.trimmingTrailingWhitespace
            let expectedText = expected.trimmingTrailingWhitespace
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
                // Name visible tokens: a missing or extra space is reported at the word after it.
                return Mismatch(expected: visibleToken(expectedTokens, from: index), actual: visibleToken(actualTokens, from: index))
            }
        }
        return nil
    }

    private func visibleToken(_ tokens: [OutputToken], from index: Int) -> OutputToken? {
        tokens[min(index, tokens.count)...].first { $0.kind != .space }
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
        if actual.isNaN || expected.isNaN { return actual.isNaN && expected.isNaN }
        if actual.isInfinite || expected.isInfinite { return actual == expected }
        return abs(actual - expected) <= options.atol + options.rtol * abs(expected)
    }

    /// Tokens with the leading and trailing white space removed.
    private func significantTokens(_ text: String) -> [OutputToken] {
        var tokens = OutputTokenizer.tokens(of: text)
        while tokens.first?.kind == .space { tokens.removeFirst() }
        while tokens.last?.kind == .space { tokens.removeLast() }
        return tokens
    }
}
