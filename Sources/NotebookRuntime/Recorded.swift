import Foundation
import FolioProtocol

/// Long work made once by `folio record` and verified by every `folio check`.
///
/// Under `folio record` the body runs (the chapter's time limits pause meanwhile) and its value is
/// written to `records/<chapter>/<name>.json` as soon as it returns; `verify` then runs on it. Under
/// `folio check` and `folio render` the body never runs: the stored value is decoded, `verify` runs on it
/// (its checks count like any others) and the value is returned, so the cells after it see the same
/// value in both modes.
///
/// ```swift
/// let run = recorded("lstm-1x50", verify: replayFirstSteps) {
///     try LanguageModelRun.train(LanguageModelConfig(model: "LSTM", emsize: 50, nhid: 50, nlayers: 1, epochs: 20))
/// }
/// ```
///
/// The name must be a string literal (folio finds records by reading the chapter) made of letters,
/// digits, `-`, `_` and `.`. A missing or unreadable record is a failed check whose message names the
/// `folio record` command that makes it; the program stops there (the cells after it are not run).
/// A stale record (the cell's code or the declared data changed) is a failed check too, but its value
/// is still returned, so the rest of the chapter runs. An error thrown by `verify` is a failed check.
public func recorded<Value: Codable>(_ name: String, verify: ((Value) throws -> Void)? = nil, line: UInt = #line,
                                     _ body: () throws -> Value) rethrows -> Value {
    let context = RecordContext(name: name, line: line)
    guard let entry = context.entry() else { context.stop() }
    switch entry.action {
    case .make:
        let value = try context.make(entry, body: body)
        context.verify(value, verify, then: "made", meta: context.lastMeta)
        return value
    case .load:
        guard let stored: RecordFile<Value> = context.load(entry) else { context.stop() }
        if entry.state == .stale {
            recordCheck(passed: false, label: "record '\(name)' is stale: \(entry.reason ?? "it changed"); remake it with \(entry.fixCommand)",
                        expected: nil, actual: nil, line: line)
        }
        context.verify(stored.value, verify, then: entry.state == .stale ? "stale" : "verified", meta: stored.meta)
        return stored.value
    }
}

/// Reports progress of long work: on a terminal `folio` shows a bar with elapsed time and an estimate
/// of what is left; off a terminal, a plain line every few seconds at most. Cheap enough to call often
/// (it writes at most a few times a second). Library loops take it as a parameter:
/// `LanguageModelRun.train(config, progress: progress)`.
public func progress(_ done: Double, of total: Double, _ message: String = "") {
    ProgressThrottle.shared.report(done: done, total: total, message: message)
}

/// Writes progress markers at most every 0.2 s (and always the last one).
final class ProgressThrottle: @unchecked Sendable {
    static let shared = ProgressThrottle()
    private let lock = NSLock()
    private var lastWrite = 0.0

    func report(done: Double, total: Double, message: String) {
        let now = Date().timeIntervalSinceReferenceDate
        lock.lock()
        defer { lock.unlock() }
        guard now - lastWrite >= 0.2 || done >= total else { return }
        lastWrite = now
        writeRawMarker(RecordMarker.progress(cell: SideChannel.currentCell, done: done, total: total, message: message, token: FolioConnection.token))
    }
}

/// One `recorded` call: its name, line, and the plan `folio` wrote for it.
struct RecordContext {
    let name: String
    let line: UInt

    /// The plan folio wrote for this program, read once.
    static let plan: RecordPlan? = {
        guard let path = ProcessInfo.processInfo.environment[ProtocolEnvironment.recordPlan],
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(RecordPlan.self, from: data)
    }()
    private static let namesSeen = Protected(Set<String>())
    private static let metaByName = Protected([String: RecordMeta]())

    /// The meta of the record this call just made.
    var lastMeta: RecordMeta? { Self.metaByName.current[name] }

    /// The plan's entry for this record, or nil after reporting why there is none.
    func entry() -> RecordPlan.Entry? {
        if let problem = RecordName.problem(with: name) {
            fail("\(problem)")
            return nil
        }
        guard Self.namesSeen.access({ $0.insert(name).inserted }) else {
            fail("record '\(name)' is recorded twice in this chapter: give each recorded call its own name")
            return nil
        }
        guard let plan = Self.plan else {
            fail("record '\(name)': this program was not started by folio, so it has no records (run it with folio check)")
            return nil
        }
        guard let entry = plan.entries[name] else {
            fail("record '\(name)': folio did not find this call in the chapter; the name must be a string literal, as in recorded(\"\(name)\") { … }")
            return nil
        }
        return entry
    }

    /// Decodes the stored record, or reports why it cannot be used.
    func load<Value: Codable>(_ entry: RecordPlan.Entry) -> RecordFile<Value>? {
        switch entry.state {
        case .missing:
            fail("record '\(name)' is missing: make it with \(entry.fixCommand)")
            sendRecordEvent(status: "missing")
            return nil
        case .unreadable:
            fail("record '\(name)' cannot be read (\(entry.reason ?? "unknown reason")): make it again with \(entry.fixCommand)")
            sendRecordEvent(status: "unreadable")
            return nil
        case .fresh, .stale:
            break
        }
        do {
            guard let data = FileManager.default.contents(atPath: entry.path) else {
                throw CocoaError(.fileReadNoSuchFile)
            }
            return try RecordCoding.decoder().decode(RecordFile<Value>.self, from: data)
        } catch {
            fail("record '\(name)' cannot be decoded as \(Value.self): \(RecordCoding.describe(error)); make it again with \(entry.fixCommand)")
            sendRecordEvent(status: "unreadable")
            return nil
        }
    }

    /// Runs the body with the time limits paused, and writes the record atomically.
    func make<Value: Codable>(_ entry: RecordPlan.Entry, body: () throws -> Value) rethrows -> Value {
        let cell = SideChannel.currentCell
        writeRawMarker(RecordMarker.bodyStarted(cell: cell, token: FolioConnection.token))
        let started = Date()
        let value: Value
        do {
            value = try body()
        } catch {
            writeRawMarker(RecordMarker.bodyEnded(cell: cell, token: FolioConnection.token))
            fail("record '\(name)' was not made: the body threw \(error)")
            sendRecordEvent(status: "failed")
            stop()
        }
        writeRawMarker(RecordMarker.bodyEnded(cell: cell, token: FolioConnection.token))
        let seconds = Date().timeIntervalSince(started)
        let meta = RecordMetaCollector.meta(started: started, seconds: seconds, plan: Self.plan!)
        let file = RecordFile(name: name, chapter: Self.plan!.chapter, codeHash: entry.codeHash, value: value, meta: meta)
        do {
            var data = try RecordCoding.encoder().encode(file)
            data.append(UInt8(ascii: "\n"))
            try RecordWriter.write(data, to: entry.path)
        } catch {
            fail("record '\(name)' was made but could not be written to \(entry.path): \(error)")
            sendRecordEvent(status: "failed")
            stop()
        }
        sendRecordEvent(status: "made", meta: meta)
        return value
    }

    /// Runs `verify` (its checks count), then reports the record's status.
    func verify<Value>(_ value: Value, _ verify: ((Value) throws -> Void)?, then status: String, meta: RecordMeta? = nil) {
        let failedBefore = SideChannel.failedChecks
        if let verify {
            do { try verify(value) } catch {
                fail("record '\(name)': verify threw \(error)")
            }
        }
        let passed = SideChannel.failedChecks == failedBefore
        sendRecordEvent(status: status, meta: meta, verified: verify != nil && passed, verifyFailed: !passed)
    }

    func fail(_ message: String) {
        recordCheck(passed: false, label: message, expected: nil, actual: nil, line: line)
    }

    func sendRecordEvent(status: String, meta: RecordMeta? = nil, verified: Bool = false, verifyFailed: Bool = false) {
        if let meta { Self.metaByName.access { $0[name] = meta } }
        let event = SideChannelEvent.record(cell: SideChannel.currentCell, line: Int(line), name: name, status: status,
                                            verified: verified, verifyFailed: verifyFailed, provenance: meta?.provenance)
        SideChannel.send(event, fallback: "record \(name): \(status)")
    }

    /// Ends the program: the failed check has been sent, and the cells after this one cannot run.
    func stop() -> Never {
        fflush(stdout)
        exit(RecordMarker.stopExitStatus)
    }
}

/// Writes a record so that no reader ever sees half of it: a temporary file beside it, then a rename.
enum RecordWriter {
    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = URL(fileURLWithPath: RecordName.temporaryPath(of: url.path, pid: getpid()))
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot rename into \(path): \(reason)"])
        }
    }
}

/// The `meta` of a new record: when, how long, on what machine.
enum RecordMetaCollector {
    static func meta(started: Date, seconds: Double, plan: RecordPlan) -> RecordMeta {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return RecordMeta(
            date: formatter.string(from: started), seconds: seconds,
            machine: RecordMachine(cpu: cpuModel(), cores: ProcessInfo.processInfo.activeProcessorCount,
                                   blas: "OpenBLAS \(BLAS.coreName)"),
            threads: BLAS.threadCount, seed: chapterSeed, folioVersion: FolioVersion.current,
            commit: plan.commit, data: plan.data)
    }

    /// `AMD EPYC 7B13` from /proc/cpuinfo's `model name` (or `unknown CPU`).
    static func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let colon = line.firstIndex(of: ":") else { return "unknown CPU" }
        let model = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return model.replacingOccurrences(of: "(R)", with: "").replacingOccurrences(of: "(TM)", with: "")
            .split(separator: " ").filter { !$0.isEmpty && $0 != "Processor" && $0 != "CPU" }.joined(separator: " ")
    }
}
