import Foundation
import FolioProtocol

/// What the runner learns from a chapter program while it runs: the bytes of each cell, when each
/// cell began and ended, the side channel's bytes, which inline values began and ended, and the time
/// limits in force (paused while a recorded body runs).
struct RunObserver {
    var output: CellStreamSplitter
    var errors: CellStreamSplitter
    /// The side channel's bytes: JSON lines.
    var sideChannel: [UInt8] = []
    /// When each cell began (monotonic seconds), and how long each cell that ended took.
    private(set) var startTimes: [Int: Double] = [:]
    private(set) var seconds: [Int: Double] = [:]
    private(set) var inlineBegun: Set<Int> = []
    private(set) var inlineEnded: Set<Int> = []
    private var running: Int?
    private var pausedSince: Double?, pausedTotal = 0.0, pausedInCell = 0.0

    private let cells: [Cell]
    private let cellsByIndex: [Int: Cell]
    private let chapterDeadline: Double
    private let longWork: LongWorkProgress
    private let progress: ((RunProgress) -> Void)?

    init(chapter: Chapter, cells: [Cell], token: String, start: Double, progress: ((RunProgress) -> Void)?) {
        output = CellStreamSplitter(token: token)
        errors = CellStreamSplitter(token: token)
        self.cells = cells
        cellsByIndex = Dictionary(uniqueKeysWithValues: cells.map { ($0.index, $0) })
        chapterDeadline = start + chapter.timeout
        longWork = LongWorkProgress(chapter: chapter, cells: cells)
        self.progress = progress
    }

    /// The chapter's deadline moved by the paused time; the running cell's own, if earlier; none while paused.
    func deadline() -> Double? {
        guard pausedSince == nil else { return nil }
        var cellDeadline = Double.infinity
        if let running, let limit = cellsByIndex[running]?.options.timeout, let start = startTimes[running] {
            cellDeadline = start + limit + pausedInCell
        }
        return min(chapterDeadline + pausedTotal, cellDeadline)
    }

    /// Whether the cell's own limit, not the chapter's, was the one that passed.
    func ranOutOfOwnLimit(_ cell: Cell) -> Bool {
        guard let limit = cell.options.timeout, let start = startTimes[cell.index] else { return false }
        return start + limit <= chapterDeadline
    }

    /// Takes a chunk the program wrote.
    mutating func receive(_ stream: ChildProcess.Stream, _ bytes: [UInt8]) {
        switch stream {
        case .error: _ = errors.feed(bytes)
        case .sideChannel: sideChannel += bytes
        case .output:
            for marker in output.feed(bytes) { handle(marker, at: monotonicSeconds()) }
        }
    }

    /// Call at the end of the run.
    mutating func finish() {
        output.finish()
        errors.finish()
    }

    /// The side channel's events, for cells that began and inline values that began; a line that is
    /// not a whole event (the program died while writing it) is skipped.
    func events() -> [SideChannelEvent] {
        SideChannelEvent.events(in: sideChannel).filter { event in
            if event.event == .inline { return event.index.map(inlineBegun.contains) == true }
            return startTimes[event.cell] != nil
        }
    }

    private mutating func handle(_ marker: CellStreamSplitter.Marker, at now: Double) {
        switch marker {
        case .begin(let index):
            running = index
            startTimes[index] = now
            pausedInCell = 0
            if let position = cells.firstIndex(where: { $0.index == index }) {
                progress?(.cell(CellProgress(id: cellsByIndex[index]?.options.id, position: position + 1, count: cells.count)))
            }
        case .end(let index):
            seconds[index] = now - (startTimes[index] ?? now)
            running = nil
        case .bodyStarted(let index):
            pausedSince = now
            longWork.started(cell: index, at: now)
        case .bodyEnded:
            let paused = now - (pausedSince ?? now)
            pausedTotal += paused
            pausedInCell += paused
            pausedSince = nil
        case .beginInline(let index):
            inlineBegun.insert(index)
        case .endInline(let index):
            inlineEnded.insert(index)
        case .progress(let index, let done, let total, let message):
            if let line = longWork.line(cell: index, done: done, total: total, message: message, at: now) {
                progress?(.work(line))
            }
        }
    }
}
