import DeepLearning
import Foundation

/// `--record FILE`: the run as JSON (`LanguageModelRun.jsonData()`: pretty-printed, sorted keys),
/// written atomically (`AtomicWrite`): a reader never sees half a record and an old record survives
/// a failed write.
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
        do { try AtomicWrite.write(data, to: path) } catch {
            throw WriteError(path: path, reason: error.reason)
        }
    }
}
