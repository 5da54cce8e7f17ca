import Foundation

/// Two chapters with the same file name in different folders would share one page (and one row of the
/// index) in the output folder: `render` refuses them, naming both, before anything runs.
public enum PageCollision {
    /// Throws when two of `chapters` have the same page, or when one's page already holds the page of
    /// another chapter that still exists (a chapter that was moved or deleted gives its page up).
    public static func check(_ chapters: [String], outputFolder: String) throws(ChapterError) {
        var owners: [String: String] = [:]
        for path in chapters {
            let page = BookRenderer.pageName(ofPath: path)
            if let other = owners[page] {
                throw .samePage(path: path, other: other, page: "\(outputFolder)/\(page)")
            }
            owners[page] = path
        }
        for entry in BookIndex.load(from: outputFolder).entries {
            guard let path = owners[entry.file], path != entry.path, !chapters.contains(entry.path),
                  FileManager.default.fileExists(atPath: entry.path) else { continue }
            throw .samePage(path: path, other: entry.path, page: "\(outputFolder)/\(entry.file)")
        }
    }
}
