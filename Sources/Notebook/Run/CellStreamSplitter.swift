import FolioProtocol

/// Splits a chapter program's stream into the parts each cell wrote, at the markers that
/// `NotebookRuntime` prints (``ProtocolMarker``): STX `FOLIO:<token>:B:<index>` ETX before a cell and
/// STX `FOLIO:<token>:E:<index>` ETX after it, and the markers of recorded bodies, progress and inline
/// values. Only markers with this run's token count; any other byte, STX included, is output.
///
/// Linear in the stream: output is copied in runs, and at most one marker's worth of bytes (a marker
/// cut by the chunk boundary) is held back between chunks.
struct CellStreamSplitter {
    /// A marker seen in the stream.
    enum Marker: Equatable {
        case begin(Int)
        case end(Int)
        /// A recorded body started / ended in this cell (the time limits pause in between).
        case bodyStarted(Int)
        case bodyEnded(Int)
        /// `progress(done, of: total, message)` from this cell.
        case progress(cell: Int, done: Double, total: Double, message: String)
        /// Inline value `k` of the prose starts / was evaluated (what it prints belongs to no cell).
        case beginInline(Int)
        case endInline(Int)
    }

    /// Bytes written by each cell, by cell index.
    private(set) var bytesByCell: [Int: [UInt8]] = [:]
    /// Bytes written outside any cell.
    private(set) var outside: [UInt8] = []
    /// The cell whose begin marker has been seen without its end marker.
    private(set) var runningCell: Int?
    /// Bytes held back because they may be the start of a marker cut by the chunk boundary.
    private(set) var pending: [UInt8] = []
    /// STX `FOLIO:<token>:`.
    private let opening: [UInt8]

    /// A splitter for the markers carrying `token`.
    init(token: String) {
        opening = [ProtocolMarker.start] + Array(ProtocolMarker.opening(token: token).utf8)
    }

    /// Feeds a chunk; returns the markers found in it, in order.
    mutating func feed(_ bytes: [UInt8]) -> [Marker] {
        let data = pending.isEmpty ? bytes : pending + bytes
        pending = []
        var markers: [Marker] = []
        var copied = 0, index = 0
        while let start = data[index...].firstIndex(of: ProtocolMarker.start) {
            switch scanMarker(in: data, at: start) {
            case .incomplete:
                append(data[copied..<start])
                pending = Array(data[start...])
                return markers
            case .notMarker:
                index = start + 1
            case .marker(let marker, let end):
                append(data[copied..<start])
                apply(marker)
                markers.append(marker)
                copied = end
                index = end
            }
        }
        append(data[copied...])
        return markers
    }

    /// Text written by cell `index`.
    func text(ofCell index: Int) -> String {
        String(decoding: bytesByCell[index] ?? [], as: UTF8.self)
    }

    /// Flushes bytes held back waiting for a marker's end (call at end of stream).
    mutating func finish() {
        let rest = pending
        pending = []
        append(rest[...])
    }

    private enum Scan {
        case marker(Marker, end: Int)
        case notMarker
        /// It may be a marker whose end has not arrived yet.
        case incomplete
    }

    /// What starts at `start` (an STX) of `data`.
    private func scanMarker(in data: [UInt8], at start: Int) -> Scan {
        let available = data.count - start
        let compared = min(available, opening.count)
        guard data[start..<(start + compared)].elementsEqual(opening[0..<compared]) else { return .notMarker }
        guard available > opening.count else { return .incomplete }
        let limit = min(data.count, start + ProtocolMarker.maximumLength)
        guard let close = data[(start + opening.count)..<limit].firstIndex(of: ProtocolMarker.stop) else {
            return limit - start < ProtocolMarker.maximumLength ? .incomplete : .notMarker
        }
        guard let marker = Self.parse(data[(start + opening.count)..<close]) else { return .notMarker }
        return .marker(marker, end: close + 1)
    }

    private mutating func apply(_ marker: Marker) {
        switch marker {
        case .begin(let cell): runningCell = cell; bytesByCell[cell, default: []] += []
        case .end, .beginInline: runningCell = nil
        case .bodyStarted, .bodyEnded, .progress, .endInline: break
        }
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else { return }
        if let cell = runningCell { bytesByCell[cell, default: []].append(contentsOf: bytes) } else { outside.append(contentsOf: bytes) }
    }

    /// The marker whose body (after `FOLIO:<token>:`) is `body`, or nil.
    private static func parse(_ body: ArraySlice<UInt8>) -> Marker? {
        let rest = String(decoding: body, as: UTF8.self)
        guard let colon = rest.firstIndex(of: ":"), let kind = ProtocolMarker.Kind(rawValue: String(rest[..<colon])) else { return nil }
        let fields = rest[rest.index(after: colon)...]
        if kind == .progress {
            let parts = fields.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, let cell = Int(parts[0]), let done = Double(parts[1]), let total = Double(parts[2]) else { return nil }
            return .progress(cell: cell, done: done, total: total, message: String(parts[3]))
        }
        guard let index = Int(fields), index >= 0 else { return nil }
        switch kind {
        case .beginCell: return .begin(index)
        case .endCell: return .end(index)
        case .bodyStarted: return .bodyStarted(index)
        case .bodyEnded: return .bodyEnded(index)
        case .beginInline: return .beginInline(index)
        case .endInline: return .endInline(index)
        case .progress: return nil
        }
    }
}
