/// Why `folio grade` cannot grade against a key at all (a submission's own problems are rows of the
/// gradebook instead, see ``SubmissionGrade/problem``).
public enum GradeError: Error, CustomStringConvertible, Equatable {
    /// The key chapter is malformed.
    case malformedKey(ChapterError)
    /// The key's own run has failing checks: points against it would mean nothing.
    case keyFails(path: String, failures: [String])
    /// The key chapter could not be run (the toolchain failed, say).
    case keyDidNotRun(path: String, reason: String)

    /// The message `folio grade` prints.
    public var description: String {
        switch self {
        case .malformedKey(let error):
            return error.description
        case .keyFails(let path, let failures):
            return "the key \(path) does not pass its own checks, so it cannot grade:\n" + failures.map { "  \($0)" }.joined(separator: "\n")
        case .keyDidNotRun(let path, let reason):
            return "cannot run the key \(path): \(reason)"
        }
    }
}
