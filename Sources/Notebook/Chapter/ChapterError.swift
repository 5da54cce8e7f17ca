/// A chapter that cannot be run as written: the message names the file and the line, like a compiler.
///
/// Every case renders as `path:line: message`, and the command line exits with code 2 on it.
public enum ChapterError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file could not be read (missing, a folder, not UTF-8).
    case unreadable(path: String, reason: String)
    /// The front matter between the `---` lines is malformed.
    case badFrontMatter(path: String, line: Int, reason: String)
    /// A cell's info string has a word that is not a known option.
    case unknownOption(path: String, line: Int, option: String, block: String)
    /// An option has a value that cannot be used (`timeout=abc`, `rtol=-1`, `id=`).
    case badOptionValue(path: String, line: Int, option: String, reason: String)
    /// An ```` ```output ```` block that does not directly follow a Swift cell.
    case outputWithoutCell(path: String, line: Int)
    /// Two cells share an `id=`.
    case duplicateID(path: String, line: Int, id: String, firstLine: Int)
    /// A `recorded(…)` call whose name is not a string literal or not a valid record name, or a
    /// name used twice in the chapter.
    case badRecord(path: String, line: Int, reason: String)
    /// An inline value `` `{swift} …` `` without an expression.
    case badInlineValue(path: String, line: Int, reason: String)
    /// The paths given hold no chapter (`path` is the first of them).
    case noChapters(path: String)
    /// Two chapters would be written to the same page (`path` and `other`, both named `page`).
    case samePage(path: String, other: String, page: String)
    /// A fenced block that is never closed: Markdown would make the rest of the file its code.
    /// `fence` is the opening fence as written (```` ```swift id=a ````); `line` is its line.
    case unclosedFence(path: String, line: Int, fence: String)
    /// An exercise marker that cannot be used: a solution marker outside an exercise cell, unbalanced
    /// or nested, an exercise cell without an id.
    case badExercise(path: String, line: Int, reason: String)

    /// The file the error is in.
    public var path: String {
        switch self {
        case .unreadable(let path, _), .badFrontMatter(let path, _, _), .unknownOption(let path, _, _, _),
             .badOptionValue(let path, _, _, _), .outputWithoutCell(let path, _), .duplicateID(let path, _, _, _), .badRecord(let path, _, _),
             .badInlineValue(let path, _, _), .noChapters(let path), .samePage(let path, _, _), .unclosedFence(let path, _, _),
             .badExercise(let path, _, _):
            return path
        }
    }

    /// The 1-based line the error is on (1 when the whole file is concerned).
    public var line: Int {
        switch self {
        case .unreadable, .noChapters, .samePage: return 1
        case .badFrontMatter(_, let line, _), .unknownOption(_, let line, _, _), .badOptionValue(_, let line, _, _),
             .outputWithoutCell(_, let line), .duplicateID(_, let line, _, _), .badRecord(_, let line, _),
             .badInlineValue(_, let line, _), .unclosedFence(_, let line, _), .badExercise(_, let line, _):
            return line
        }
    }

    /// What is wrong, without the location.
    public var message: String {
        switch self {
        case .unreadable(_, let reason):
            return "cannot read chapter: \(reason)"
        case .badFrontMatter(_, _, let reason):
            return "bad front matter: \(reason)"
        case .unknownOption(_, _, let option, let block):
            let known = block == "output" ? OutputOptions.knownOptions : CellOptions.knownOptions
            return "unknown \(block) option '\(option)' (known: \(known.joined(separator: ", ")))"
        case .badOptionValue(_, _, let option, let reason):
            return "bad value for option '\(option)': \(reason)"
        case .outputWithoutCell:
            return "an output block must directly follow a swift cell (only blank lines between)"
        case .duplicateID(_, _, let id, let firstLine):
            return "duplicate cell id '\(id)' (first used on line \(firstLine))"
        case .badRecord(_, _, let reason), .badInlineValue(_, _, let reason), .badExercise(_, _, let reason):
            return reason
        case .noChapters:
            return "no chapters found (no *.md files); --allow-empty accepts that"
        case .samePage(_, let other, let page):
            return "its page would be \(page), which is the page of \(other) too: rename one of the two chapters"
        case .unclosedFence(_, _, let fence):
            let marker = String(fence.prefix { $0 == "`" || $0 == "~" })
            return "unclosed fence '\(fence)': it runs to the end of the file; close it with a line '\(marker)'"
        }
    }

    public var description: String {
        // A folder has no lines.
        if case .noChapters = self { return "\(path): \(message)" }
        return "\(path):\(line): \(message)"
    }
}
