import Foundation

/// Where the fetched data sets live: `$FOLIO_DATA_DIR` when set, otherwise the first `data/` folder in
/// the working directory or one of its parents (so a chapter run from a sub-folder still finds the
/// book's data), otherwise `./data`.
public enum DataDirectory {
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              currentDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        let start = URL(fileURLWithPath: currentDirectory).standardizedFileURL
        if let path = environment[ProtocolEnvironment.dataDirectory], !path.isEmpty {
            return URL(fileURLWithPath: path, relativeTo: start).standardizedFileURL.path
        }
        var folder = start
        while true {
            let candidate = folder.appendingPathComponent("data").path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return start.appendingPathComponent("data").path
    }
}
