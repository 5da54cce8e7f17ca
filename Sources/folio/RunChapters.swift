import ArgumentParser
import Foundation
import Notebook

/// Runs chapters and prints the report (``BookReport``) on standard output, dressed for this terminal;
/// `each` sees every result, `epilogue` prints what belongs before the totals. Paths without chapters
/// are an error unless `allowEmpty`; with `pageFolder` (render), chapters that would share a page are
/// refused. A toolchain that cannot be found or a cache folder that cannot be written is an error
/// before anything runs.
func runChapters(paths: [String], jobs: Int, useResultCache: Bool, force: Bool, records: RecordRequest = .none,
                 typecheckOnly: Bool = false, shard: ChapterShard? = nil, allowEmpty: Bool = false, pageFolder: String? = nil,
                 each: (Chapter, ChapterResult) throws -> Void,
                 epilogue: (BookStatus) throws -> Void = { _ in }) throws -> BookStatus {
    let runner = try chapterRunner()
    var book = BookRun(paths: paths, jobs: jobs, useResultCache: useResultCache, force: force, records: records)
    book.typecheckOnly = typecheckOnly
    book.shard = shard
    book.allowsNoChapters = allowEmpty
    book.pageFolder = pageFolder
    var report = BookReport(style: Terminal.style, output: { text in print(text, terminator: ""); fflush(stdout) },
                            errors: { text in FileHandle.standardError.write(Data(text.utf8)) })
    // On a terminal where both streams show, a malformed chapter is printed once.
    report.repeatsMalformedOnErrors = !(Terminal.showsProgress && isatty(STDOUT_FILENO) == 1)
    return try report.run(book, runner: runner, progress: Terminal.progressDisplay(), each: each, epilogue: epilogue)
}

/// The runner for this `folio`'s libraries, its cache folder checked to be writable.
private func chapterRunner() throws -> ChapterRunner {
    let toolchain: Toolchain
    do {
        toolchain = try Toolchain.locate()
    } catch {
        Terminal.printError("error: \(error)")
        throw ExitCode(FolioExit.badInput)
    }
    let runner = ChapterRunner(toolchain: toolchain)
    do {
        try Folders.createWritable(runner.cacheDirectory)
    } catch {
        Terminal.printError("error: the cache folder (\(ChapterRunner.cacheEnvironmentVariable)) is unusable: \(error)")
        throw ExitCode(FolioExit.badInput)
    }
    return runner
}
