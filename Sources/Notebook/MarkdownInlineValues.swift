import CCmark

/// A code span of a Markdown document: its text as cmark gives it and the line it starts on.
struct MarkdownCodeSpan {
    var literal: String
    var line: Int
}

/// Every code span of the parsed `document` (in paragraphs, headings, lists, quotes…), in document order.
func codeSpans(of document: OpaquePointer) -> [MarkdownCodeSpan] {
    guard let iterator = cmark_iter_new(document) else { return [] }
    defer { cmark_iter_free(iterator) }
    var spans: [MarkdownCodeSpan] = []
    while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
        guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
              cmark_node_get_type(node) == CMARK_NODE_CODE else { continue }
        let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        spans.append(MarkdownCodeSpan(literal: literal, line: Int(cmark_node_get_start_line(node))))
    }
    return spans
}

/// Replaces the code spans of `document` that are inline values by HTML comments
/// `<!--folio-inline-K-->` (K counts inline values from 0, in document order, as the parser does).
/// Nodes are collected first and replaced after the walk: cmark's iterator must not see a freed node.
func replaceInlineValues(in document: OpaquePointer) {
    guard let iterator = cmark_iter_new(document) else { return }
    var found: [OpaquePointer] = []
    while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
        guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
              cmark_node_get_type(node) == CMARK_NODE_CODE,
              let literal = cmark_node_get_literal(node).map({ String(cString: $0) }),
              InlineValue.expression(inCodeSpan: literal) != nil else { continue }
        found.append(node)
    }
    cmark_iter_free(iterator)
    for (index, node) in found.enumerated() {
        guard let placeholder = cmark_node_new(CMARK_NODE_HTML_INLINE) else { continue }
        cmark_node_set_literal(placeholder, inlinePlaceholder(index))
        cmark_node_replace(node, placeholder)
        cmark_node_free(node)
    }
}

/// The HTML comment standing for inline value `index` in rendered prose.
func inlinePlaceholder(_ index: Int) -> String { "<!--folio-inline-\(index)-->" }
