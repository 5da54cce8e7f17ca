import CCmark
import Foundation

/// Reads a chapter file into a ``Chapter``, using libcmark's syntax tree to find the fenced blocks.
///
/// Only top-level fenced blocks count: a block whose info string's first word is `swift` is a cell,
/// one whose first word is `output` is the expected output of the cell right before it.
public enum MarkdownChapterParser {
    /// Reads and parses the file at `path` (relative to the working directory or absolute).
    public static func parse(fileAt path: String) throws(ChapterError) -> Chapter {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .unreadable(path: path, reason: "no such file")
        }
        guard !isFolder.boolValue else { throw .unreadable(path: path, reason: "it is a folder") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or I/O error")
        }
        guard let source = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "not UTF-8 text")
        }
        return try parse(source: source, path: path)
    }

    /// Parses chapter text; `path` is used in the chapter and in error messages.
    ///
    /// One pass each: the math is protected once (underscores, asterisks and backslashes of TeX are no
    /// Markdown; the protection keeps every line number, and `restoreText` gives code and headings back
    /// as written) and cmark parses the protected body once. From that one tree come the cells, the
    /// inline values and the prose HTML that the page fills in (``ChapterProse``).
    public static func parse(source: String, path: String) throws(ChapterError) -> Chapter {
        let normalized = source.replacingOccurrences(of: "\r\n", with: "\n")
        let (frontMatter, body) = try FrontMatter.split(normalized, path: path)
        let math = MathMarkdown.protect(body, convertingMath: false)
        let chapter = try withCommonMarkDocument(math.markdown) { (document) throws(ChapterError) -> Chapter in
            let blocks = try restoredBlocks(of: document, math: math, source: normalized, path: path)
            let (cells, firstHeading) = try cellsAndTitle(of: blocks, path: path)
            let spans = codeSpans(of: document).map { MarkdownCodeSpan(literal: math.restoreText($0.literal), line: $0.line) }
            let inlineValues = try InlineValueFinder.find(spans: spans, body: body, cells: cells, path: path)
            // Last: making the prose turns the cells' blocks into placeholders in the tree.
            return Chapter(path: path, source: normalized, frontMatter: frontMatter, body: body, firstHeading: firstHeading,
                           cells: cells, inlineValues: inlineValues, prose: ChapterProse(document: document, math: math, cells: cells))
        }
        guard let chapter else { throw .unreadable(path: path, reason: "libcmark could not allocate its syntax tree") }
        return chapter
    }

    /// The top-level blocks of `document` (cmark's tree of `math.markdown`) with code and headings as
    /// written; a fenced block without its closing fence is an error at its opening line of `source`.
    private static func restoredBlocks(of document: OpaquePointer, math: ProtectedMarkdown, source: String,
                                       path: String) throws(ChapterError) -> [MarkdownBlock] {
        let topLevel = topLevelBlocks(of: document, markdown: math.markdown)
        if let open = topLevel.first(where: { $0.isUnclosedFence }) {
            let opening = source.split(separator: "\n", omittingEmptySubsequences: false)
            let fence = open.startLine <= opening.count ? opening[open.startLine - 1].trimmingWhitespace : "```"
            throw .unclosedFence(path: path, line: open.startLine, fence: fence)
        }
        return topLevel.map { block in
            var block = block
            switch block.kind {
            case .fenced(let info, let literal): block.kind = .fenced(info: math.restoreText(info), literal: math.restoreText(literal))
            case .heading(let level, let text): block.kind = .heading(level: level, text: math.restoreText(text))
            case .other: break
            }
            return block
        }
    }

    /// The cells (each swift block, with the output block that follows it) and the first heading of
    /// level 1 or 2; duplicate ids and record names, and output blocks without a cell, are errors.
    private static func cellsAndTitle(of blocks: [MarkdownBlock], path: String) throws(ChapterError) -> (cells: [Cell], firstHeading: String?) {
        var cells: [Cell] = []
        var idLines: [String: Int] = [:]
        var recordLines: [String: Int] = [:]
        var previous: MarkdownBlock?
        var firstHeading: String?
        for block in blocks {
            defer { previous = block }
            if case .heading(let level, let text) = block.kind, level <= 2, firstHeading == nil {
                firstHeading = text
            }
            guard case .fenced(let info, let literal) = block.kind else { continue }
            let words = infoWords(info)
            guard let language = words.first else { continue }
            if language == "swift" {
                let options = try CellOptions(words: Array(words.dropFirst()), path: path, line: block.startLine)
                if let id = options.id {
                    if let first = idLines[id] {
                        throw .duplicateID(path: path, line: block.startLine, id: id, firstLine: first)
                    }
                    idLines[id] = block.startLine
                }
                var cell = Cell(index: cells.count, fenceLine: block.startLine, code: literal, options: options)
                _ = try SolutionRegion.regions(in: cell, path: path)
                if !options.norun {
                    cell.records = try RecordCall.find(in: literal, firstLine: cell.codeLine, path: path)
                    for call in cell.records {
                        if let first = recordLines[call.name] {
                            throw .badRecord(path: path, line: call.line, reason: "record '\(call.name)' is already recorded on line \(first): give each recorded run its own name")
                        }
                        recordLines[call.name] = call.line
                    }
                }
                cells.append(cell)
            } else if language == "output" {
                let options = try OutputOptions(words: Array(words.dropFirst()), path: path, line: block.startLine)
                guard let before = previous, case .fenced(let beforeInfo, _) = before.kind,
                      infoWords(beforeInfo).first == "swift", !cells.isEmpty,
                      cells[cells.count - 1].fenceLine == before.startLine else {
                    throw .outputWithoutCell(path: path, line: block.startLine)
                }
                cells[cells.count - 1].expected = ExpectedOutput(fenceLine: block.startLine, text: literal, options: options)
            }
        }
        return (cells, firstHeading)
    }
}

/// The words of a fenced block's info string (```` ```swift id=a hidden ````), split at spaces and tabs
/// alike: the language, then the options.
func infoWords(_ info: String) -> [String] {
    info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
}

/// A top-level block of a Markdown document, as plain Swift values.
struct MarkdownBlock {
    enum Kind {
        case fenced(info: String, literal: String)
        case heading(level: Int, text: String)
        case other
    }
    var kind: Kind
    var startLine: Int
    var endLine: Int
    /// A fenced block whose closing fence is missing (cmark then ends it at the end of the document).
    var isUnclosedFence = false
}

/// Whether the fenced block opened on `startLine` and ended on `endLine` (1-based lines of `lines`)
/// ends with a closing fence: the opening fence's character, at least as many times, indented at
/// most three spaces, and nothing but white space after it (CommonMark's rule).
func fenceIsClosed(lines: [Substring], startLine: Int, endLine: Int) -> Bool {
    guard startLine >= 1, endLine > startLine, endLine <= lines.count else { return false }
    func fence(of line: Substring) -> (character: Character, count: Int, rest: Substring)? {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let text = line.dropFirst(indent)
        guard let character = text.first, character == "`" || character == "~" else { return nil }
        let run = text.prefix { $0 == character }.count
        return run >= 3 ? (character, run, text.dropFirst(run)) : nil
    }
    guard let opening = fence(of: lines[startLine - 1]), let closing = fence(of: lines[endLine - 1]) else { return false }
    return closing.character == opening.character && closing.count >= opening.count
        && closing.rest.allSatisfy { $0 == " " || $0 == "\t" }
}

/// The top-level blocks of `document`, cmark's tree of `markdown`, in order.
func topLevelBlocks(of document: OpaquePointer, markdown: String) -> [MarkdownBlock] {
    var blocks: [MarkdownBlock] = []
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
    var node = cmark_node_first_child(document)
    while let current = node {
        let start = Int(cmark_node_get_start_line(current))
        let end = Int(cmark_node_get_end_line(current))
        switch cmark_node_get_type(current) {
        case CMARK_NODE_CODE_BLOCK:
            // Indented code blocks have no fence and an empty info string: never cells.
            let fenced = cmark_node_get_fence_info(current).map { String(cString: $0) } ?? ""
            let literal = cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
            var block = MarkdownBlock(kind: fenced.isEmpty ? .other : .fenced(info: fenced.trimmingWhitespace, literal: literal),
                                      startLine: start, endLine: end)
            // An indented block has no fence; a fenced one without a closing fence swallows the rest.
            let indented = lines.indices.contains(start - 1) && lines[start - 1].prefix(while: { $0 == " " }).count >= 4
            block.isUnclosedFence = !indented && !fenceIsClosed(lines: lines, startLine: start, endLine: end)
            blocks.append(block)
        case CMARK_NODE_HEADING:
            blocks.append(MarkdownBlock(kind: .heading(level: Int(cmark_node_get_heading_level(current)),
                                                       text: plainText(of: current)),
                                        startLine: start, endLine: end))
        default:
            blocks.append(MarkdownBlock(kind: .other, startLine: start, endLine: end))
        }
        node = cmark_node_next(current)
    }
    return blocks
}

/// The text of a node's inline content, without markup.
func plainText(of node: OpaquePointer) -> String {
    var text = ""
    guard let iterator = cmark_iter_new(node) else { return text }
    defer { cmark_iter_free(iterator) }
    while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
        guard let current = cmark_iter_get_node(iterator) else { continue }
        if cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
           let literal = cmark_node_get_literal(current) {
            text += String(cString: literal)
        }
    }
    return text
}
