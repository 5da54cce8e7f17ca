import Foundation

/// `folio check --update` for one chapter: every expected-output block whose check failed, rewritten
/// with what the cell printed (see ``OutputRewrite``); the fence lines with their options, passing
/// blocks, prose and code stay byte for byte.
public struct ChapterUpdate: Sendable {
    /// One rewritten block.
    public struct Edit: Sendable, Equatable {
        /// The cell above the block.
        public var cell: Int
        /// The chapter line of the block's first content line.
        public var firstLine: Int
        public var oldLines: [String]
        public var newLines: [String]
        /// `output of cell 'mean'`.
        public var label: String
    }

    public var path: String
    /// The chapter's text when it was read for the run (what the file must still hold to be rewritten).
    public var oldSource: String
    public var newSource: String
    public var edits: [Edit]
    /// Failed output blocks left as they are, with the reason: `(line, reason)`.
    public var skipped: [(line: Int, reason: String)]

    /// The update for `chapter` after the run that gave `result`.
    public static func plan(chapter: Chapter, result: ChapterResult) -> ChapterUpdate {
        var lines = chapter.source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var edits: [Edit] = []
        var skipped: [(line: Int, reason: String)] = []
        let failing = result.checks.filter { !$0.passed && $0.kind == .output && chapter.cells.indices.contains($0.cell) }
        // From the bottom up, so that earlier blocks keep their line numbers while later ones change.
        for check in failing.sorted(by: { $0.cell > $1.cell }) {
            let cell = chapter.cells[check.cell]
            guard let expected = cell.expected, let actual = check.actual else { continue }
            guard let block = FencedBlock(lines: lines, openingLine: expected.fenceLine) else {
                skipped.append((expected.fenceLine, "cannot find the block's fences")); continue
            }
            let new = OutputRewrite.lines(expected: expected.text, actual: actual, options: expected.options)
                .map { $0.isEmpty ? "" : block.indent + $0 }
            if let clash = new.first(where: block.isClosed(by:)) {
                skipped.append((expected.fenceLine, "the new output has a line that would close the block: \(clash)")); continue
            }
            let old = Array(lines[block.contentRange])
            guard old != new else { continue }
            lines.replaceSubrange(block.contentRange, with: new)
            let kind = cell.options.compileError ? "compiler output" : "output"
            edits.append(Edit(cell: cell.index, firstLine: expected.fenceLine + 1, oldLines: old, newLines: new,
                              label: "\(kind) of cell \(cell.displayName)"))
        }
        return ChapterUpdate(path: chapter.path, oldSource: chapter.source, newSource: lines.joined(separator: "\n"),
                             edits: edits.reversed(), skipped: skipped.reversed())
    }

    /// Writes the new text atomically, unless the file no longer holds the text the run read.
    public func write() throws(ChapterUpdateError) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path)
        }
        guard text.replacingOccurrences(of: "\r\n", with: "\n") == oldSource else { throw .changedOnDisk(path: path) }
        let written = text.contains("\r\n") ? newSource.replacingOccurrences(of: "\n", with: "\r\n") : newSource
        do {
            try AtomicFile.write(written, to: path)
        } catch {
            throw .unwritable(path: path, reason: "\(error)")
        }
    }

    /// The change as a unified diff (`--- path`, `+++ path`, one `@@` hunk per block).
    public var diff: String {
        guard !edits.isEmpty else { return "" }
        var text = "--- \(path)\n+++ \(path)\n"
        var shift = 0
        for edit in edits {
            text += "@@ -\(edit.firstLine),\(edit.oldLines.count) +\(edit.firstLine + shift),\(edit.newLines.count) @@ \(edit.label)\n"
            for step in alignLines(edit.oldLines, edit.newLines, equal: ==) {
                switch step {
                case .same(let line, _): text += " \(line)\n"
                case .removed(let line): text += "-\(line)\n"
                case .added(let line): text += "+\(line)\n"
                }
            }
            shift += edit.newLines.count - edit.oldLines.count
        }
        return text
    }
}

/// The fences of a fenced block in a chapter's lines.
struct FencedBlock {
    /// 0-based indices of the lines between the fences.
    var contentRange: Range<Int>
    var indent: String
    var fenceCharacter: Character
    var fenceLength: Int

    /// The block whose opening fence is on chapter line `openingLine` (1-based).
    init?(lines: [String], openingLine: Int) {
        let index = openingLine - 1
        guard lines.indices.contains(index) else { return nil }
        let opening = lines[index]
        indent = String(opening.prefix(while: { $0 == " " }))
        let rest = opening.dropFirst(indent.count)
        guard let character = rest.first, character == "`" || character == "~" else { return nil }
        let length = rest.prefix(while: { $0 == character }).count
        fenceCharacter = character
        fenceLength = length
        let closing = lines[(index + 1)...].firstIndex { Self.closes($0, character: character, length: length) } ?? lines.count
        contentRange = (index + 1)..<closing
    }

    /// Whether `line` would end the block.
    func isClosed(by line: String) -> Bool { Self.closes(line, character: fenceCharacter, length: fenceLength) }

    private static func closes(_ line: String, character: Character, length: Int) -> Bool {
        let indent = line.prefix(while: { $0 == " " }).count
        guard indent <= 3 else { return false }
        let rest = line.dropFirst(indent)
        let run = rest.prefix(while: { $0 == character }).count
        return run >= length && rest.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }
}

/// Why a chapter was not rewritten.
public enum ChapterUpdateError: Error, CustomStringConvertible, Equatable {
    /// The file changed while the chapter ran: writing would lose the author's edit.
    case changedOnDisk(path: String)
    case unreadable(path: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .changedOnDisk(let path):
            return "\(path):1: not updated: the file changed on disk while the chapter ran; run folio check --update again"
        case .unreadable(let path):
            return "\(path):1: not updated: the file can no longer be read"
        case .unwritable(let path, let reason):
            return "\(path):1: not updated: \(reason)"
        }
    }
}
