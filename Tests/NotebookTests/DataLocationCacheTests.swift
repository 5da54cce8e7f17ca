import Foundation
import Testing
@testable import Notebook

@Suite("One data location for fetch, runtime and cache keys")
struct DataLocationCacheTests {
    static let chapterText = """
    ---
    title: Data
    data: ptb
    ---
    # Data

    ```swift
    print(1)
    ```
    """

    /// A folder holding `ptb/train.txt` with `contents`.
    func dataFolder(_ contents: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("ptb"), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: folder.appendingPathComponent("ptb/train.txt"))
        return folder
    }

    func runner(dataDirectory: URL) -> ChapterRunner {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return ChapterRunner(toolchain: Toolchain(binDirectory: "/nonexistent", moduleDirectory: "/nonexistent",
                                                  packageRoot: root.path, headerDirectories: []),
                             cacheDirectory: NSTemporaryDirectory() + "folio-cache-\(UUID().uuidString)",
                             dataDirectory: dataDirectory.path)
    }

    @Test("the result's cache key follows the data folder the runner uses, not ./data")
    func keyFollowsDataDirectory() throws {
        let chapter = try MarkdownChapterParser.parse(source: Self.chapterText, path: "chapters/data.md")
        let first = try dataFolder("a b c\n"), second = try dataFolder("a b c d e\n")
        defer { for folder in [first, second] { try? FileManager.default.removeItem(at: folder) } }
        let key = runner(dataDirectory: first).resultCacheKey(for: chapter)
        #expect(key == runner(dataDirectory: first).resultCacheKey(for: chapter))
        #expect(key != runner(dataDirectory: second).resultCacheKey(for: chapter))
    }

    @Test("the cache key changes when a file of a declared data set changes")
    func keyFollowsContents() throws {
        let chapter = try MarkdownChapterParser.parse(source: Self.chapterText, path: "chapters/data.md")
        let folder = try dataFolder("a b c\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = runner(dataDirectory: folder).resultCacheKey(for: chapter)
        try Data("a b c d\n".utf8).write(to: folder.appendingPathComponent("ptb/train.txt"))
        #expect(runner(dataDirectory: folder).resultCacheKey(for: chapter) != before)
    }

    @Test("the chapter program is told the runner's data folder, so the runtime reads where the key looked")
    func programEnvironmentNamesDataDirectory() throws {
        let chapter = try MarkdownChapterParser.parse(source: Self.chapterText, path: "chapters/data.md")
        let folder = try dataFolder("a\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = runner(dataDirectory: folder).programEnvironment(chapter: chapter, token: "t", planFile: nil)
        #expect(environment["FOLIO_DATA_DIR"] == folder.path)
        // OpenBLAS's idle threads sleep at once unless the user's environment says otherwise.
        #expect(environment["OPENBLAS_THREAD_TIMEOUT"] == ProcessInfo.processInfo.environment["OPENBLAS_THREAD_TIMEOUT"] ?? "4")
    }

    @Test("more chapters side by side than cores: each program gets one thread, unless folio's environment sets a count")
    func programThreadsFollowChaptersSideBySide() throws {
        #expect(BookRun.programThreads(workers: 3, cores: 2) == 1)
        #expect(BookRun.programThreads(workers: 2, cores: 2) == nil)
        #expect(BookRun.programThreads(workers: 1, cores: 2) == nil)
        #expect(BookRun.programThreads(workers: 6, cores: 8) == nil)
        let chapter = try MarkdownChapterParser.parse(source: Self.chapterText, path: "chapters/data.md")
        let folder = try dataFolder("a\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sharing = runner(dataDirectory: folder)
        sharing.programThreads = 1
        let outside = ProcessInfo.processInfo.environment
        let told = sharing.programEnvironment(chapter: chapter, token: "t", planFile: nil)["OPENBLAS_NUM_THREADS"]
        if outside["OPENBLAS_NUM_THREADS"] == nil && outside["OMP_NUM_THREADS"] == nil {
            #expect(told == "1")
        } else {
            #expect(told == outside["OPENBLAS_NUM_THREADS"])
        }
        let alone = runner(dataDirectory: folder).programEnvironment(chapter: chapter, token: "t", planFile: nil)
        #expect(alone["OPENBLAS_NUM_THREADS"] == outside["OPENBLAS_NUM_THREADS"])
    }
}
