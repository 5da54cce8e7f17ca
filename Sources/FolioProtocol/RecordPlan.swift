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

/// Markers of recorded runs (``ProtocolMarker``), besides the cell markers: a recorded body starting
/// and ending (the chapter's time limits pause while it runs), and progress of long work.
public enum RecordMarker {
    /// `P:<cell>`: a recorded body started in this cell.
    public static func bodyStarted(cell: Int, token: String) -> String { ProtocolMarker.text(.bodyStarted, token: token, [String(cell)]) }
    /// `U:<cell>`: the body ended.
    public static func bodyEnded(cell: Int, token: String) -> String { ProtocolMarker.text(.bodyEnded, token: token, [String(cell)]) }
    /// `G:<cell>:<done>:<total>:<message>`: progress; the message has no control characters and is
    /// cut to ``ProtocolMarker/maximumMessageLength`` bytes.
    public static func progress(cell: Int, done: Double, total: Double, message: String, token: String) -> String {
        var clean = ""
        for scalar in message.unicodeScalars where scalar.value >= 0x20 && scalar != "\u{7F}" {
            guard clean.utf8.count + String(scalar).utf8.count <= ProtocolMarker.maximumMessageLength else { break }
            clean.unicodeScalars.append(scalar)
        }
        return ProtocolMarker.text(.progress, token: token, [String(cell), "\(done)", "\(total)", clean])
    }
    /// A program stopped by a record it could not load or make exits with this status, after sending
    /// the failed check; `folio` then charges no crash to the cell.
    public static let stopExitStatus: Int32 = 86
}
