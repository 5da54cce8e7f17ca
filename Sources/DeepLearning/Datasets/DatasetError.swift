/// Why a data set file could not be read.
public enum DatasetError: Error, CustomStringConvertible, Equatable {
    /// The file is not there; `fetch` is the command that gets it.
    case missingFile(path: String, fetch: String)
    /// The file could not be read (permissions, not UTF-8, …).
    case unreadable(path: String, reason: String)
    /// A line does not have the expected form.
    case malformedLine(path: String, line: Int, reason: String)

    /// What is missing or wrong, with the path and the command that fetches the data.
    public var description: String {
        switch self {
        case let .missingFile(path, fetch):
            return "\(path): no such file; get the data with `\(fetch)`"
        case let .unreadable(path, reason):
            return "\(path): cannot read: \(reason)"
        case let .malformedLine(path, line, reason):
            return "\(path):\(line): \(reason)"
        }
    }
}
