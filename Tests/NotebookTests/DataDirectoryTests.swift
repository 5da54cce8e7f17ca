import FolioProtocol
import Foundation
import Testing
@testable import Notebook

/// The one search for the data folder (`DataDirectory.locate`) that `folio data fetch`, the runner (and
/// through `FOLIO_DATA_DIR` the chapter program) and the result cache key all use.
@Suite("The data folder, found once")
struct DataDirectoryTests {
    /// A book folder with `data/ptb/train.txt` and an empty `chapters/part/` below it.
    func book() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("folio-book-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("data/ptb"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("chapters/part"), withIntermediateDirectories: true)
        try Data("a b\n".utf8).write(to: root.appendingPathComponent("data/ptb/train.txt"))
        return root.resolvingSymlinksInPath()
    }

    @Test("from a sub-folder of the book, the book's data/ is found")
    func fromSubFolder() throws {
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        let found = DataDirectory.locate(environment: [:], currentDirectory: root.appendingPathComponent("chapters/part").path)
        #expect(found == root.appendingPathComponent("data").path)
        #expect(DataDirectory.locate(environment: [:], currentDirectory: root.path) == found)
    }

    @Test("FOLIO_DATA_DIR wins over the search, relative to the working directory")
    func environmentWins() throws {
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        let found = DataDirectory.locate(environment: ["FOLIO_DATA_DIR": "../elsewhere"],
                                         currentDirectory: root.appendingPathComponent("chapters").path)
        #expect(found == root.appendingPathComponent("elsewhere").path)
        #expect(DataDirectory.locate(environment: ["FOLIO_DATA_DIR": ""], currentDirectory: root.path)
            == root.appendingPathComponent("data").path, "an empty variable is no setting")
    }

    @Test("with no data/ anywhere above, ./data (where fetch will create it)")
    func noneFound() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("folio-nodata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let start = root.resolvingSymlinksInPath().path
        let found = DataDirectory.locate(environment: [:], currentDirectory: start)
        // Some folder above the temporary one may hold a data/ of its own; then that one is found.
        #expect(found == start + "/data" || !found.hasPrefix(start))
    }

    @Test("the runner's cache key is the same from a sub-folder and with FOLIO_DATA_DIR naming the same folder")
    func cacheKeyAgrees() throws {
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        let chapter = try MarkdownChapterParser.parse(source: DataLocationCacheTests.chapterText, path: "chapters/data.md")
        let fromSubFolder = DataDirectory.locate(environment: [:], currentDirectory: root.appendingPathComponent("chapters/part").path)
        let fromVariable = DataDirectory.locate(environment: ["FOLIO_DATA_DIR": root.appendingPathComponent("data").path],
                                                currentDirectory: "/")
        let tests = DataLocationCacheTests()
        let key = tests.runner(dataDirectory: URL(fileURLWithPath: fromSubFolder)).resultCacheKey(for: chapter)
        #expect(key == tests.runner(dataDirectory: URL(fileURLWithPath: fromVariable)).resultCacheKey(for: chapter))
        let environment = tests.runner(dataDirectory: URL(fileURLWithPath: fromSubFolder))
            .programEnvironment(chapter: chapter, token: "t", planFile: nil)
        #expect(environment["FOLIO_DATA_DIR"] == root.appendingPathComponent("data").path)
    }
}
