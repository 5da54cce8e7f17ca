import Foundation

/// What `check` and `render` share: expand the paths, parse every chapter, run them on `jobs` threads,
/// and report each as it completes, in order.
public struct BookRun {
    /// One chapter's fate: parsed and run, or malformed.
    public enum Outcome {
        case ran(Chapter, ChapterResult)
        case malformed(ChapterError)
        case failedToRun(Chapter, String)
    }

    public var paths: [String]
    public var jobs: Int
    /// `render` reuses stored results; `check` always runs.
    public var useResultCache: Bool
    public var force: Bool

    public init(paths: [String], jobs: Int, useResultCache: Bool, force: Bool) {
        self.paths = paths
        self.jobs = jobs
        self.useResultCache = useResultCache
        self.force = force
    }

    /// Runs every chapter, handing outcomes to `deliver` in order. Throws for unusable paths.
    public func run(runner: ChapterRunner, progress: Bool, deliver: (Outcome) -> Void) throws(ChapterError) {
        let files = try ChapterPaths.expand(paths)
        let useResultCache = useResultCache, force = force
        orderedParallel(count: files.count, jobs: jobs, work: { index -> Outcome in
            let path = files[index]
            let chapter: Chapter
            do throws(ChapterError) {
                chapter = try MarkdownChapterParser.parse(fileAt: path)
            } catch {
                return .malformed(error)
            }
            let report: ((String) -> Void)? = progress ? { step in
                FileHandle.standardError.write(Data("\r\u{1B}[K\(path): \(step)".utf8))
            } : nil
            do {
                let result = useResultCache
                    ? try runner.cachedResult(for: chapter, force: force, progress: report)
                    : try runner.run(chapter, progress: report)
                return .ran(chapter, result)
            } catch {
                return .failedToRun(chapter, "\(error)")
            }
        }, deliver: { _, outcome in
            if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            deliver(outcome)
        })
    }
}
