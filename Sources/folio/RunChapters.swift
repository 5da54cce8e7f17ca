import ArgumentParser
import Foundation
import Notebook

/// Runs chapters, prints the line per chapter and the failures, then `epilogue` (lines that belong
/// before the totals), the records summary and the totals line; `each` sees every result.
/// Paths without chapters are an error unless `allowEmpty`; with `pageFolder` (render), chapters that
/// would share a page are refused. A cache folder that cannot be written is an error before anything runs.
func runChapters(paths: [String], jobs: Int, useResultCache: Bool, force: Bool, records: RecordRequest = .none,
                 typecheckOnly: Bool = false, shard: ChapterShard? = nil, allowEmpty: Bool = false, pageFolder: String? = nil,
                 each: (Chapter, ChapterResult) throws -> Void,
                 epilogue: (ChaptersStatus) throws -> Void = { _ in }) throws -> ChaptersStatus {
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
    var status = ChaptersStatus()
    let color = Terminal.usesColor
    var deliveryError: Error?
    var run = BookRun(paths: paths, jobs: jobs, useResultCache: useResultCache, force: force, records: records)
    run.typecheckOnly = typecheckOnly
    run.shard = shard
    run.allowsNoChapters = allowEmpty
    run.pageFolder = pageFolder
    do {
        try run.run(runner: runner, progress: Terminal.progressDisplay()) { outcome in
            switch outcome {
            case .malformed(let error):
                status.malformed = true
                status.errors.append((error.path, error.description))
                reportMalformed(error.description)
            case .failedToRun(let chapter, let reason):
                status.failed += 1
                status.errors.append((chapter.path, "\(chapter.path):1: could not be run: \(reason)"))
                print("FAIL  \(chapter.path)  0 passed  1 failed  could not be run: \(reason)")
            case .ran(let chapter, let result):
                status.results.append(result)
                status.passed += result.passed
                status.failed += result.failed
                print(TerminalReport.chapterLine(result, color: color))
                if records.makes { print(TerminalReport.recordLines(result), terminator: "") }
                let failures = TerminalReport.failures(result, chapter: chapter, color: color)
                if !failures.isEmpty { print(failures, terminator: "") }
                do { try each(chapter, result) } catch { deliveryError = error }
            }
            fflush(stdout)
        }
    } catch {
        reportMalformed(error.description)
        status.errors.append((error.path, error.description))
        status.malformed = true
    }
    do { try epilogue(status) } catch { deliveryError = deliveryError ?? error }
    if let line = TerminalReport.recordsSummary(status.results) { print(line) }
    print(TerminalReport.totalLine(passed: status.passed, failed: status.failed))
    fflush(stdout)
    if let deliveryError { throw deliveryError }
    return status
}

/// A malformed chapter is reported like a compiler error on standard error (`file:line: message`), and
/// as its line of the report on standard output, so that the report lists every chapter. On a terminal
/// where both streams show, it is printed once.
private func reportMalformed(_ description: String) {
    if !(Terminal.showsProgress && isatty(STDOUT_FILENO) == 1) {
        Terminal.printError(description)
    }
    print("ERROR \(description)")
}
