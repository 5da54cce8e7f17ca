import Foundation
import FolioProtocol

/// One JSON line of the side channel, as written by `NotebookRuntime` (which `Notebook` does not link:
/// this is a mirror of its format).
struct SideChannelEvent: Decodable {
    enum Kind: String, Decodable { case check, html, record, inline }
    var event: Kind
    var cell: Int
    var line: Int?
    var passed: Bool?
    var label: String?
    var expected: String?
    var actual: String?
    var html: String?
    var name: String?
    var status: String?
    var verified: Bool?
    var verifyFailed: Bool?
    var provenance: String?
    /// A check's margin (`|a − e| / (atol + rtol·|e|)`), when it compared numbers.
    var margin: Double?
    /// An inline value's index and text.
    var index: Int?
    var text: String?

    /// A `record` event as the runner keeps it.
    func recordOutcome(plan: RecordPlan?) -> RecordOutcome? {
        guard event == .record, let name, let status = status.flatMap(RecordOutcome.Status.init(rawValue:)) else { return nil }
        return RecordOutcome(name: name, cell: cell, line: line ?? 0, status: status, verified: verified ?? false,
                             verifyFailed: verifyFailed ?? false, provenance: provenance, path: plan?.entries[name]?.path ?? "")
    }
}
