import Foundation

/// Compiles chapter programs with `swiftc`, keeping each result (executable or diagnostics) in the cache
/// under the hash of the program text, the compiler arguments and the libraries' build identity.
final class ProgramCompiler: @unchecked Sendable {
    /// What a compile produced.
    struct Outcome {
        /// The executable, when it compiled (nil for a type-check or a failure).
        var executable: String?
        var succeeded: Bool
        var diagnostics: [Diagnostic]
        /// The compiler's whole output.
        var output: String
        /// Wall time of the compile (0 when it came from the cache).
        var seconds: Double
        var cached: Bool
    }

    let toolchain: Toolchain
    let cacheDirectory: String

    init(toolchain: Toolchain, cacheDirectory: String) {
        self.toolchain = toolchain
        self.cacheDirectory = cacheDirectory
    }

    /// Compiles (or type-checks) `program`; `useCache: false` always runs the compiler.
    func compile(program: String, typecheckOnly: Bool, useCache: Bool = true) throws -> Outcome {
        let placeholderArguments = toolchain.swiftcArguments(source: "main.swift", output: "program", typecheckOnly: typecheckOnly)
        let key = SHA256.hex([program, placeholderArguments.joined(separator: " "), toolchain.buildIdentity].joined(separator: "\n\u{0}"))
        let entry = "\(cacheDirectory)/programs/\(key)"
        let files = FileManager.default
        if useCache, let status = try? String(contentsOfFile: "\(entry)/status", encoding: .utf8) {
            let output = (try? String(contentsOfFile: "\(entry)/compiler-output.txt", encoding: .utf8)) ?? ""
            let succeeded = status == "ok"
            let executable = "\(entry)/program"
            if !succeeded || typecheckOnly || files.isExecutableFile(atPath: executable) {
                return Outcome(executable: succeeded && !typecheckOnly ? executable : nil, succeeded: succeeded,
                               diagnostics: Diagnostic.parse(output), output: output, seconds: 0, cached: true)
            }
        }
        // Build in a private folder, then move it into place whole.
        let work = "\(cacheDirectory)/programs/.build-\(key)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try Interruption.temporary(work) { () throws(FileSystemError) in try Folders.create(work) }
        defer { Interruption.release(work) }
        let result: (output: String, succeeded: Bool, seconds: Double)
        do {
            result = try build(program, in: work, typecheckOnly: typecheckOnly)
        } catch {
            try? files.removeItem(atPath: work)
            throw error
        }
        let (output, succeeded, seconds) = result
        try? files.removeItem(atPath: entry)
        var folder = entry
        if rename(work, entry) != 0 {
            // Another job put the same program in place first: use that one, or ours where it is.
            if files.fileExists(atPath: "\(entry)/status") { try? files.removeItem(atPath: work) } else { folder = work }
        }
        return Outcome(executable: succeeded && !typecheckOnly ? "\(folder)/program" : nil, succeeded: succeeded,
                       diagnostics: Diagnostic.parse(output), output: output, seconds: seconds, cached: false)
    }

    /// Runs the compiler on `program` in the folder `work`, leaving there its output and status.
    private func build(_ program: String, in work: String, typecheckOnly: Bool) throws -> (output: String, succeeded: Bool, seconds: Double) {
        // Plain writes: a folder an interrupt removed must not come back.
        try program.write(toFile: "\(work)/main.swift", atomically: false, encoding: .utf8)
        let arguments = toolchain.swiftcArguments(source: "\(work)/main.swift", output: "\(work)/program", typecheckOnly: typecheckOnly)
        let started = monotonicSeconds()
        let result = try ChildProcess(arguments: arguments, searchPath: true).runCollecting()
        let seconds = monotonicSeconds() - started
        let output = result.output + result.error
        let succeeded = result.ending == .exited(0)
        try output.write(toFile: "\(work)/compiler-output.txt", atomically: false, encoding: .utf8)
        try (succeeded ? "ok" : "failed").write(toFile: "\(work)/status", atomically: false, encoding: .utf8)
        return (output, succeeded, seconds)
    }
}
