import Foundation

/// Which file of the output folder a request of `folio watch --serve` names. Only files inside the
/// folder are served: a `..` segment (written plainly or percent-encoded), a symbolic link that leads
/// out, or a file that is not there all name nothing, and the server answers 404.
public enum ServedPath {
    /// The file for the raw (percent-encoded) request path `target` under `root`, or nil. A folder
    /// stands for its `index.html`.
    public static func resolve(_ target: String, root: String) -> String? {
        var path = target
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<cut]) }
        guard let decoded = path.removingPercentEncoding, !decoded.contains("\0"), !decoded.contains("\\") else { return nil }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        guard !segments.contains("..") else { return nil }
        let files = FileManager.default
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        var candidate = ([realRoot] + segments.map(String.init)).joined(separator: "/")
        var isFolder: ObjCBool = false
        guard files.fileExists(atPath: candidate, isDirectory: &isFolder) else { return nil }
        if isFolder.boolValue { candidate += "/index.html" }
        let real = URL(fileURLWithPath: candidate).resolvingSymlinksInPath().path
        guard real.hasPrefix(realRoot + "/"), files.fileExists(atPath: real, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
        return real
    }

    /// The `Content-Type` of a served file, by its extension.
    public static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "txt", "md": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}
