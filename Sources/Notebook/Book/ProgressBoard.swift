import Foundation

/// The live progress of a run of chapters on a terminal: one line per chapter that is running (so with
/// `--jobs 2`, two lines), each with the chapter, its current cell (or long work's bar) and the time
/// since that step began. The lines sit at the bottom of standard error and are redrawn in place twice
/// a second; results printed in between (``printing(_:)``) go above them.
public final class ProgressBoard: @unchecked Sendable {
    struct Entry {
        var path: String
        var text: String
        var since: Double
    }

    private var entries: [Entry] = []
    private var drawnLines = 0
    private var stopped = false
    private let lock = NSLock()
    private let width: Int
    private let write: @Sendable (String) -> Void
    private let style: TerminalStyle
    private let clock: @Sendable () -> Double

    /// - Parameters:
    ///   - width: the terminal's columns; longer lines are cut (a wrapped line would break the redraw).
    ///   - style: what moves the cursor back over the drawn lines (the terminal's; the command decides).
    ///   - write: where the lines go (standard error).
    public init(width: Int, style: TerminalStyle, write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) },
                clock: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.width = max(20, width)
        self.style = style
        self.write = write
        self.clock = clock
    }

    /// Redraws every half second until ``stop()``, so that the elapsed times move.
    public func startTicking() {
        Thread.detachNewThread { [weak self] in
            while let board = self, !board.isStopped {
                board.redraw()
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
    }

    private var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }

    /// The chapter at `path` reached `progress`.
    public func update(path: String, _ progress: RunProgress) {
        lock.lock()
        let now = clock()
        if let index = entries.firstIndex(where: { $0.path == path }) {
            // Long work's lines carry their own times; a new step restarts the clock.
            if case .work = progress { entries[index].text = progress.text } else { entries[index] = Entry(path: path, text: progress.text, since: now) }
        } else {
            entries.append(Entry(path: path, text: progress.text, since: now))
        }
        draw()
        lock.unlock()
    }

    /// The chapter at `path` is done: its line goes.
    public func finish(path: String) {
        lock.lock()
        entries.removeAll { $0.path == path }
        draw()
        lock.unlock()
    }

    /// Clears the lines, runs `body` (which prints to standard output), then draws them again below.
    public func printing(_ body: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        write(clearing(drawnLines))
        drawnLines = 0
        body()
        fflush(stdout)
        draw()
    }

    /// Clears the lines for good.
    public func stop() {
        lock.lock()
        stopped = true
        write(clearing(drawnLines))
        drawnLines = 0
        lock.unlock()
    }

    func redraw() {
        lock.lock()
        if !stopped { draw() }
        lock.unlock()
    }

    /// Call with the lock held.
    private func draw() {
        guard !stopped else { return }
        let lines = Self.lines(entries, now: clock(), width: width)
        write(clearing(drawnLines) + lines.map { $0 + "\n" }.joined())
        drawnLines = lines.count
    }

    /// The board's lines: `chapters/a.md  cell 'setup' 2/9  0:07`.
    static func lines(_ entries: [Entry], now: Double, width: Int) -> [String] {
        entries.map { entry in
            let line = "\(entry.path)  \(entry.text)  \(LongWorkProgress.clock(max(0, now - entry.since)))"
            return line.count < width ? line : String(line.prefix(width - 2)) + "…"
        }
    }

    /// Moves up over `count` drawn lines and clears them (nothing when none were drawn).
    private func clearing(_ count: Int) -> String {
        count == 0 ? "" : style.clearing(lines: count)
    }
}
