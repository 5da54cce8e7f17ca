import DeepLearning
import Foundation

/// `--record FILE`: the run as JSON (`LanguageModelRun.jsonData()`: pretty-printed, sorted keys),
/// written atomically — a temporary file in the same folder, then a rename — so that a reader never
/// sees half a record and an old record survives a failed write.
enum RunRecord {
    /// Why the record could not be written.
    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "\(path): cannot write the record: \(reason)" }
    }

    static func write(_ run: LanguageModelRun, to path: String) throws {
        let data: Data
        do { data = try run.jsonData() } catch { throw WriteError(path: path, reason: "\(error)") }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do { try data.write(to: temporary) } catch {
            throw WriteError(path: path, reason: error.localizedDescription)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(path: path, reason: reason)
        }
    }
}
