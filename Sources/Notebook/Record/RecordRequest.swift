import FolioProtocol

/// Which recorded runs a run of chapters makes. `check` and `render` make none (``none``); `folio record`
/// makes the missing, stale and unreadable ones, or all with `force`, narrowed by `only` and `shard`.
public struct RecordRequest: Sendable, Equatable {
    /// Whether any record may be made at all.
    public var makes: Bool
    /// Remake fresh records too.
    public var force: Bool
    /// When not empty: only these names.
    public var only: Set<String>
    /// The part of all records this run makes: `(index, count)` with 1 ≤ index ≤ count.
    public var shard: (index: Int, count: Int)?

    /// Load every record, make none.
    public static let none = RecordRequest(makes: false, force: false, only: [], shard: nil)

    public init(makes: Bool, force: Bool, only: Set<String>, shard: (index: Int, count: Int)?) {
        self.makes = makes
        self.force = force
        self.only = only
        self.shard = shard
    }

    public static func == (a: RecordRequest, b: RecordRequest) -> Bool {
        a.makes == b.makes && a.force == b.force && a.only == b.only && a.shard?.index == b.shard?.index && a.shard?.count == b.shard?.count
    }

    /// Whether this run makes the record `name` of the chapter at `path`, in state `state`.
    func makes(name: String, chapter path: String, state: RecordPlan.FileState) -> Bool {
        guard makes, force || state != .fresh, only.isEmpty || only.contains(name) else { return false }
        guard let shard else { return true }
        return Self.shardIndex(of: "\(RecordName.folder(chapter: path))/\(name)", count: shard.count) == shard.index
    }

    /// The shard (1…count) a record belongs to: FNV-1a of its path, so every machine of a CI matrix
    /// agrees without seeing the others, and the parts are disjoint and cover every record.
    static func shardIndex(of key: String, count: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int(hash % UInt64(count)) + 1
    }
}

/// What happened to one record in a run, as the chapter program reported it.
public struct RecordOutcome: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// Made by this run (and written).
        case made
        /// Loaded and its value returned.
        case verified
        /// Loaded, but it no longer follows from the chapter.
        case stale
        /// No record file.
        case missing
        /// The file could not be read or decoded.
        case unreadable
        /// The body threw or trapped, or the record could not be written.
        case failed
        /// Not reached: an earlier cell stopped the program, or (`folio record`) it was left out.
        case notReached
    }
    public var name: String
    public var cell: Int
    public var line: Int
    public var status: Status
    /// Whether `verify` ran and every check in it passed.
    public var verified: Bool
    /// `verify` ran and a check in it failed.
    public var verifyFailed: Bool
    /// `recorded 2026-12-02 on AMD EPYC, 2 cores, in 16 min`, when known.
    public var provenance: String?
    /// The record file.
    public var path: String

    /// The line the report shows under the cell.
    public var reportLine: String {
        let verdict: String
        switch status {
        case .made: verdict = verifyFailed ? "made now · verify failed" : (verified ? "made now · verified" : "made now")
        case .verified: verdict = verifyFailed ? "verify failed" : (verified ? "verified" : "not verified (no verify)")
        case .stale: verdict = "stale" + (verifyFailed ? " · verify failed" : "")
        case .missing: return "record '\(name)' is missing"
        case .unreadable: return "record '\(name)' cannot be read"
        case .failed: return "record '\(name)' could not be made"
        case .notReached: return "record '\(name)' was not reached"
        }
        return "\(name): \(provenance ?? "recorded") · \(verdict)"
    }
}
