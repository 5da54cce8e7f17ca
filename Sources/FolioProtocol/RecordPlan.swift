/// What `folio` tells a chapter program about its recorded runs (a JSON file named by
/// ``ProtocolEnvironment/recordPlan``): for each record, whether to make it or to load it, and what
/// `folio` already found about the file on disk.
public struct RecordPlan: Codable, Sendable {
    /// What to do with one record.
    public enum Action: String, Codable, Sendable {
        /// Run the body and write the record (`folio record`).
        case make
        /// Decode the stored value and verify it (`check`, `render`, and records not chosen by `record`).
        case load
    }

    /// The state of a record file before the run.
    public enum FileState: String, Codable, Sendable {
        /// It exists and follows from the cell's code and the declared data.
        case fresh
        /// It exists, but the cell's code or the declared data changed since it was made.
        case stale
        /// There is no file.
        case missing
        /// The file cannot be read or decoded (``Entry/reason`` says why).
        case unreadable
    }

    public struct Entry: Codable, Sendable {
        public var action: Action
        public var state: FileState
        /// For `stale` and `unreadable`: why, in words.
        public var reason: String?
        /// The command that makes or refreshes this record.
        public var fixCommand: String
        /// SHA-256 of the recording cell's code.
        public var codeHash: String
        /// The file.
        public var path: String

        public init(action: Action, state: FileState, reason: String?, fixCommand: String, codeHash: String, path: String) {
            self.action = action
            self.state = state
            self.reason = reason
            self.fixCommand = fixCommand
            self.codeHash = codeHash
            self.path = path
        }
    }

    /// The chapter's path as written into records.
    public var chapter: String
    /// Records by name.
    public var entries: [String: Entry]
    /// SHA-256 of each declared data set, by name (written into new records).
    public var data: [String: String]
    /// The package's git commit, if known.
    public var commit: String?

    public init(chapter: String, entries: [String: Entry], data: [String: String], commit: String?) {
        self.chapter = chapter
        self.entries = entries
        self.data = data
        self.commit = commit
    }
}

/// Markers a chapter program prints on standard output between STX (0x02) and ETX (0x03), besides the
/// cell markers: a recorded body starting and ending (the chapter's time limits pause while it runs),
/// and progress of long work.
public enum RecordMarker {
    /// `FOLIO:P:<cell>`: a recorded body started in this cell.
    public static func bodyStarted(cell: Int) -> String { "\u{2}FOLIO:P:\(cell)\u{3}" }
    /// `FOLIO:U:<cell>`: the body ended.
    public static func bodyEnded(cell: Int) -> String { "\u{2}FOLIO:U:\(cell)\u{3}" }
    /// `FOLIO:G:<cell>:<done>:<total>:<message>`: progress; the message has no STX/ETX.
    public static func progress(cell: Int, done: Double, total: Double, message: String) -> String {
        let clean = String(message.unicodeScalars.filter { $0.value >= 0x20 && $0 != "\u{7F}" }.map(Character.init))
        return "\u{2}FOLIO:G:\(cell):\(done):\(total):\(clean)\u{3}"
    }
    /// A program stopped by a record it could not load or make exits with this status, after sending
    /// the failed check; `folio` then charges no crash to the cell.
    public static let stopExitStatus: Int32 = 86
}
