import Foundation

/// Turns command-line paths into chapter files: a folder stands for its `*.md` files in name order
/// (but `index.md`, the book's front page).
public enum ChapterPaths {
    /// The default when no path is given.
    public static let defaultFolder = "chapters"

    /// Expands `paths` (files or folders) into chapter files, in the order given. No chapter at all is
    /// an error unless `allowingNone`.
    public static func expand(_ paths: [String], allowingNone: Bool = true) throws(ChapterError) -> [String] {
        var chapters: [String] = []
        for given in paths.isEmpty ? [defaultFolder] : paths {
            let path = normalize(given)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw .unreadable(path: path, reason: "no such file or folder")
            }
            if isFolder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                let base = path.hasSuffix("/") ? String(path.dropLast()) : path
                // `index.md` holds the book's title and introduction (``BookFrontPage``), not a chapter.
                chapters += names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") && $0 != BookFrontPage.fileName }
                    .sorted().map { "\(base)/\($0)" }
            } else {
                chapters.append(path)
            }
        }
        var seen: Set<String> = []
        let unique = chapters.filter { seen.insert($0).inserted }
        if unique.isEmpty && !allowingNone { throw .noChapters(path: normalize(paths.first ?? defaultFolder)) }
        return unique
    }

    /// `./chapters//a.md` → `chapters/a.md`: the form diagnostics show.
    static func normalize(_ path: String) -> String {
        var result = path
        while result.hasPrefix("./") { result.removeFirst(2) }
        while result.contains("//") { result = result.replacingOccurrences(of: "//", with: "/") }
        return result.isEmpty ? "." : result
    }
}
