import CCmark
import Foundation

/// Parses `markdown` with libcmark (the one place that does) and hands the document to `body`;
/// libcmark owns the tree only inside this call. Nil only when cmark could not allocate the tree.
func withCommonMarkDocument<Result, Failure: Error>(_ markdown: String,
                                                    _ body: (OpaquePointer) throws(Failure) -> Result) throws(Failure) -> Result? {
    MarkdownPasses.counter?.countParse()
    // Source positions are asked for so that code spans carry their lines; HTML is rendered without them.
    guard let document = cmark_parse_document(markdown, markdown.utf8.count, CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS) else { return nil }
    defer { cmark_node_free(document) }
    return try body(document)
}

/// Renders a parsed Markdown `document` to HTML, leaving a placeholder where each fenced block at one
/// of `blockLines` was, so that the page can put a rendered cell there, and one where each inline value
/// (`` `{swift} …` ``) was, for its value (``inlinePlaceholder(_:)``). Changes the tree.
///
/// Headings get `id` anchors made from their source text (`sourceText` maps a heading's text to
/// what the author wrote, e.g. puts TeX back for math placeholders), unique on the page: none is one of
/// `reservedAnchors` (the cells' anchors) or another heading's. Raw HTML written by the author passes
/// through (chapters are trusted).
/// - Returns: the HTML, and the headings in order.
func renderProse(_ document: OpaquePointer, replacingBlocksAt blockLines: Set<Int>, reservedAnchors: Set<String> = [],
                 sourceText: (String) -> String = { $0 }) -> (html: String, headings: [ChapterHeading]) {
    var headings: [ChapterHeading] = []
    var usedAnchors = reservedAnchors
    var node = cmark_node_first_child(document)
    while let current = node {
        node = cmark_node_next(current)
        let line = Int(cmark_node_get_start_line(current))
        switch cmark_node_get_type(current) {
        case CMARK_NODE_CODE_BLOCK where blockLines.contains(line):
            guard let placeholder = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { continue }
            cmark_node_set_literal(placeholder, blockPlaceholder(line: line) + "\n")
            cmark_node_replace(current, placeholder)
            cmark_node_free(current)
        case CMARK_NODE_HEADING:
            let text = plainText(of: current)
            let base = slug(sourceText(text))
            var anchor = base
            var suffix = 2
            while usedAnchors.contains(anchor) { anchor = "\(base)-\(suffix)"; suffix += 1 }
            usedAnchors.insert(anchor)
            headings.append(ChapterHeading(level: Int(cmark_node_get_heading_level(current)), text: text, anchor: anchor))
        default:
            break
        }
    }
    // After the headings' texts are taken: a heading with an inline value lists its expression in the
    // table of contents, never a placeholder.
    replaceInlineValues(in: document)
    guard let rendered = cmark_render_html(document, CMARK_OPT_UNSAFE) else { return ("", headings) }
    defer { free(rendered) }
    return (anchoringHeadings(String(cString: rendered), headings), headings)
}

/// `html` with each heading's opening tag given its anchor, in document order.
private func anchoringHeadings(_ html: String, _ headings: [ChapterHeading]) -> String {
    var html = html
    var searchStart = html.startIndex
    for heading in headings {
        let tag = "<h\(heading.level)>"
        guard let range = html.range(of: tag, range: searchStart..<html.endIndex) else { break }
        let replacement = "<h\(heading.level) id=\"\(heading.anchor)\">"
        html.replaceSubrange(range, with: replacement)
        searchStart = html.index(range.lowerBound, offsetBy: replacement.count)
    }
    return html
}

/// The HTML comment standing for the fenced block that starts on `line`.
func blockPlaceholder(line: Int) -> String { "<!--folio-block-\(line)-->" }

/// `html` with every `blockPlaceholder(line:)` followed by a line break replaced by `blocks[line]`, in
/// one pass (replacing them one by one rescanned the whole page per cell). Unknown lines stay as they are.
func substituteBlockPlaceholders(in html: String, _ blocks: [Int: String]) -> String {
    substitutePlaceholders(in: html, marker: "<!--folio-block-", ending: "-->\n", blocks)
}

/// A URL-fragment-safe anchor from heading text: lowercase words joined by `-`.
func slug(_ text: String) -> String {
    var result = ""
    var pendingDash = false
    for character in text.lowercased() {
        if character.isLetter || character.isNumber {
            if pendingDash && !result.isEmpty { result.append("-") }
            result.append(character)
            pendingDash = false
        } else {
            pendingDash = true
        }
    }
    return result.isEmpty ? "section" : result
}

/// `html` with every ``inlinePlaceholder(_:)`` replaced by `values[index]`, in one pass; unknown ones stay.
func substituteInlinePlaceholders(in html: String, _ values: [Int: String]) -> String {
    substitutePlaceholders(in: html, marker: "<!--folio-inline-", ending: "-->", values)
}

/// `html` with every `marker` N `ending` replaced by `values[N]`, in one pass; unknown ones stay.
private func substitutePlaceholders(in html: String, marker: String, ending: String, _ values: [Int: String]) -> String {
    var pieces = html.components(separatedBy: marker)
    for index in pieces.indices.dropFirst() {
        let piece = pieces[index]
        if let end = piece.range(of: ending), let number = Int(piece[..<end.lowerBound]), let value = values[number] {
            pieces[index] = value + piece[end.upperBound...]
        } else {
            pieces[index] = marker + piece
        }
    }
    return pieces.joined()
}
