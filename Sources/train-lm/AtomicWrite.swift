import Foundation

/// Writes a file so that a reader never sees half of it and an old file survives a failed write: a
/// temporary file in the same folder, then a rename over the destination. Used for checkpoints
/// (`Model.save`) and run records (`RunRecord.write`).
///
/// train-lm's own: `Notebook`'s `AtomicFile` also registers the temporary file with folio's
/// interrupt handler and creates folders, and train-lm does not link `Notebook`.
enum AtomicWrite {
    /// Why the file could not be written, as a readable reason (the caller names the file).
    struct Failure: Error {
        let reason: String
    }

    /// Writes `data` to `path` through `.<name>.<pid>.tmp` beside it.
    static func write(_ data: Data, to path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do { try data.write(to: temporary) } catch {
            throw Failure(reason: error.localizedDescription)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(reason: reason)
        }
    }
}
