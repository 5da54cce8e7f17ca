/// Splits a chapter program's stream into the parts each cell wrote, at the markers that
/// `NotebookRuntime` prints: STX `FOLIO:B:<index>` ETX before a cell and STX `FOLIO:E:<index>` ETX after it.
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
    private var pending: [UInt8] = []

    private static let start: UInt8 = 0x02, stop: UInt8 = 0x03
    private static let prefix = Array("FOLIO:".utf8)

    /// Feeds a chunk; returns the markers found in it, in order.
    mutating func feed(_ bytes: [UInt8]) -> [Marker] {
        pending += bytes
        var markers: [Marker] = []
        var index = 0
        while index < pending.count {
            let byte = pending[index]
            if byte == Self.start {
                // A marker may be cut by the chunk boundary: wait for its end.
                guard let close = pending[index...].firstIndex(of: Self.stop) else { break }
                let body = Array(pending[(index + 1)..<close])
                if let marker = Self.parse(body) {
                    markers.append(marker)
                    switch marker {
                    case .begin(let cell): runningCell = cell; bytesByCell[cell, default: []] += []
                    case .end, .beginInline: runningCell = nil
                    case .bodyStarted, .bodyEnded, .progress, .endInline: break
                    }
                    index = close + 1
                    continue
                }
            }
            append(byte)
            index += 1
        }
        pending.removeFirst(index)
        return markers
    }

    /// Text written by cell `index`.
    func text(ofCell index: Int) -> String {
        String(decoding: bytesByCell[index] ?? [], as: UTF8.self)
    }

    /// Flushes bytes held back waiting for a marker's end (call at end of stream).
    mutating func finish() {
        for byte in pending { append(byte) }
        pending = []
    }

    private mutating func append(_ byte: UInt8) {
        if let cell = runningCell { bytesByCell[cell, default: []].append(byte) } else { outside.append(byte) }
    }

    private static func parse(_ body: [UInt8]) -> Marker? {
        guard body.starts(with: prefix), body.count > prefix.count + 2 else { return nil }
        let rest = String(decoding: body[prefix.count...], as: UTF8.self)
        if rest.hasPrefix("G:") {
            let parts = rest.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
            guard parts.count == 5, let cell = Int(parts[1]), let done = Double(parts[2]), let total = Double(parts[3]) else { return nil }
            return .progress(cell: cell, done: done, total: total, message: String(parts[4]))
        }
        let parts = rest.split(separator: ":")
        guard parts.count == 2, let index = Int(parts[1]) else { return nil }
        switch parts[0] {
        case "B": return .begin(index)
        case "E": return .end(index)
        case "P": return .bodyStarted(index)
        case "U": return .bodyEnded(index)
        case "I": return .beginInline(index)
        case "J": return .endInline(index)
        default: return nil
        }
    }
}
