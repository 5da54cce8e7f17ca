/// The student edition of a key chapter (`folio release`): every solution region replaced by its stub,
/// every `hidden-test` cell removed with its output block, the output blocks of exercise cells removed
/// (they hold the answers), and every other byte as in the key. A removed block takes one blank line
/// after it along when a blank line stands before it too, so that no gap of two blank lines is left.
public enum StudentEdition {
    /// The student edition of `chapter` (parsed from the key's file).
    public static func text(of chapter: Chapter) throws(ChapterError) -> String {
        var lines = chapter.source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Edits from the bottom up, so that the line numbers of those above stay valid.
        for cell in chapter.cells.reversed() {
            if cell.options.hiddenTest {
                remove(firstLine: cell.fenceLine, lastLine: lastLine(of: cell), from: &lines)
                continue
            }
            guard cell.options.exercise else { continue }
            if let expected = cell.expected {
                remove(firstLine: expected.fenceLine, lastLine: closingFence(of: expected), from: &lines)
            }
            for region in try SolutionRegion.regions(in: cell, path: chapter.path).reversed() {
                // 0-based array index of the cell's first code line is codeLine − 1.
                let first = cell.codeLine - 1 + region.beginLine, last = cell.codeLine - 1 + region.endLine
                lines.replaceSubrange(first...last, with: [region.stubLine])
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The line of the closing fence of the cell's last block: its output block's, else its own.
    static func lastLine(of cell: Cell) -> Int {
        cell.expected.map(closingFence(of:)) ?? (cell.codeLine + cell.lineCount)
    }

    /// The line of an output block's closing fence.
    static func closingFence(of expected: ExpectedOutput) -> Int {
        let count = expected.text.isEmpty ? 0
            : expected.text.split(separator: "\n", omittingEmptySubsequences: false).count - (expected.text.hasSuffix("\n") ? 1 : 0)
        return expected.fenceLine + count + 1
    }

    /// Removes lines `firstLine...lastLine` (1-based) and, when blank lines stand on both sides, one of them.
    private static func remove(firstLine: Int, lastLine: Int, from lines: inout [String]) {
        let first = firstLine - 1, last = min(lastLine - 1, lines.count - 1)
        guard first <= last else { return }
        let blankBefore = first == 0 || lines[first - 1].trimmingWhitespace.isEmpty
        let blankAfter = last + 1 < lines.count && lines[last + 1].trimmingWhitespace.isEmpty
        lines.removeSubrange(first...(blankBefore && blankAfter ? last + 1 : last))
    }
}
