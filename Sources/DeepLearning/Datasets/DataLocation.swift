import Foundation
import FolioProtocol

/// Where the fetched data sets live (`folio data fetch` writes them there).
///
/// The folder is `$FOLIO_DATA_DIR` when that variable is set; otherwise the first `data/` folder
/// found in the current directory or one of its parents (so a chapter run from a sub-folder of
/// the book still finds the book's data).
public enum DataLocation {
    /// The environment variable that overrides the search.
    public static let environmentVariable = ProtocolEnvironment.dataDirectory

    /// The data folder (it may not exist yet).
    public static var directory: URL {
        directory(environment: ProcessInfo.processInfo.environment,
                  currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }

    /// The data folder for the given environment and working directory: the one search folio itself
    /// uses (`DataDirectory.locate` of the FolioProtocol target), so a program started by folio or by hand
    /// finds the same folder.
    public static func directory(environment: [String: String], currentDirectory: URL) -> URL {
        URL(fileURLWithPath: DataDirectory.locate(environment: environment, currentDirectory: currentDirectory.path), isDirectory: true)
    }

    /// The file `file` of the data set `dataSet` (e.g. `url(dataSet: "ptb", file: "train.txt")`),
    /// or `DatasetError.missingFile` naming the command that fetches it.
    public static func url(dataSet: String, file: String) throws -> URL {
        let url = directory.appendingPathComponent(dataSet, isDirectory: true).appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DatasetError.missingFile(path: url.path, fetch: "folio data fetch \(dataSet)")
        }
        return url
    }
}

/// Reads a whole text file as UTF-8, with typed errors.
func readDatasetText(_ url: URL, dataSet: String) throws -> String {
    guard FileManager.default.fileExists(atPath: url.path) else {
        throw DatasetError.missingFile(path: url.path, fetch: "folio data fetch \(dataSet)")
    }
    let data: Data
    do {
        data = try Data(contentsOf: url)
    } catch {
        throw DatasetError.unreadable(path: url.path, reason: error.localizedDescription)
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw DatasetError.unreadable(path: url.path, reason: "not valid UTF-8")
    }
    return text
}
