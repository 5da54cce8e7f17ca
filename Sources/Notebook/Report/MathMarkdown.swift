import Foundation

/// Protects TeX math in Markdown from the Markdown parser, and puts it back as MathML afterwards.
///
/// cmark would eat the underscores, asterisks and backslashes of `$x_k^j$`. `protect` finds
/// `$…$` (inline) and `$$…$$` (display, may span lines) outside fenced code blocks and inline code
/// spans and replaces each with a letters-and-digits placeholder that cmark passes through.
/// After cmark has made HTML, `ProtectedMarkdown.restore(html:)` swaps each placeholder for the
/// formula's MathML.
///
/// Rules, as in Pandoc's `tex_math_dollars`:
/// - `\$` is a literal dollar (cmark turns it into `$`); inside math it is TeX's `\$`.
/// - an opening `$` is not followed by white space; a closing `$` is not preceded by white space
///   nor followed by a digit, so "$5 and $6" stays text; and the first `$` after an opening one
///   must close it (stricter than Pandoc, so that "$5 and then $x$" is text, then math);
/// - math never crosses a blank line, a fenced code block or a code span.
///
/// Line numbers are kept: a formula spanning k lines becomes its placeholder followed by k lines
/// that each hold a continuation placeholder (never blank, never a block marker), so that
/// paragraphs stay paragraphs and every later line, fenced code blocks included, keeps its number.
public enum MathMarkdown {
    /// Replaces the math of `markdown` by placeholders; see the type's documentation. Without
    /// `convertingMath` (the chapter parser, which only needs the blocks and the TeX back) the spans
    /// carry no MathML and no problems: formulas are converted only for a page.
    public static func protect(_ markdown: String, convertingMath: Bool = true) -> ProtectedMarkdown {
        MarkdownPasses.counter?.countProtection()
        let prefix = placeholderPrefix(avoiding: markdown)
        var scanner = MathScanner(markdown: markdown, prefix: prefix, converts: convertingMath)
        scanner.run()
        return ProtectedMarkdown(markdown: scanner.output, spans: scanner.spans, prefix: prefix)
    }

    /// `FOLIOMATH`, or a longer variant when the text already contains it.
    private static func placeholderPrefix(avoiding text: String) -> String {
        var prefix = "FOLIOMATH"
        while text.contains(prefix) { prefix += "Z" }
        return prefix
    }
}

/// The scanner behind `MathMarkdown.protect`: copies text, skips fenced code and code spans, and
/// swaps math for placeholders.
private struct MathScanner {
    let characters: [Character]
    let prefix: String
    /// Whether each formula is converted to MathML as it is found.
    let converts: Bool
    var output = ""
    var spans: [MathSpan] = []
    private var position = 0
    private var line = 1

    init(markdown: String, prefix: String, converts: Bool) {
        characters = Array(markdown)
        self.prefix = prefix
        self.converts = converts
    }

    mutating func run() {
        while position < characters.count {
            if isLineStart(position), let fence = fenceOpening(at: position) {
                copyFencedBlock(fence)
                continue
            }
            let character = characters[position]
            switch character {
            case "\\":
                copy(count: position + 1 < characters.count && !characters[position + 1].isNewline ? 2 : 1)
            case "`":
                copyCodeSpanOrBackticks()
            case "$":
                if !replaceMath() { copy(count: 1) }
            default:
                copy(count: 1)
            }
        }
    }

    // MARK: Copying

    private mutating func copy(count: Int) {
        for _ in 0..<count where position < characters.count {
            let character = characters[position]
            output.append(character)
            if character.isNewline { line += 1 }
            position += 1
        }
    }

    private func isLineStart(_ index: Int) -> Bool {
        index == 0 || characters[index - 1].isNewline
    }

    // MARK: Fenced code

    private struct Fence {
        var marker: Character
        var length: Int
    }

    /// A fence line: optional indentation, then at least three backticks or tildes.
    private func fenceOpening(at start: Int) -> Fence? {
        var index = start
        while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
        guard index < characters.count, characters[index] == "`" || characters[index] == "~" else { return nil }
        let marker = characters[index]
        var length = 0
        while index < characters.count, characters[index] == marker {
            length += 1
            index += 1
        }
        guard length >= 3 else { return nil }
        if marker == "`" {
            // A backtick fence's info string holds no backtick.
            var rest = index
            while rest < characters.count, !characters[rest].isNewline {
                if characters[rest] == "`" { return nil }
                rest += 1
            }
        }
        return Fence(marker: marker, length: length)
    }

    private func isFenceClosing(_ fence: Fence, at start: Int) -> Bool {
        var index = start
        while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
        var length = 0
        while index < characters.count, characters[index] == fence.marker {
            length += 1
            index += 1
        }
        guard length >= fence.length else { return false }
        while index < characters.count, !characters[index].isNewline {
            if characters[index] != " " && characters[index] != "\t" { return false }
            index += 1
        }
        return true
    }

    /// Copies the opening fence line, the code, and the closing fence line (or the rest of the
    /// document when the fence is never closed, as CommonMark does).
    private mutating func copyFencedBlock(_ fence: Fence) {
        copyLine()
        while position < characters.count {
            let closing = isFenceClosing(fence, at: position)
            copyLine()
            if closing { return }
        }
    }

    private mutating func copyLine() {
        while position < characters.count {
            let isNewline = characters[position].isNewline
            copy(count: 1)
            if isNewline { return }
        }
    }

    // MARK: Code spans

    /// A run of n backticks opens a code span closed by the next run of exactly n backticks in the
    /// same paragraph; without one, the backticks are literal.
    private mutating func copyCodeSpanOrBackticks() {
        let runLength = backtickRun(at: position)
        var index = position + runLength
        while index < characters.count {
            if characters[index] == "`" {
                let length = backtickRun(at: index)
                if length == runLength {
                    copy(count: index + length - position)
                    return
                }
                index += length
            } else {
                if startsBlankLine(afterNewlineAt: index) { break }
                index += 1
            }
        }
        copy(count: runLength)
    }

    private func backtickRun(at start: Int) -> Int {
        var index = start
        while index < characters.count, characters[index] == "`" { index += 1 }
        return index - start
    }

    /// Whether `index` is a line break followed by a blank line (a paragraph break).
    private func startsBlankLine(afterNewlineAt index: Int) -> Bool {
        guard characters[index].isNewline else { return false }
        var next = index + 1
        while next < characters.count, characters[next] == " " || characters[next] == "\t" { next += 1 }
        return next >= characters.count || characters[next].isNewline
    }

    // MARK: Math

    /// Replaces the math that starts at the `$` under the cursor; false when that `$` is literal.
    private mutating func replaceMath() -> Bool {
        let isDisplay = position + 1 < characters.count && characters[position + 1] == "$"
        if isDisplay {
            guard let close = closingDisplay(from: position + 2) else { return false }
            let tex = String(characters[(position + 2)..<close])
            guard !tex.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return false }
            emit(tex: tex, display: true, end: close + 2)
            return true
        }
        guard position + 1 < characters.count else { return false }
        let first = characters[position + 1]
        guard !first.isWhitespace else { return false }
        guard let close = closingInline(from: position + 1) else { return false }
        emit(tex: String(characters[(position + 1)..<close]), display: false, end: close + 1)
        return true
    }

    private func closingDisplay(from start: Int) -> Int? {
        var index = start
        while index < characters.count {
            switch characters[index] {
            case "\\": index += 2
            case "$":
                if index + 1 < characters.count, characters[index + 1] == "$" { return index }
                index += 1
            default:
                if startsBlankLine(afterNewlineAt: index) { return nil }
                index += 1
            }
        }
        return nil
    }

    /// The `$` closing inline math opened before `start`. The first unescaped `$` must close it
    /// (TeX ends math there), so in "$5 and $6 … $x$" neither of the first two dollars opens math;
    /// and a backtick ends the search, since TeX math has none and it may open a code span.
    private func closingInline(from start: Int) -> Int? {
        var index = start
        while index < characters.count {
            switch characters[index] {
            case "\\": index += 2
            case "`": return nil
            case "$":
                let afterSpace = characters[index - 1].isWhitespace
                let beforeDigit = index + 1 < characters.count && characters[index + 1].isASCII && characters[index + 1].isNumber
                return !afterSpace && !beforeDigit ? index : nil
            default:
                if startsBlankLine(afterNewlineAt: index) { return nil }
                index += 1
            }
        }
        return nil
    }

    /// Writes the placeholder of a formula spanning `position..<end`, keeping its line breaks.
    private mutating func emit(tex: String, display: Bool, end: Int) {
        let number = spans.count
        let conversion = converts ? MathML.convert(tex, display: display) : MathML.Conversion(mathML: "", problems: [])
        spans.append(MathSpan(tex: tex, display: display, line: line, mathML: conversion.mathML, problems: conversion.problems))
        output += "\(prefix)\(number)X"
        let lineBreaks = characters[position..<end].filter(\.isNewline).count
        for _ in 0..<lineBreaks {
            output += "\n\(prefix)\(number)C"
        }
        line += lineBreaks
        position = end
    }
}
