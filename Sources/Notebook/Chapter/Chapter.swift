/// A parsed chapter: its front matter, its Swift cells in order, and the Markdown they sit in.
public struct Chapter: Sendable {
    /// The path as the user gave it (relative to the working directory); diagnostics use it.
    public var path: String
    /// The whole file as read.
    public var source: String
    /// Front matter values (defaults when absent).
    public var frontMatter: FrontMatter
    /// The Markdown after the front matter, its front matter lines kept blank so that line numbers
    /// are the file's: what the page renders (split once, by the parser).
    public var body: String
    /// The first level-1 or level-2 heading of the body, if any.
    public var firstHeading: String?
    /// Swift cells in order of appearance.
    public var cells: [Cell]
    /// The inline values of the prose (`` `{swift} expression` ``), in order.
    public var inlineValues: [InlineValue] = []
    /// The body's prose as HTML with placeholders for formulas, cells and inline values, and its
    /// headings: what the page fills in (made in the parser's one cmark pass).
    public var prose: ChapterProse

    /// Every recorded run of the chapter with its cell, in order.
    public var recordCalls: [(cell: Cell, call: RecordCall)] {
        cells.flatMap { cell in cell.records.map { (cell, $0) } }
    }

    /// The title shown in reports: front matter `title`, else the first heading, else the file name.
    public var title: String { frontMatter.title ?? firstHeading ?? name }

    /// The file name without folder and without `.md`: `02-convolution`.
    public var name: String { Self.name(ofPath: path) }

    /// The file name of `path` without folder and without `.md`.
    public static func name(ofPath path: String) -> String {
        var base = path.split(separator: "/").last.map(String.init) ?? path
        if base.hasSuffix(".md") { base.removeLast(3) }
        return base
    }

    /// The chapter's time limit in seconds.
    public var timeout: Double { frontMatter.timeout }
}

/// One fenced Swift block of a chapter.
public struct Cell: Sendable, Codable, Equatable {
    /// Position among the chapter's cells, from 0.
    public var index: Int
    /// Line of the opening fence (1-based).
    public var fenceLine: Int
    /// The code, as written (ends with a newline unless empty).
    public var code: String
    /// Options from the info string.
    public var options: CellOptions
    /// The expected output written right after the cell, if any.
    public var expected: ExpectedOutput?
    /// The `recorded("name")` calls in the cell's code.
    public var records: [RecordCall] = []

    /// Line of the first code line: diagnostics and `#line` map here.
    public var codeLine: Int { fenceLine + 1 }
    /// Number of code lines.
    public var lineCount: Int { code.isEmpty ? 0 : code.split(separator: "\n", omittingEmptySubsequences: false).count - (code.hasSuffix("\n") ? 1 : 0) }
    /// Whether a chapter line lies inside this cell's fences.
    public func contains(line: Int) -> Bool { line >= fenceLine && line <= fenceLine + lineCount + 1 }

    /// How messages name the cell: `'setup'` or `3` (1-based, as a reader counts).
    public var displayName: String { options.id.map { "'\($0)'" } ?? "\(index + 1)" }
    /// The HTML anchor of the cell.
    public var anchor: String { options.id ?? "cell-\(index + 1)" }
}

/// An ```` ```output ```` block: what the cell before it must print.
public struct ExpectedOutput: Sendable, Codable, Equatable {
    /// Line of the opening fence.
    public var fenceLine: Int
    /// The expected text.
    public var text: String
    /// Tolerances and `exact`.
    public var options: OutputOptions
}
