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
    /// Which recorded runs to make (`folio record`); none for `check` and `render`.
    public var records: RecordRequest
    /// Only type-check the chapters (`folio check --typecheck`): nothing runs.
    public var typecheckOnly = false
    /// Run only this part of the chapters (`--shard I/N`).
    public var shard: ChapterShard?
    /// Paths that hold no chapter are fine (else an error: nothing would be checked).
    public var allowsNoChapters = false
    /// The output folder of `render`: two chapters whose pages would be one are refused (``PageCollision``).
    public var pageFolder: String?
    /// The cores the chapter programs share: this machine's unless set (tests set it).
    public var cores = ProcessInfo.processInfo.activeProcessorCount

    /// How progress is shown while chapters run.
    public enum ProgressDisplay: Sendable {
        /// A terminal: a line per running chapter, redrawn in place (``ProgressBoard``).
        case live(ProgressBoard)
        /// A log: long work's progress as a plain line at most every ``plainInterval`` seconds, handed to `write`.
        case plain(write: @Sendable (String) -> Void)
        /// No progress at all.
        case none
    }
    /// Seconds between two plain progress lines.
    public static let plainInterval = 10.0

    public init(paths: [String], jobs: Int, useResultCache: Bool, force: Bool, records: RecordRequest = .none) {
        self.paths = paths
        self.jobs = jobs
        self.useResultCache = useResultCache
        self.force = force
        self.records = records
    }

    /// Runs every chapter, handing outcomes to `deliver` in order. Throws for unusable paths.
    public func run(runner: ChapterRunner, progress display: ProgressDisplay, deliver: (Outcome) -> Void) throws(ChapterError) {
        let expanded = try ChapterPaths.expand(paths, allowingNone: allowsNoChapters)
        let files = shard?.select(expanded) ?? expanded
        if let pageFolder { try PageCollision.check(files, outputFolder: pageFolder) }
        let useResultCache = useResultCache && records == .none, force = force, records = records, typecheckOnly = typecheckOnly
        if case .live(let board) = display { board.startTicking() }
        defer { if case .live(let board) = display { board.stop() } }
        runner.programThreads = Self.programThreads(workers: max(1, min(jobs, files.count)), cores: cores)
        orderedParallel(count: files.count, jobs: jobs, work: { index -> Outcome in
            let path = files[index]
            let chapter: Chapter
            do throws(ChapterError) {
                chapter = try MarkdownChapterParser.parse(fileAt: path)
            } catch {
                return .malformed(error)
            }
            let report = Self.reporter(path: path, display: display)
            defer { if case .live(let board) = display { board.finish(path: path) } }
            do {
                if typecheckOnly { report?(.step("type-checking")) }
                let result = typecheckOnly ? try runner.typecheck(chapter)
                    : useResultCache ? try runner.cachedResult(for: chapter, force: force, progress: report)
                    : try runner.run(chapter, records: records, progress: report)
                return .ran(chapter, result)
            } catch {
                return .failedToRun(chapter, "\(error)")
            }
        }, deliver: { _, outcome in
            if case .live(let board) = display { board.printing { deliver(outcome) } } else { deliver(outcome) }
        })
    }

    /// The threads of each chapter program when `workers` chapters run side by side on `cores` cores:
    /// one each when there are more chapters running than cores, else nil (every program may use every
    /// core, so the last chapters still running get the whole machine).
    ///
    /// A chapter program is mostly one thread (its cells' own code, data loading) with bursts of
    /// parallel work, so the cores are best kept busy by more programs than cores, each on one thread:
    /// with 2 cores, `folio check chapters` with 3 chapters at a time and one thread each against 2 at a
    /// time with 2 threads each, in turns: 9.12/9.86, 8.75/9.88, 11.69/11.37, 10.15/11.93,
    /// 10.81/11.77, 10.75/10.88 s wall (BENCHMARKS.md). Three at a time with 2 threads each was no
    /// better than two.
    public static func programThreads(workers: Int, cores: Int) -> Int? {
        workers > cores ? 1 : nil
    }

    /// The progress handler of one chapter: live lines on a terminal; in a log, long work only, at most
    /// one line every ``plainInterval`` seconds.
    static func reporter(path: String, display: ProgressDisplay) -> ((RunProgress) -> Void)? {
        switch display {
        case .none:
            return nil
        case .live(let board):
            return { step in board.update(path: path, step) }
        case .plain(let write):
            let last = LockedValue(-Double.infinity)
            return { step in
                guard case .work(let line) = step else { return }
                let now = Date().timeIntervalSinceReferenceDate
                guard last.exchangeIfOlder(than: now - plainInterval, with: now) else { return }
                write("\(path): \(line)\n")
            }
        }
    }
}

/// A Double behind a lock.
final class LockedValue: @unchecked Sendable {
    private var value: Double
    private let lock = NSLock()
    init(_ value: Double) { self.value = value }

    /// Sets `new` when the stored value is older than `limit`; whether it did.
    func exchangeIfOlder(than limit: Double, with new: Double) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard value <= limit else { return false }
        value = new
        return true
    }
}
