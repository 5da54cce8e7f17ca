import Foundation

/// `folio` started in the background (for `watch`, or to edit a chapter while it runs): its output
/// is collected as it comes, and it is stopped (SIGTERM, then SIGKILL) when the test is done.
final class FolioBackground: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var outputText = ""
    private var errorText = ""

    init(_ folio: FolioBinary, _ arguments: [String], environment extra: [String: String] = [:]) throws {
        process.executableURL = FolioBinary.executable
        process.arguments = arguments
        process.currentDirectoryURL = folio.folder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { $1 }
        process.environment = environment
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.lock(); self?.outputText += String(decoding: data, as: UTF8.self); self?.lock.unlock()
        }
        error.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.lock(); self?.errorText += String(decoding: data, as: UTF8.self); self?.lock.unlock()
        }
        try process.run()
    }

    var output: String { lock.lock(); defer { lock.unlock() }; return outputText }
    var error: String { lock.lock(); defer { lock.unlock() }; return errorText }

    /// Waits until `condition` holds, at most `timeout` seconds; whether it did.
    @discardableResult
    func wait(timeout: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return condition()
    }

    /// Waits for the process to end by itself (at most `timeout` seconds); its status.
    func waitForExit(timeout: Double) -> Int32? {
        guard wait(timeout: timeout, until: { !process.isRunning }) else { return nil }
        Thread.sleep(forTimeInterval: 0.2)  // the last output
        return process.terminationStatus
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        if !wait(timeout: 5, until: { !process.isRunning }) { kill(process.processIdentifier, SIGKILL) }
    }

    deinit { stop() }
}
