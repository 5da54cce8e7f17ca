import FolioProtocol

/// A `recorded("name") { … }` call in a cell, found by reading the code (names are string literals, so
/// folio knows every record of a chapter without running it).
public struct RecordCall: Sendable, Codable, Equatable {
    /// The record's name.
    public var name: String
    /// The chapter line of the call.
    public var line: Int

    /// The calls in `code`, whose first line is chapter line `firstLine`; comment lines are skipped.
    /// A call whose first argument is not a string literal, or whose name is not a valid record name,
    /// is a malformed chapter.
    static func find(in code: String, firstLine: Int, path: String) throws(ChapterError) -> [RecordCall] {
        var calls: [RecordCall] = []
        let characters = Array(code)
        var line = firstLine
        var index = 0
        var inLineComment = false
        let keyword = Array("recorded(")
        while index < characters.count {
            let character = characters[index]
            if character == "\n" { line += 1; inLineComment = false; index += 1; continue }
            if inLineComment { index += 1; continue }
            if character == "/" && index + 1 < characters.count && characters[index + 1] == "/" { inLineComment = true; index += 2; continue }
            let startsWord = index == 0 || !(characters[index - 1].isLetter || characters[index - 1].isNumber || characters[index - 1] == "_" || characters[index - 1] == ".")
            guard startsWord, characters[index...].starts(with: keyword) else { index += 1; continue }
            var cursor = index + keyword.count
            while cursor < characters.count && characters[cursor].isWhitespace { cursor += 1 }
            guard cursor < characters.count, characters[cursor] == "\"",
                  let close = characters[(cursor + 1)...].firstIndex(where: { $0 == "\"" || $0 == "\n" || $0 == "\\" }),
                  characters[close] == "\"" else {
                throw .badRecord(path: path, line: line, reason: "the name of a recorded run must be a plain string literal, as in recorded(\"lstm-1x50\") { … }")
            }
            let name = String(characters[(cursor + 1)..<close])
            if let problem = RecordName.problem(with: name) { throw .badRecord(path: path, line: line, reason: problem) }
            calls.append(RecordCall(name: name, line: line))
            index = close + 1
        }
        return calls
    }
}
