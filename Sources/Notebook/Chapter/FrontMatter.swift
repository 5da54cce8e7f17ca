import Yams

/// The YAML between `---` lines at the top of a chapter (a mapping of the keys below; read with Yams).
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
        let yaml = lines[1..<end].joined(separator: "\n")
        for (key, value, line) in try entries(ofYAML: yaml, path: path) {
            try matter.read(key: key, value: value, line: line, path: path)
        }
        matter.lineCount = end + 1
        let body = Array(repeating: "", count: end + 1) + lines[(end + 1)...].map(String.init)
        return (matter, body.joined(separator: "\n"))
    }
}

extension FrontMatter {
    /// Sets the field of one `key: value` entry (`line` locates errors).
    fileprivate mutating func read(key: String, value: Node, line: Int, path: String) throws(ChapterError) {
        let text = scalarText(value)
        if ["title", "timeout", "seed"].contains(key), value.scalar == nil {
            throw .badFrontMatter(path: path, line: line, reason: "\(key) takes one value, not a list or a mapping")
        }
        switch key {
        case "title":
            title = text
        case "timeout":
            guard let seconds = Double(text), seconds.isFinite, seconds > 0 else {
                throw .badFrontMatter(path: path, line: line, reason: "timeout '\(text)' is not a positive number of seconds")
            }
            timeout = seconds
        case "data":
            // A YAML list (`[ptb, digits]`) or one line of names with commas (`ptb, digits`).
            let names = value.sequence.map { $0.map(scalarText) } ?? text.split(separator: ",").map(String.init)
            data = names.map { $0.trimmingWhitespace }.filter { !$0.isEmpty }
            if let problem = data.lazy.compactMap(dataSetProblem).first {
                throw .badFrontMatter(path: path, line: line, reason: problem)
            }
        case "seed":
            guard let number = UInt64(text) else {
                throw .badFrontMatter(path: path, line: line, reason: "seed '\(text)' is not a non-negative integer")
            }
            seed = number
        case _ where Self.descriptiveKeys.contains(key):
            metadata.append((key, text))
        default:
            throw .badFrontMatter(path: path, line: line,
                                  reason: "unknown key '\(key)' (known: \((Self.knownKeys + Self.descriptiveKeys).joined(separator: ", ")))")
        }
    }
}

/// The `key: value` entries of the front matter's YAML, with the file line of each key (the YAML starts
/// on line 2); a YAML error, or YAML that is not a mapping of names, is an error at its line.
private func entries(ofYAML yaml: String, path: String) throws(ChapterError) -> [(key: String, value: Node, line: Int)] {
    let root: Node?
    do {
        root = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
        throw .badFrontMatter(path: path, line: yamlErrorLine(error).map { $0 + 1 } ?? 2, reason: yamlProblem(error))
    } catch {
        throw .badFrontMatter(path: path, line: 2, reason: "\(error)")
    }
    guard let root else { return [] }
    guard let mapping = root.mapping else {
        let first = yaml.split(separator: "\n").first { !$0.trimmingWhitespace.isEmpty && !$0.trimmingWhitespace.hasPrefix("#") }
        throw .badFrontMatter(path: path, line: (root.mark?.line ?? 1) + 1,
                              reason: "expected 'key: value', got '\(first.map { $0.trimmingWhitespace } ?? "")'")
    }
    return mapping.map { pair in (scalarText(pair.key), pair.value, (pair.key.mark?.line ?? 1) + 1) }
}

/// A scalar's text; a list's items joined by ", " (for descriptive keys such as `author: [A, B]`).
private func scalarText(_ node: Node) -> String {
    if let scalar = node.scalar { return scalar.string }
    if let items = node.sequence { return items.map(scalarText).joined(separator: ", ") }
    return ""
}

/// The YAML line (from 1) a libyaml error points at.
private func yamlErrorLine(_ error: YamlError) -> Int? {
    switch error {
    // Where the construct that failed began (an unclosed list's opening line), else where libyaml stopped.
    case .scanner(let context, _, let mark, _), .parser(let context, _, let mark, _), .composer(let context, _, let mark, _):
        return context?.mark.line ?? mark.line
    default: return nil
    }
}

/// libyaml's problem, without its position (the message gives the file line instead).
private func yamlProblem(_ error: YamlError) -> String {
    switch error {
    case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
        return "not YAML: \(problem)" + (context.map { " \($0.text)" } ?? "")
    case .duplicatedKeysInMapping(let duplicates, _):
        return "a key appears twice: \(duplicates.joined(separator: ", "))"
    default:
        return "not YAML: \(error)"
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
