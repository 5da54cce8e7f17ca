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

/// One formula found in the Markdown.
public struct MathSpan: Equatable, Sendable {
    /// The TeX between the dollars.
    public var tex: String
    /// `$$…$$` (true) or `$…$` (false).
    public var display: Bool
    /// 1-based line of the opening dollar in the Markdown source.
    public var line: Int
    /// The formula's `<math>` element (empty when the math was protected without converting it).
    public var mathML: String
    /// Problems the converter found in `tex` (for `file:line` warnings).
    public var problems: [MathError]
}

/// Markdown whose math is hidden behind placeholders; see `MathMarkdown.protect`.
public struct ProtectedMarkdown: Sendable {
    /// The Markdown to hand to cmark: same number of lines as the input.
    public let markdown: String
    /// The formulas, in source order; placeholder `n` is `spans[n]`.
    public let spans: [MathSpan]
    let prefix: String

    /// Replaces every placeholder in cmark's HTML output by its MathML.
    ///
    /// A display formula that is a paragraph of its own becomes `<div class="math-display">`
    /// (so that CSS can centre it and scroll it sideways) instead of `<p>`; one inside other text
    /// is wrapped in `<span class="math-display">`, a block of its own that scrolls the same way. A placeholder inside a
    /// tag (an image's `alt`, a link's `title`) becomes the escaped TeX source with its dollars.
    public func restore(html: String) -> String {
        guard !spans.isEmpty else { return html }
        return replaceFormulas(in: removeContinuations(from: html))
    }

    /// Puts the TeX source (with its dollars) back in place of every placeholder of plain text taken
    /// from the protected Markdown, e.g. a heading's text or a code block's literal: the inverse of
    /// `protect` on any run of the protected text that holds whole formulas.
    public func restoreText(_ text: String) -> String {
        guard !spans.isEmpty, text.contains(prefix) else { return text }
        var output = ""
        var index = text.startIndex
        while let match = nextPlaceholder(in: text, from: index) {
            output += text[index..<match.range.lowerBound]
            if match.isContinuation {
                // The line break before a continuation is part of the formula's source.
                if output.last == "\n" { output.removeLast() }
            } else {
                let span = spans[match.number]
                let delimiter = span.display ? "$$" : "$"
                output += delimiter + span.tex + delimiter
            }
            index = match.range.upperBound
        }
        output += text[index...]
        return output
    }

    /// Drops each continuation placeholder with the line break cmark put before it.
    private func removeContinuations(from html: String) -> String {
        var output = ""
        var index = html.startIndex
        while let match = nextPlaceholder(in: html, from: index) {
            output += html[index..<match.range.lowerBound]
            if match.isContinuation {
                while output.last == "\n" || output.last == " " { output.removeLast() }
                if output.hasSuffix("<br />") { output.removeLast(6) }
                while output.last == "\n" { output.removeLast() }
            } else {
                output += html[match.range]
            }
            index = match.range.upperBound
        }
        output += html[index...]
        return output
    }

    private func replaceFormulas(in html: String) -> String {
        var output = ""
        var index = html.startIndex
        var insideTag = false
        while let match = nextPlaceholder(in: html, from: index) {
            let before = html[index..<match.range.lowerBound]
            output += before
            insideTag = Self.tagState(after: before, startingInside: insideTag)
            let span = spans[match.number]
            index = match.range.upperBound
            if insideTag {
                let delimiter = span.display ? "$$" : "$"
                output += MathMLWriter.escape(delimiter + span.tex + delimiter)
            } else if span.display, html[index...].hasPrefix("</p>"), let paragraph = Self.openParagraphTag(endOf: output) {
                output.removeLast(paragraph.tag.count)
                output += "<div class=\"math-display\"\(paragraph.attributes)>" + span.mathML + "</div>"
                index = html.index(index, offsetBy: 4)
            } else if span.display {
                // Inside a paragraph, a list item or a table cell: still its own scrolling block.
                output += "<span class=\"math-display\">" + span.mathML + "</span>"
            } else {
                output += span.mathML
            }
        }
        output += html[index...]
        return output
    }

    /// Whether a scan ends inside a tag (`<` seen after the last `>`).
    private static func tagState(after text: Substring, startingInside: Bool) -> Bool {
        var inside = startingInside
        for character in text {
            if character == "<" { inside = true } else if character == ">" { inside = false }
        }
        return inside
    }

    /// The `<p>` or `<p attributes…>` tag that `text` ends with, if any.
    private static func openParagraphTag(endOf text: String) -> (tag: String, attributes: String)? {
        guard let open = text.range(of: "<p", options: .backwards) else { return nil }
        let tag = text[open.lowerBound...]
        guard tag.last == ">", tag.dropLast().allSatisfy({ $0 != ">" }) else { return nil }
        let attributes = tag.dropFirst(2).dropLast()
        guard attributes.isEmpty || attributes.first == " " else { return nil }
        return (String(tag), String(attributes))
    }

    private struct PlaceholderMatch {
        var range: Range<String.Index>
        var number: Int
        var isContinuation: Bool
    }

    private func nextPlaceholder(in html: String, from start: String.Index) -> PlaceholderMatch? {
        var searchStart = start
        while let found = html.range(of: prefix, range: searchStart..<html.endIndex) {
            var cursor = found.upperBound
            var digits = ""
            while cursor < html.endIndex, let digit = html[cursor].wholeNumberValue, html[cursor].isASCII {
                digits.append(Character(String(digit)))
                cursor = html.index(after: cursor)
            }
            if cursor < html.endIndex, let number = Int(digits), number < spans.count,
               html[cursor] == "X" || html[cursor] == "C" {
                let end = html.index(after: cursor)
                return PlaceholderMatch(range: found.lowerBound..<end, number: number, isContinuation: html[cursor] == "C")
            }
            searchStart = found.upperBound
        }
        return nil
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
