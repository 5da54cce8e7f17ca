import Foundation

/// Writes chapter pages and `index.html` into an output folder, atomically.
public struct BookRenderer {
    public var outputFolder: String
    public var pieces: ReportPieces
    /// Where warnings about a chapter's math go (`path:line: warning: …`); standard error by default.
    public var warn: @Sendable (String) -> Void
    /// The book's title and introduction for the index (nil: the index is headed "Chapters").
    public var front: BookFrontPage?

    /// The API reference's landing page inside the output folder, linked from the index when it exists.
    public static let apiReferencePage = "api/index.html"

    /// A renderer into `outputFolder`; `front` heads the index.
    public init(outputFolder: String, pieces: ReportPieces = .standard, front: BookFrontPage? = nil,
                warn: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) {
        self.outputFolder = outputFolder
        self.pieces = pieces
        self.front = front
        self.warn = warn
    }

    /// The page file name of a chapter: `02-convolution.html`.
    public static func pageName(of chapter: Chapter) -> String { pageName(ofPath: chapter.path) }

    /// The page file name of the chapter at `path`.
    public static func pageName(ofPath path: String) -> String { "\(Chapter.name(ofPath: path)).html" }

    /// Writes the pages of `chapters` (with their results) and updates the index.
    /// - Returns: the paths written.
    @discardableResult
    public func write(_ chapters: [(Chapter, ChapterResult)]) throws -> [String] {
        // Renders into one folder at the same time (two `folio render`s, or threads) take turns from
        // reading the index to saving it, so that no row is lost.
        let lock = try FolderLock(folder: outputFolder, name: ".folio-index.lock")
        defer { lock.unlock() }
        var index = BookIndex.load(from: outputFolder)
        index.front = front
        for (chapter, result) in chapters { index.record(result, file: Self.pageName(of: chapter)) }
        var written: [String] = []
        for (chapter, result) in chapters {
            let file = Self.pageName(of: chapter)
            let page = ChapterPage.render(chapter: chapter, result: result, navigation: index.navigation(for: file), pieces: pieces)
            page.warnings.forEach(warn)
            try AtomicFile.write(page.html, to: "\(outputFolder)/\(file)")
            written.append("\(outputFolder)/\(file)")
        }
        let api = FileManager.default.fileExists(atPath: "\(outputFolder)/\(Self.apiReferencePage)") ? Self.apiReferencePage : nil
        try AtomicFile.write(index.html(pieces: pieces, apiReference: api), to: "\(outputFolder)/index.html")
        try index.save(to: outputFolder)
        written.append("\(outputFolder)/index.html")
        return written
    }
}
