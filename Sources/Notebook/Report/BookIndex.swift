import Foundation

/// The list of rendered chapters behind `index.html` and the prev/next links. Kept in the output
/// folder as `.folio-index.json`, so that rendering one chapter keeps the others in the index.
public struct BookIndex: Codable, Sendable {
    public struct Entry: Codable, Sendable, Equatable {
        public var path: String
        public var title: String
        /// The page's file name inside the output folder.
        public var file: String
        public var passed: Int
        public var failed: Int
        public var seconds: Double
    }

    public var entries: [Entry] = []
    /// The book's title and introduction (from `chapters/index.md`), when there is one.
    public var front: BookFrontPage?

    public static let fileName = ".folio-index.json"

    /// Reads the index of `folder` (empty when absent), dropping entries whose page is gone.
    public static func load(from folder: String) -> BookIndex {
        guard let data = FileManager.default.contents(atPath: "\(folder)/\(fileName)"),
              var index = try? JSONDecoder().decode(BookIndex.self, from: data) else { return BookIndex() }
        index.entries = index.entries.filter { FileManager.default.fileExists(atPath: "\(folder)/\($0.file)") }
        return index
    }

    /// Adds or replaces the entry of `result`'s chapter; entries stay sorted by page file name.
    public mutating func record(_ result: ChapterResult, file: String) {
        let entry = Entry(path: result.path, title: result.title, file: file, passed: result.passed, failed: result.failed, seconds: result.seconds)
        entries.removeAll { $0.file == file }
        entries.append(entry)
        entries.sort { $0.file < $1.file }
    }

    /// Previous and next chapters of the page `file`.
    public func navigation(for file: String) -> ChapterNavigation {
        guard let position = entries.firstIndex(where: { $0.file == file }) else { return ChapterNavigation() }
        let previous = position > 0 ? entries[position - 1] : nil
        let next = position + 1 < entries.count ? entries[position + 1] : nil
        return ChapterNavigation(previous: previous.map { ($0.title, $0.file) }, next: next.map { ($0.title, $0.file) })
    }

    public func save(to folder: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: "\(folder)/\(Self.fileName)")
    }

    /// `index.html`: the book's title and introduction, a link to the API reference when
    /// `apiReference` (a path relative to the page) is given, then every chapter with its pass/fail
    /// counts; math in titles rendered by `pieces`.
    public func html(pieces: ReportPieces = .standard, apiReference: String? = nil) -> String {
        let passed = entries.reduce(0) { $0 + $1.passed }, failed = entries.reduce(0) { $0 + $1.failed }
        let rows = entries.map { entry in
            "<tr><td><a href=\"\(HTML.escape(entry.file))\">\(pieces.textHTML(entry.title))</a><br><code>\(HTML.escape(entry.path))</code></td>"
                + "<td class=\"count\">\(entry.passed)</td><td class=\"count\">\(entry.failed)</td>"
                + "<td><span class=\"badge \(entry.failed == 0 ? "pass" : "fail")\">\(entry.failed == 0 ? "✓ all passed" : "✗ \(entry.failed) failed")</span></td></tr>"
        }.joined(separator: "\n")
        return """
        \(HTML.documentHead(title: front?.title ?? "Chapters", css: ReportStylesheet.css))
        <body>
        <div class="page single">
        <main>
        \(headerHTML(pieces: pieces, apiReference: apiReference))
        <p class="summary"><span class="badge pass">\(passed) passed</span> <span class="badge \(failed == 0 ? "pass" : "fail")">\(failed) failed</span></p>
        <table class="index">
        <thead><tr><th scope="col">Chapter</th><th class="count">passed</th><th class="count">failed</th><th></th></tr></thead>
        <tbody>
        \(rows)
        </tbody>
        </table>
        </main>
        </div>
        </body>
        </html>

        """
    }

    /// The title (`<h1>`), the introduction and the API link.
    private func headerHTML(pieces: ReportPieces, apiReference: String?) -> String {
        let api = apiReference.map {
            "<p class=\"api-link\">API reference: <a href=\"\(HTML.escape($0))\">DeepLearning and NotebookRuntime</a></p>"
        } ?? ""
        guard let front else { return "<h1>Chapters</h1>\n\(api)" }
        return "<header class=\"book\"><h1>\(pieces.textHTML(front.title))</h1>\n<div class=\"intro\">\(front.introduction)</div>\n\(api)</header>\n<h2>Chapters</h2>"
    }
}
