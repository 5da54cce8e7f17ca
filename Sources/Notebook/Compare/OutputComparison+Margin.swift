import FolioProtocol

extension OutputComparison {
    /// How much of its tolerance the output uses: the largest `|a − e| / (atol + rtol·|e|)` over the
    /// number pairs, when both texts have the same tokens apart from the numbers' values; nil when they
    /// do not line up (a word differs, a number is missing), when they hold no number, when a pair can
    /// never agree (nan against a number), or with `exact`.
    public func margin(actual: String, expected: String) -> Double? {
        guard !options.exact else { return nil }
        let actualTokens = significantTokens(actual), expectedTokens = significantTokens(expected)
        guard actualTokens.count == expectedTokens.count else { return nil }
        var largest: Double?
        for (a, e) in zip(actualTokens, expectedTokens) {
            switch (a.kind, e.kind) {
            case (.number(let x), .number(let y)):
                largest = max(largest ?? 0, Closeness.margin(x, y, rtol: options.rtol, atol: options.atol))
            case (.text, .text) where a.text == e.text:
                continue
            default:
                return nil
            }
        }
        // Infinite margins (nan against a number) are no number JSON can hold: nil.
        return largest.flatMap { $0.isFinite ? $0 : nil }
    }
}
