import Foundation

/// A file or folder folio had to write could not be written: which path, and why, in words.
/// The command line reports it as `error: …` and exits with status 2.
public enum FileSystemError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A folder could not be made (a file is in the way, no permission).
    case cannotCreateFolder(path: String, reason: String)
    /// A file could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreateFolder(let path, let reason): return "cannot create the folder \(path): \(reason)"
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        }
    }

    /// The reason for the C library's `errno` code.
    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// Folders folio writes into.
public enum Folders {
    /// Makes `path` and its missing parents; an error names the part that is in the way.
    public static func create(_ path: String) throws(FileSystemError) {
        let absolute = path.hasPrefix("/")
        var prefix = absolute ? "" : "."
        for part in path.split(separator: "/") where part != "." {
            prefix += "/\(part)"
            let shown = absolute ? prefix : String(prefix.dropFirst(2))
            var info = stat()
            if stat(prefix, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFDIR else {
                    throw .cannotCreateFolder(path: path, reason: "\(shown) is a file, not a folder")
                }
                continue
            }
            if mkdir(prefix, 0o777) != 0 && errno != EEXIST {
                throw .cannotCreateFolder(path: path, reason: "\(shown): \(FileSystemError.reason(errno))")
            }
        }
    }

    /// Makes `path` (as ``create(_:)``) and checks that files can be made in it.
    public static func createWritable(_ path: String) throws(FileSystemError) {
        try create(path)
        guard access(path, W_OK | X_OK) == 0 else {
            throw .cannotCreateFolder(path: path, reason: FileSystemError.reason(errno))
        }
    }
}
