/// A line-by-line diff of expected and actual output, with the disagreeing tokens of changed lines marked.
public struct OutputDiff: Sendable {
    /// One line of the diff.
    public enum Line: Equatable, Sendable {
        /// A line that agrees (shown once, as printed).
        case same(String)
        /// An expected line that the output lacks or has differently; `marked` are token ranges that differ.
        case expected(String, marked: [Range<Int>])
        /// A printed line that was not expected; `marked` are token ranges that differ.
        case actual(String, marked: [Range<Int>])
    }

    public var lines: [Line]

    /// Diffs `actual` against `expected`; lines agree when they match under `options`.
    public init(actual: String, expected: String, options: OutputOptions) {
        let comparison = OutputComparison(options: options)
        let expectedLines = splitLines(expected)
        let actualLines = splitLines(actual)
        // Longest common subsequence over lines, lines equal when they match under the tolerances.
        let n = expectedLines.count, m = actualLines.count
        var table = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = comparison.matches(actual: actualLines[j], expected: expectedLines[i])
                    ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var result: [Line] = []
        var removed: [String] = [], added: [String] = []
        func flush() {
            // Pair removed and added lines of one hunk so that their differing tokens can be marked.
            for index in 0..<max(removed.count, added.count) {
                let e = index < removed.count ? removed[index] : nil
                let a = index < added.count ? added[index] : nil
                let (markedExpected, markedActual) = markDifferences(expected: e ?? "", actual: a ?? "", comparison: comparison)
                if let e { result.append(.expected(e, marked: a == nil ? [0..<e.utf16.count] : markedExpected)) }
                if let a { result.append(.actual(a, marked: e == nil ? [0..<a.utf16.count] : markedActual)) }
            }
            removed = []; added = []
        }
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, comparison.matches(actual: actualLines[j], expected: expectedLines[i]) {
                flush()
                result.append(.same(actualLines[j]))
                i += 1; j += 1
            } else if j < m, i == n || table[i][j + 1] >= table[i + 1][j] {
                added.append(actualLines[j]); j += 1
            } else {
                removed.append(expectedLines[i]); i += 1
            }
        }
        flush()
        lines = result
    }

    /// The diff as terminal text: differing tokens dressed by `style` (``TerminalStyle/marked(_:)``), or,
    /// when it does not mark them, a line of `^` under each changed line pointing at them.
    public func terminalText(style: TerminalStyle = PlainTerminalStyle(), indent: String = "") -> String {
        var out = ""
        for line in lines {
            switch line {
            case .same(let text):
                out += "\(indent)  \(text)\n"
            case .expected(let text, let marked), .actual(let text, let marked):
                let sign = { if case .expected = line { return "-" } else { return "+" } }()
                if style.marked("") != nil {
                    out += "\(indent)\(sign) \(highlighted(text, marked, style: style))\n"
                } else {
                    out += "\(indent)\(sign) \(text)\n"
                    if !marked.isEmpty { out += "\(indent)  \(caretLine(text, marked))\n" }
                }
            }
        }
        return out
    }

    /// The diff as escaped HTML lines (`<span class="diff-…">`), differing tokens in `<mark>`.
    public var html: String {
        lines.map { line -> String in
            switch line {
            case .same(let text):
                return "<span class=\"diff-same\">  \(HTML.escape(text))</span>"
            case .expected(let text, let marked):
                return "<span class=\"diff-expected\">- \(highlightedHTML(text, marked))</span>"
            case .actual(let text, let marked):
                return "<span class=\"diff-actual\">+ \(highlightedHTML(text, marked))</span>"
            }
        }.joined(separator: "\n")
    }
}

private func splitLines(_ text: String) -> [String] {
    let trimmed = text.trimmingTrailingWhitespace
    if trimmed.isEmpty { return [] }
    return trimmed.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
}

/// UTF-16 offset ranges of the tokens that differ between two lines. Tokens are paired in order; white
/// space takes part only with `exact` (otherwise padding would shift the pairs).
private func markDifferences(expected: String, actual: String, comparison: OutputComparison) -> ([Range<Int>], [Range<Int>]) {
    func compared(_ text: String) -> [(token: OutputToken, range: Range<Int>)] {
        var offset = 0
        return OutputTokenizer.tokens(of: text).map { token in
            defer { offset += token.text.utf16.count }
            return (token, offset..<(offset + token.text.utf16.count))
        }.filter { comparison.options.exact || $0.token.kind != .space }
    }
    let e = compared(expected), a = compared(actual)
    var markedE: [Range<Int>] = [], markedA: [Range<Int>] = []
    let common = min(e.count, a.count)
    var diverged = false
    for index in 0..<common {
        if diverged || !comparison.tokensAgree(a[index].token, e[index].token) {
            if e[index].token.kind != .space { markedE.append(e[index].range) }
            if a[index].token.kind != .space { markedA.append(a[index].range) }
            // When the token kinds differ, the lines no longer align: mark the rest.
            if !sameKind(e[index].token, a[index].token) { diverged = true }
        }
    }
    markedE += e[common...].filter { $0.token.kind != .space }.map(\.range)
    markedA += a[common...].filter { $0.token.kind != .space }.map(\.range)
    return (markedE, markedA)
}

private func sameKind(_ a: OutputToken, _ b: OutputToken) -> Bool {
    switch (a.kind, b.kind) {
    case (.space, .space), (.text, .text), (.number, .number): return true
    default: return false
    }
}

private func pieces(_ text: String, _ marked: [Range<Int>]) -> [(String, Bool)] {
    let utf16 = Array(text.utf16)
    var result: [(String, Bool)] = []
    var cursor = 0
    for range in marked.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.lowerBound >= cursor {
        if range.lowerBound > cursor { result.append((String(decoding: utf16[cursor..<range.lowerBound], as: UTF16.self), false)) }
        result.append((String(decoding: utf16[range.clamped(to: 0..<utf16.count)], as: UTF16.self), true))
        cursor = min(range.upperBound, utf16.count)
    }
    if cursor < utf16.count { result.append((String(decoding: utf16[cursor...], as: UTF16.self), false)) }
    return result
}

private func highlighted(_ text: String, _ marked: [Range<Int>], style: TerminalStyle) -> String {
    pieces(text, marked).map { $0.1 ? style.marked($0.0) ?? $0.0 : $0.0 }.joined()
}

private func highlightedHTML(_ text: String, _ marked: [Range<Int>]) -> String {
    pieces(text, marked).map { $0.1 ? "<mark>\(HTML.escape($0.0))</mark>" : HTML.escape($0.0) }.joined()
}

private func caretLine(_ text: String, _ marked: [Range<Int>]) -> String {
    var line = Array(repeating: Character(" "), count: text.utf16.count)
    for range in marked { for index in range where index < line.count { line[index] = "^" } }
    return String(line).trimmingTrailingWhitespace
}
