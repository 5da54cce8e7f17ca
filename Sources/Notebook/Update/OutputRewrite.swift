/// What `folio check --update` writes into an output block that the cell's output failed to match: the
/// printed text, except that lines which still match keep their written form, and numbers of a changed
/// line that were within tolerance keep their written digits, so the diff shows only what really changed.
enum OutputRewrite {
    /// The new lines of the block, for `expected` (the block as written) and `actual` (what was printed).
    static func lines(expected: String, actual: String, options: OutputOptions) -> [String] {
        let comparison = OutputComparison(options: options)
        let written = blockLines(expected), printed = blockLines(actual)
        var result: [String] = []
        var removed: [String] = []
        for step in alignLines(written, printed, equal: { comparison.matches(actual: $1, expected: $0) }) {
            switch step {
            case .same(let old, _):
                result.append(old)
                removed = []
            case .removed(let old):
                removed.append(old)
            case .added(let new):
                // Paired in order with the lines this change removed.
                result.append(removed.isEmpty ? new : merge(printed: new, written: removed.removeFirst(), comparison: comparison))
            }
        }
        return result
    }

    /// `printed` with each number that agrees with the number at the same place of `written` spelled
    /// as written; once the lines' tokens stop lining up (a word where a number was), the rest as printed.
    static func merge(printed: String, written: String, comparison: OutputComparison) -> String {
        guard !comparison.options.exact else { return printed }
        let expectedTokens = comparison.significantTokens(written)
        var next = 0
        var aligned = true
        var out = ""
        for token in OutputTokenizer.tokens(of: printed) {
            guard token.kind != .space else { out += token.text; continue }
            defer { next += 1 }
            guard aligned, next < expectedTokens.count else { out += token.text; continue }
            let expected = expectedTokens[next]
            switch (token.kind, expected.kind) {
            case (.number, .number):
                out += comparison.tokensAgree(token, expected) ? expected.text : token.text
            case (.text, .text):
                out += token.text
            default:
                aligned = false
                out += token.text
            }
        }
        return out
    }

    /// The lines of a block's text: white space at the ends of lines and trailing blank lines dropped.
    static func blockLines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingTrailingWhitespace }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}
