import Foundation

/// The book's title and introduction at the top of `index.html`, from an optional `index.md` in the
/// chapters' folder: its front matter `title` (or else its first `#` heading) and its Markdown body.
/// `index.md` is no chapter: folders of chapters leave it out.
public struct BookFrontPage: Codable, Sendable, Equatable {
    /// The file name looked for in a folder of chapters.
    public static let fileName = "index.md"

    /// The book's title.
    public var title: String
    /// The introduction as HTML: Markdown rendered, math as MathML, raw HTML passed through.
    public var introduction: String

    /// A front page with its title and its introduction's HTML.
    public init(title: String, introduction: String) {
        self.title = title
        self.introduction = introduction
    }

    /// Reads `folder/index.md`; nil when there is none.
    public static func read(folder: String, pieces: ReportPieces = .standard) throws(ChapterError) -> BookFrontPage? {
        let path = folder.hasSuffix("/") ? folder + fileName : "\(folder)/\(fileName)"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path), let source = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "not UTF-8 text, or permission denied")
        }
        return try parse(source: source, path: path, pieces: pieces)
    }

    /// The front page that `source` (the text of `path`) describes.
    public static func parse(source: String, path: String, pieces: ReportPieces = .standard) throws(ChapterError) -> BookFrontPage {
        let (matter, body) = try FrontMatter.split(source.replacingOccurrences(of: "\r\n", with: "\n"), path: path)
        var markdown = body
        var title = matter.title
        if title == nil {
            // The first `# Title` line becomes the title, and leaves the introduction.
            var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if let first = lines.firstIndex(where: { !$0.trimmingWhitespace.isEmpty }), lines[first].hasPrefix("# ") {
                title = String(lines[first].dropFirst(2)).trimmingWhitespace
                lines[first] = ""
                markdown = lines.joined(separator: "\n")
            }
        }
        return BookFrontPage(title: title ?? "Chapters", introduction: ChapterProse(markdown: markdown).html(pieces: pieces).html)
    }

    /// The folder whose `index.md` belongs to the chapters at `paths` (files or folders, as given on
    /// the command line; none means `chapters/`): the first that has one.
    public static func folder(for paths: [String]) -> String? {
        let candidates = (paths.isEmpty ? [ChapterPaths.defaultFolder] : paths).map { path -> String in
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            if exists && isFolder.boolValue { return path }
            let parent = (path as NSString).deletingLastPathComponent
            return parent.isEmpty ? "." : parent
        }
        return candidates.first { FileManager.default.fileExists(atPath: "\($0)/\(fileName)") }
    }
}
