/// Finds the inline values of a chapter: cmark tells which code spans are inline values and on which
/// line each starts; the chapter's own text gives the column of each expression (math protection may
/// have changed the widths of the text cmark saw).
enum InlineValueFinder {
    /// The inline values among `spans` (code spans of `body`, in order); `cells` give each its cell above.
    static func find(spans: [MarkdownCodeSpan], body: String, cells: [Cell], path: String) throws(ChapterError) -> [InlineValue] {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
        var cursor = (line: 0, byte: 0)  // 0-based: where the search for the next one starts
        var values: [InlineValue] = []
        for span in spans {
            guard let expression = InlineValue.expression(inCodeSpan: span.literal) else { continue }
            if cursor.line < span.line - 1 { cursor = (span.line - 1, 0) }
            let position = locate(in: lines, from: cursor) ?? (span.line - 1, 0, 0)
            cursor = (position.line, position.after)
            let line = position.line + 1
            guard !expression.isEmpty else {
                throw .badInlineValue(path: path, line: line, reason: "an inline value needs an expression after {swift}, as in `{swift} mean`")
            }
            values.append(InlineValue(index: values.count, line: line, column: position.column + 1,
                                      expression: expression, afterCell: cells.last { $0.fenceLine < line }?.index))
        }
        return values
    }

    /// The next `` `{swift} `` at or after `cursor`: its line, the 0-based byte column of the expression,
    /// and the byte just after the keyword (where the next search on that line starts).
    private static func locate(in lines: [[UInt8]], from cursor: (line: Int, byte: Int)) -> (line: Int, column: Int, after: Int)? {
        let keyword = Array(InlineValue.keyword.utf8)
        var lineIndex = cursor.line, start = cursor.byte
        while lineIndex < lines.count {
            let bytes = lines[lineIndex]
            var index = start
            while index + keyword.count <= bytes.count {
                if bytes[index..<(index + keyword.count)].elementsEqual(keyword), precededByBacktick(bytes, index) {
                    var column = index + keyword.count
                    while column < bytes.count, bytes[column] == UInt8(ascii: " ") || bytes[column] == UInt8(ascii: "\t") { column += 1 }
                    return (lineIndex, column, index + keyword.count)
                }
                index += 1
            }
            lineIndex += 1
            start = 0
        }
        return nil
    }

    /// Whether only spaces stand between a backtick and `index`.
    private static func precededByBacktick(_ bytes: [UInt8], _ index: Int) -> Bool {
        var before = index - 1
        while before >= 0, bytes[before] == UInt8(ascii: " ") { before -= 1 }
        return before >= 0 && bytes[before] == UInt8(ascii: "`")
    }
}
