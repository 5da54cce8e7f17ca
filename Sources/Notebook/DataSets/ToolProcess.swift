import Foundation

/// Runs a command-line tool found on PATH, its standard output going to a file (so that large
/// outputs need no pipe draining) and its standard error kept as text.
enum ToolProcess {
    struct Outcome {
        var status: Int32
        var standardError: String
    }

    /// Runs `tool arguments…`; throws `notFound` when the tool cannot be started.
    static func run(_ tool: String, _ arguments: [String], standardOutput: URL? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("folio-tool-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: scratch.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let errorHandle = try FileHandle(forWritingTo: scratch)
        var outputHandle: FileHandle?
        if let standardOutput {
            _ = FileManager.default.createFile(atPath: standardOutput.path, contents: nil)
            outputHandle = try FileHandle(forWritingTo: standardOutput)
            process.standardOutput = outputHandle
        } else {
            process.standardOutput = FileHandle.nullDevice
        }
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? errorHandle.close()
        try? outputHandle?.close()
        let errorText = (try? String(contentsOf: scratch, encoding: .utf8)) ?? ""
        // /usr/bin/env exits 127 when it cannot find the tool.
        return Outcome(status: process.terminationStatus, standardError: errorText)
    }

    /// The last few non-empty lines of a tool's error output, for messages.
    static func tail(_ text: String, lines: Int = 3) -> String {
        let kept = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return kept.suffix(lines).joined(separator: " | ")
    }
}
