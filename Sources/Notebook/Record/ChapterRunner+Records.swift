import Foundation
import FolioProtocol

extension ChapterRunner {
    /// Compiles and runs the chapter. Its recorded runs are loaded and verified; with a request that
    /// makes records (`folio record`), the chosen ones are made instead, and a body that throws or traps
    /// costs only its own record: the chapter runs again without that cell, so the records after it
    /// are still made.
    public func run(_ chapter: Chapter, records request: RecordRequest = .none,
                    progress: ((RunProgress) -> Void)? = nil) throws -> ChapterResult {
        guard !chapter.recordCalls.isEmpty else { return try runPass(chapter, plan: nil, omitting: [], progress: progress) }
        let data = RecordInventory.dataDigests(chapter.frontMatter.data, dataDirectory: dataDirectory)
        let commit = GitCommit.current(near: chapter.path)
        var failed: [String: (cell: CellResult, outcome: RecordOutcome)] = [:]
        var made: [String: RecordOutcome] = [:]
        let started = monotonicSeconds()
        while true {
            let inventory = RecordInventory(chapter: chapter, data: data)
            let plan = Self.plan(inventory, chapter: chapter, request: request, skipping: Set(failed.keys), commit: commit)
            // Cells whose records can be neither loaded nor made are left out while records are made,
            // so that the records after them can still be made.
            let omitted = request.makes ? Set(inventory.items.filter { item in
                plan.entries[item.call.name]?.action == .load && (item.state == .missing || item.state == .unreadable)
            }.map(\.cell.index)) : []
            var result = try runPass(chapter, plan: plan, omitting: omitted, progress: progress)
            for outcome in result.records where outcome.status == .made { made[outcome.name] = outcome }
            let newlyFailed = inventory.items.filter { item in
                plan.entries[item.call.name]?.action == .make && made[item.call.name] == nil
                    && [.crashed, .timedOut, .stopped, .compileFailed].contains(result.cells[item.cell.index].status)
            }
            for item in newlyFailed {
                let outcome = RecordOutcome(name: item.call.name, cell: item.cell.index, line: item.call.line, status: .failed,
                                            verified: false, verifyFailed: false, provenance: nil, path: item.path)
                failed[item.call.name] = (result.cells[item.cell.index], outcome)
            }
            let remaining = plan.entries.filter { $0.value.action == .make && made[$0.key] == nil && failed[$0.key] == nil }
            if newlyFailed.isEmpty || remaining.isEmpty {
                Self.merge(&result, chapter: chapter, inventory: inventory, made: made, failed: failed, request: request)
                result.seconds = monotonicSeconds() - started
                return result
            }
        }
    }

    /// The plan for one pass: what the program makes and what it loads.
    static func plan(_ inventory: RecordInventory, chapter: Chapter, request: RecordRequest, skipping: Set<String>,
                     commit: String?) -> RecordPlan {
        var entries: [String: RecordPlan.Entry] = [:]
        for item in inventory.items {
            let makes = !skipping.contains(item.call.name)
                && request.makes(name: item.call.name, chapter: chapter.path, state: item.state)
            let command = "folio record \(shellQuoted(chapter.path)) --only \(item.call.name)" + (item.state == .fresh ? " --force" : "")
            entries[item.call.name] = RecordPlan.Entry(
                action: makes ? .make : .load, state: item.state, reason: item.reason, fixCommand: command,
                codeHash: item.codeHash, path: URL(fileURLWithPath: item.path).standardizedFileURL.path)
        }
        // Absolute paths: the program may run in another working folder (`folio grade`'s sandbox).
        return RecordPlan(chapter: chapter.path, entries: entries, data: inventory.data, commit: commit)
    }

    /// Puts what earlier passes found into the last pass's result: records made then (the last pass
    /// loaded them), records that failed (their cell's checks and trace), records never reached.
    static func merge(_ result: inout ChapterResult, chapter: Chapter, inventory: RecordInventory, made: [String: RecordOutcome],
                      failed: [String: (cell: CellResult, outcome: RecordOutcome)], request: RecordRequest) {
        var outcomes: [RecordOutcome] = []
        for item in inventory.items {
            let name = item.call.name
            if let failure = failed[name] {
                // The last pass loaded the old record, or left the cell out: either way, the failure stays.
                if result.cells[item.cell.index].status == .notRun {
                    result.cells[item.cell.index] = failure.cell
                } else {
                    result.cells[item.cell.index].checks += failure.cell.checks.filter { !$0.passed }
                    result.cells[item.cell.index].errorOutput += failure.cell.errorOutput
                }
                var outcome = failure.outcome
                outcome.path = item.path  // as the chapter's path was given, not the program's absolute one
                outcomes.append(outcome)
            } else if var outcome = result.records.first(where: { $0.name == name }) {
                outcome.path = item.path
                if let earlier = made[name], outcome.status != .made {
                    outcome.status = .made
                    outcome.provenance = earlier.provenance ?? outcome.provenance
                }
                outcomes.append(outcome)
            } else {
                let status: RecordOutcome.Status = item.state == .missing ? .missing : item.state == .unreadable ? .unreadable : .notReached
                outcomes.append(RecordOutcome(name: name, cell: item.cell.index, line: item.call.line, status: request.makes ? status : .notReached,
                                              verified: false, verifyFailed: false, provenance: item.header?.meta.provenance, path: item.path))
            }
        }
        result.records = outcomes
    }

    /// The contents of the chapter's records folder, for the render cache key: a chapter whose records
    /// changed is run again.
    func recordsIdentity(_ chapter: Chapter) -> String {
        guard !chapter.recordCalls.isEmpty else { return "" }
        var hasher = SHA256()
        for item in chapter.recordCalls {
            let path = RecordName.path(chapter: chapter.path, name: item.call.name)
            hasher.update(path)
            hasher.update([0])
            if let data = FileManager.default.contents(atPath: path) { hasher.update(data) }
            hasher.update([0])
        }
        return hasher.hexDigest()
    }
}

/// `path` as a shell word (quoted only when it needs to be).
func shellQuoted(_ path: String) -> String {
    let plain = path.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "/._-+,:@".unicodeScalars.contains($0) }
    return plain && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// The git commit of the folder holding a file, when it is in a repository.
enum GitCommit {
    static func current(near path: String) -> String? {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let process = ChildProcess(arguments: ["git", "-C", folder, "rev-parse", "--short=12", "HEAD"], searchPath: true)
        let deadline = monotonicSeconds() + 5
        guard let outcome = try? process.runCollecting(deadline: { deadline }),
              outcome.ending == .exited(0) else { return nil }
        let commit = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
        return commit.isEmpty ? nil : commit
    }
}
