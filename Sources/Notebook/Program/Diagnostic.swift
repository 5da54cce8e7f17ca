/// One compiler message in LLVM style: `chapters/x.md:12:5: error: cannot find 'y' in scope`.
public struct Diagnostic: Codable, Equatable, Sendable {
    public enum Severity: String, Codable, Sendable { case error, warning, note, remark }
    public var file: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var message: String
    /// The message line followed by the compiler's source excerpt lines, as printed.
    public var text: String

    /// Parses compiler output; lines that follow a message (source excerpt, caret) are kept in its `text`.
    public static func parse(_ output: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if let diagnostic = parseLine(String(line)) {
                diagnostics.append(diagnostic)
            } else if !diagnostics.isEmpty, !line.isEmpty {
                diagnostics[diagnostics.count - 1].text += "\n" + line
            }
        }
        return diagnostics
    }

    static func parseLine(_ line: String) -> Diagnostic? {
        for severity in [Severity.error, .warning, .note, .remark] {
            guard let marker = line.range(of: ": \(severity.rawValue): ") else { continue }
            let location = line[..<marker.lowerBound]
            let parts = location.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 3, let lineNumber = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]) else { continue }
            let file = parts[..<(parts.count - 2)].joined(separator: ":")
            return Diagnostic(file: file, line: lineNumber, column: column, severity: severity,
                              message: String(line[marker.upperBound...]), text: line)
        }
        return nil
    }
}
