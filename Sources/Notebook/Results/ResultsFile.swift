import Foundation

/// What `folio check --json FILE` writes: every chapter, cell, check and record of a run, with times and
/// margins, so that CI can keep it, `--compare` can find drift in it and `--durations` can balance shards.
/// JSON with snake_case keys, pretty-printed with sorted keys.
public struct ResultsFile: Codable, Sendable {
    /// This version of the format.
    public static let currentFormat = "folio-results-1"

    public var format: String
    /// When the run ended, ISO 8601 (UTC).
    public var date: String
    public var passed: Int
    public var failed: Int
    public var chapters: [Chapter]
    /// Chapters that were malformed or could not be run.
    public var errors: [Problem]

    public struct Chapter: Codable, Sendable {
        public var path: String
        public var title: String
        public var passed: Int
        public var failed: Int
        /// Wall time of compile and run.
        public var seconds: Double
        public var compileSeconds: Double
        public var cells: [Cell]
        public var checks: [Check]
        public var records: [Record]
        public var inlineValues: [Inline]
    }

    public struct Cell: Codable, Sendable {
        public var index: Int
        public var id: String?
        /// Line of the opening fence.
        public var line: Int
        public var status: String
        public var seconds: Double?
    }

    public struct Check: Codable, Sendable {
        /// Names the check across runs, independent of line numbers: `chapters/a.md#mean/output/1`.
        public var key: String
        public var file: String
        public var line: Int
        /// Index of the cell (nil for an inline value before every cell).
        public var cell: Int?
        public var kind: String
        public var label: String
        public var passed: Bool
        public var expected: String?
        public var actual: String?
        /// `|actual − expected| / (atol + rtol·|expected|)` for numbers (≤ 1 passes).
        public var margin: Double?
    }

    public struct Record: Codable, Sendable {
        public var name: String
        public var status: String
        public var provenance: String?
        public var verified: Bool
        public var path: String
    }

    public struct Inline: Codable, Sendable {
        public var index: Int
        public var line: Int
        public var column: Int
        public var expression: String
        public var status: String
        public var value: String?
    }

    public struct Problem: Codable, Sendable {
        public var path: String
        public var message: String
    }
}

extension ResultsFile {
    /// The file for a run: the chapters that ran (with their parsed chapters) and the ones that did not.
    public init(results: [(Notebook.Chapter, ChapterResult)], errors: [(path: String, message: String)], date: Date = Date()) {
        format = Self.currentFormat
        self.date = ISO8601DateFormatter().string(from: date)
        chapters = results.map { Self.entry(chapter: $0.0, result: $0.1) }
        passed = chapters.reduce(0) { $0 + $1.passed }
        failed = chapters.reduce(0) { $0 + $1.failed }
        self.errors = errors.map { Problem(path: $0.path, message: $0.message) }
    }

    private static func entry(chapter: Notebook.Chapter, result: ChapterResult) -> Chapter {
        let cells = result.cells.map { cell -> Cell in
            let source = chapter.cells.indices.contains(cell.index) ? chapter.cells[cell.index] : nil
            return Cell(index: cell.index, id: source?.options.id, line: source?.fenceLine ?? 0, status: cell.status.rawValue, seconds: cell.seconds)
        }
        var seen: [String: Int] = [:]
        let checks = result.checks.map { check -> Check in
            let base = checkKeyBase(check, chapter: chapter)
            seen[base, default: 0] += 1
            return Check(key: "\(base)/\(seen[base]!)", file: chapter.path, line: check.line, cell: check.cell >= 0 ? check.cell : nil,
                         kind: check.kind.rawValue, label: check.label, passed: check.passed, expected: check.expected,
                         actual: check.actual, margin: check.margin)
        }
        let records = result.records.map { Record(name: $0.name, status: $0.status.rawValue, provenance: $0.provenance, verified: $0.verified, path: $0.path) }
        let inline = chapter.inlineValues.map { value -> Inline in
            let outcome = result.inlineValues.first { $0.index == value.index }
            return Inline(index: value.index, line: value.line, column: value.column, expression: value.expression,
                          status: outcome?.status.rawValue ?? "notRun", value: outcome?.text)
        }
        return Chapter(path: result.path, title: result.title, passed: result.passed, failed: result.failed, seconds: result.seconds,
                       compileSeconds: result.compileSeconds, cells: cells, checks: checks, records: records, inlineValues: inline)
    }

    /// `chapters/a.md#mean/output` or `chapters/a.md#cell-3/code/loss fell`: the part of a check's key
    /// that does not move when lines are added above it or when it starts or stops failing.
    private static func checkKeyBase(_ check: CheckResult, chapter: Notebook.Chapter) -> String {
        if check.kind == .inlineValue {
            let value = chapter.inlineValues.first { $0.line == check.line }
            return "\(chapter.path)#inline-\(value?.index ?? check.line)/\(check.kind.rawValue)"
        }
        let anchor = chapter.cells.indices.contains(check.cell) ? chapter.cells[check.cell].anchor : "cell-\(check.cell + 1)"
        let what = check.kind == .code ? "/\(check.label)" : ""
        return "\(chapter.path)#\(anchor)/\(check.kind.rawValue)\(what)"
    }

    /// Pretty-printed JSON, sorted keys, snake_case.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }

    /// Reads a file written by `--json`.
    public static func read(fileAt path: String) throws(ResultsFileError) -> ResultsFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, reason: "no such file or not readable") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let file: ResultsFile
        do {
            file = try decoder.decode(ResultsFile.self, from: data)
        } catch {
            throw .unreadable(path: path, reason: "not a results file of folio check --json (\(Self.describe(error)))")
        }
        guard file.format == currentFormat else {
            throw .unreadable(path: path, reason: "format '\(file.format)', this folio reads '\(currentFormat)'")
        }
        return file
    }

    /// Seconds per chapter path, for `--durations`.
    public var durations: [String: Double] {
        Dictionary(chapters.map { ($0.path, $0.seconds) }, uniquingKeysWith: { $1 })
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "no '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted: return "not valid JSON"
        default: return "\(error)"
        }
    }
}

/// A results file that cannot be used (`--compare`, `--durations`): a usage error.
public enum ResultsFileError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): \(reason)"
        }
    }
}
