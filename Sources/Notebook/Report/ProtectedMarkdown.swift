import Foundation

/// One formula found in the Markdown.
public struct MathSpan: Equatable, Sendable {
    /// The TeX between the dollars.
    public var tex: String
    /// `$$…$$` (true) or `$…$` (false).
    public var display: Bool
    /// 1-based line of the opening dollar in the Markdown source.
    public var line: Int
    /// The formula's `<math>` element (empty when the math was protected without converting it: it is
    /// then put back as written).
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

    /// The same Markdown with each formula's MathML and problems from `convert` (which gets its TeX
    /// and whether it is display math); where `convert` gives nil, the formula stays as written.
    public func converting(with convert: (_ tex: String, _ display: Bool) -> MathML.Conversion?) -> ProtectedMarkdown {
        ProtectedMarkdown(markdown: markdown, spans: spans.map { span in
            var span = span
            let conversion = convert(span.tex, span.display)
            span.mathML = conversion?.mathML ?? ""
            span.problems = conversion?.problems ?? []
            return span
        }, prefix: prefix)
    }

    /// One warning per problem of a formula, at the formula's line.
    public var warnings: [MathWarning] {
        spans.flatMap { span in span.problems.map { MathWarning(line: span.line, tex: span.tex, problem: $0.description) } }
    }

    /// Replaces every placeholder in cmark's HTML output by its MathML (a formula without MathML by
    /// its escaped TeX, as written).
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
        return rewritingPlaceholders(in: text) { output, match, _, _ in
            if match.isContinuation {
                // The line break before a continuation is part of the formula's source.
                if output.last == "\n" { output.removeLast() }
            } else {
                let span = spans[match.number]
                let delimiter = span.display ? "$$" : "$"
                output += delimiter + span.tex + delimiter
            }
        }
    }

    /// Drops each continuation placeholder with the line break cmark put before it.
    private func removeContinuations(from html: String) -> String {
        rewritingPlaceholders(in: html) { output, match, _, _ in
            if match.isContinuation {
                while output.last == "\n" || output.last == " " { output.removeLast() }
                if output.hasSuffix("<br />") { output.removeLast(6) }
                while output.last == "\n" { output.removeLast() }
            } else {
                output += html[match.range]
            }
        }
    }

    private func replaceFormulas(in html: String) -> String {
        var insideTag = false
        return rewritingPlaceholders(in: html) { output, match, before, index in
            insideTag = Self.tagState(after: before, startingInside: insideTag)
            let span = spans[match.number]
            if insideTag || span.mathML.isEmpty {
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
    }

    /// `text` rewritten at each placeholder, in order: the text before a placeholder is copied, then
    /// `rewrite` gets the output so far, the placeholder, that text before it, and the index just after
    /// it (which it may move on past what it used); the rest after the last placeholder is copied.
    private func rewritingPlaceholders(in text: String,
                                       _ rewrite: (inout String, PlaceholderMatch, Substring, inout String.Index) -> Void) -> String {
        var output = ""
        var index = text.startIndex
        while let match = nextPlaceholder(in: text, from: index) {
            let before = text[index..<match.range.lowerBound]
            output += before
            index = match.range.upperBound
            rewrite(&output, match, before, &index)
        }
        output += text[index...]
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
