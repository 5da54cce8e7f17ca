import FolioProtocol

extension SideChannelEvent {
    /// A `record` event as the runner keeps it (nil for other events and for a status it does not know).
    func recordOutcome(plan: RecordPlan?) -> RecordOutcome? {
        guard event == .record, let name, let status = status.flatMap(RecordOutcome.Status.init(rawValue:)) else { return nil }
        return RecordOutcome(name: name, cell: cell, line: line ?? 0, status: status, verified: verified ?? false,
                             verifyFailed: verifyFailed ?? false, provenance: provenance, path: plan?.entries[name]?.path ?? "")
    }
}
