/// The `key: value` lines between `---` lines at the top of a chapter.
public struct FrontMatter: Sendable, Equatable {
    /// `title`: shown as the report's title.
    public var title: String?
    /// `timeout`: seconds for the whole chapter (default 600).
    public var timeout: Double = 600
    /// `data`: data set names the chapter reads (`ptb, digits`), each one of ``DataSetCatalog/all``.
    public var data: [String] = []
    /// `seed`: the random seed handed to the program (environment `FOLIO_SEED`).
    public var seed: UInt64?
    /// Descriptive keys that are shown but change nothing (`author`, `date`, …).
    public var metadata: [(key: String, value: String)] = []
    /// Number of lines the front matter takes (both fences included); 0 when absent.
    public var lineCount = 0

    /// Keys understood by folio.
    public static let knownKeys = ["title", "timeout", "data", "seed"]
    /// Keys accepted as plain descriptions.
    public static let descriptiveKeys = ["author", "date", "description", "subtitle"]

    public init() {}

    public static func == (lhs: FrontMatter, rhs: FrontMatter) -> Bool {
        lhs.title == rhs.title && lhs.timeout == rhs.timeout && lhs.data == rhs.data && lhs.seed == rhs.seed
            && lhs.lineCount == rhs.lineCount && lhs.metadata.map(\.key) == rhs.metadata.map(\.key)
            && lhs.metadata.map(\.value) == rhs.metadata.map(\.value)
    }

    /// Splits `source` into front matter and body. The body keeps its line numbers: the front matter
    /// lines are replaced by empty lines, so line N of the body is line N of the file.
    public static func split(_ source: String, path: String) throws(ChapterError) -> (FrontMatter, body: String) {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var matter = FrontMatter()
        guard let first = lines.first, first.trimmingTrailingWhitespace == "---" else { return (matter, source) }
        var closing: Int?
        for index in 1..<lines.count where lines[index].trimmingTrailingWhitespace == "---"
            || lines[index].trimmingTrailingWhitespace == "..." {
            closing = index
            break
        }
        guard let end = closing else {
            throw .badFrontMatter(path: path, line: 1, reason: "no closing '---' line")
        }
        for index in 1..<end {
            let line = index + 1
            let text = lines[index].trimmingWhitespace
            if text.isEmpty || text.hasPrefix("#") { continue }
            guard let colon = text.firstIndex(of: ":") else {
                throw .badFrontMatter(path: path, line: line, reason: "expected 'key: value', got '\(text)'")
            }
            let key = text[..<colon].trimmingWhitespace
            let value = unquote(text[text.index(after: colon)...].trimmingWhitespace)
            switch key {
            case "title":
                matter.title = value
            case "timeout":
                guard let seconds = Double(value), seconds.isFinite, seconds > 0 else {
                    throw .badFrontMatter(path: path, line: line, reason: "timeout '\(value)' is not a positive number of seconds")
                }
                matter.timeout = seconds
            case "data":
                matter.data = value.split(separator: ",").map { $0.trimmingWhitespace }.filter { !$0.isEmpty }
                if let problem = matter.data.lazy.compactMap(dataSetProblem).first {
                    throw .badFrontMatter(path: path, line: line, reason: problem)
                }
            case "seed":
                guard let seed = UInt64(value) else {
                    throw .badFrontMatter(path: path, line: line, reason: "seed '\(value)' is not a non-negative integer")
                }
                matter.seed = seed
            case _ where descriptiveKeys.contains(key):
                matter.metadata.append((key, value))
            default:
                throw .badFrontMatter(path: path, line: line,
                                      reason: "unknown key '\(key)' (known: \((knownKeys + descriptiveKeys).joined(separator: ", ")))")
            }
        }
        matter.lineCount = end + 1
        let body = Array(repeating: "", count: end + 1) + lines[(end + 1)...].map(String.init)
        return (matter, body.joined(separator: "\n"))
    }
}

/// Why `name` cannot be in `data:`, or nil: it must name a set of the catalog (`folio data list`).
private func dataSetProblem(_ name: String) -> String? {
    let known = DataSetCatalog.all.map(\.name)
    guard !known.contains(name) else { return nil }
    let plain = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    let what = plain ? "unknown data set '\(name)'" : "'\(name)' is not a data set name (a name from the list, no '/' or '..')"
    return "\(what); the sets are \(known.joined(separator: ", ")) (folio data list)"
}

private func unquote(_ value: String) -> String {
    if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
        return String(value.dropFirst().dropLast())
    }
    return value
}
