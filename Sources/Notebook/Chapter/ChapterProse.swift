import Foundation

/// A heading of a chapter, for the table of contents.
public struct ChapterHeading: Equatable, Sendable {
    /// 1 for `#`, 2 for `##`, …
    public var level: Int
    /// The heading's plain text as cmark saw it (math still behind its placeholders).
    public var text: String
    /// The heading's `id` on the page, unique there.
    public var anchor: String
}

/// A chapter's prose as the page needs it, made by the parser in its one cmark pass: the page only
/// converts the formulas and fills in the cells and inline values.
public struct ChapterProse: Sendable {
    /// cmark's HTML of the body, with a placeholder per formula (see ``math``), one per cell and output
    /// block (``blockPlaceholder(line:)``), one per inline value (``inlinePlaceholder(_:)``), and an
    /// `id` on every heading.
    public var html: String
    /// The headings, in order.
    public var headings: [ChapterHeading]
    /// The body's formulas (not converted yet) and how to put them back into ``html``.
    public var math: ProtectedMarkdown

    /// The prose of the parsed `document` (cmark's tree of `math.markdown`, changed here: cells and
    /// output blocks become placeholders). Headings get anchors that are none of the cells' anchors.
    init(document: OpaquePointer, math: ProtectedMarkdown, cells: [Cell]) {
        var blockLines = Set(cells.map(\.fenceLine))
        for cell in cells { if let expected = cell.expected { blockLines.insert(expected.fenceLine) } }
        let rendered = renderProse(document, replacingBlocksAt: blockLines, reservedAnchors: Set(cells.map(\.anchor)),
                                   sourceText: math.restoreText)
        self.init(html: rendered.html, headings: rendered.headings, math: math)
    }

    /// The prose of Markdown that holds no cells (the book's front page): protected and parsed once.
    init(markdown: String) {
        let math = MathMarkdown.protect(markdown, convertingMath: false)
        let rendered = withCommonMarkDocument(math.markdown) { (document) throws(Never) in
            renderProse(document, replacingBlocksAt: [], sourceText: math.restoreText)
        }
        self.init(html: rendered?.html ?? "", headings: rendered?.headings ?? [], math: math)
    }

    init(html: String, headings: [ChapterHeading], math: ProtectedMarkdown) {
        self.html = html
        self.headings = headings
        self.math = math
    }

    /// The prose's HTML with its formulas converted by `pieces`, and the warnings about them.
    func html(pieces: ReportPieces) -> (html: String, formulas: ProtectedMarkdown) {
        let formulas = math.converting(with: pieces.convertMath)
        return (formulas.restore(html: html), formulas)
    }
}
