import Foundation

/// What a running chapter reports while it runs: a step (`compiling`), the cell that started, or a line
/// of long work (a recorded body or a training loop calling `progress(…)`), which is worth showing off a
/// terminal too.
public enum RunProgress: Sendable {
    case step(String)
    case cell(CellProgress)
    case work(String)

    /// The text of the line.
    public var text: String {
        switch self {
        case .step(let text), .work(let text): return text
        case .cell(let cell): return cell.text
        }
    }
}

/// The cell a chapter program is running: its id and its place among the cells that run.
public struct CellProgress: Sendable, Equatable {
    public var id: String?
    /// 1-based.
    public var position: Int
    public var count: Int

    public init(id: String?, position: Int, count: Int) {
        self.id = id
        self.position = position
        self.count = count
    }

    /// `cell 'im2col' 3/9` or `cell 3/9`.
    public var text: String { "cell \(id.map { "'\($0)' " } ?? "")\(position)/\(count)" }
}

/// Turns `progress(done, of: total, message)` reports into lines: which cell and record, a bar, the
/// time since the work started and an estimate of what is left (from the rate so far).
final class LongWorkProgress {
    private let chapter: Chapter
    private let cells: [Cell]
    private var startTimes: [Int: Double] = [:]

    init(chapter: Chapter, cells: [Cell]) {
        self.chapter = chapter
        self.cells = cells
    }

    func started(cell: Int, at time: Double) { startTimes[cell] = time }

    /// `cell 4/9 lstm-1x50 [#######.............] 35% · 5:12 elapsed · ~9:40 left · epoch 7/20 …`
    func line(cell: Int, done: Double, total: Double, message: String, at time: Double) -> String? {
        guard total > 0, done.isFinite, total.isFinite else { return nil }
        let start = startTimes[cell] ?? { startTimes[cell] = time; return time }()
        let fraction = min(max(done / total, 0), 1)
        let width = 20
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
        let elapsed = time - start
        let left = fraction > 0.001 ? " · ~\(Self.clock(elapsed * (1 - fraction) / fraction)) left" : ""
        let position = cells.firstIndex { $0.index == cell }.map { "cell \($0 + 1)/\(cells.count)" } ?? "cell"
        let names = chapter.cells.indices.contains(cell) ? chapter.cells[cell].records.map(\.name).joined(separator: ",") : ""
        let what = names.isEmpty ? position : "\(position) \(names)"
        return "\(what) \(bar) \(Int((fraction * 100).rounded(.down)))% · \(Self.clock(elapsed)) elapsed\(left)\(message.isEmpty ? "" : " · \(message)")"
    }

    /// `7:05`, `1:02:09`.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, (total / 60) % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }
}
