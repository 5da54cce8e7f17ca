/// The rule for "close enough" that `folio` (output blocks) and `NotebookRuntime` (`expectClose`) share:
/// `|actual − expected| <= atol + rtol·|expected|`, with nan equal only to nan and an infinity equal only
/// to itself; and the margin, how much of the tolerance a pair uses (≤ 1 passes).
public enum Closeness {
    /// Whether `actual` is close to `expected`.
    public static func agree(_ actual: Double, _ expected: Double, rtol: Double, atol: Double) -> Bool {
        margin(actual, expected, rtol: rtol, atol: atol) <= 1
    }

    /// `|actual − expected| / (atol + rtol·|expected|)`: 0 for equal numbers (nan and nan, equal
    /// infinities), infinity when they cannot agree (nan against a number, a zero tolerance with a difference).
    public static func margin(_ actual: Double, _ expected: Double, rtol: Double, atol: Double) -> Double {
        if actual.isNaN || expected.isNaN { return actual.isNaN && expected.isNaN ? 0 : .infinity }
        if actual.isInfinite || expected.isInfinite { return actual == expected ? 0 : .infinity }
        let difference = abs(actual - expected)
        if difference == 0 { return 0 }
        let allowed = atol + rtol * abs(expected)
        return allowed > 0 ? difference / allowed : .infinity
    }
}
