import Foundation
import Testing

/// Runs the `folio` built beside this test binary (same build folder) in a fresh folder of chapters.
struct FolioBinary {
    struct Run {
        var status: Int32
        var output: String
        var error: String
        var seconds: Double
        var lastLine: String { output.split(separator: "\n").last.map(String.init) ?? "" }
    }

    /// A new temporary working folder with a `chapters/` folder.
    let folder: URL

    init() throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("folio-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("chapters"), withIntermediateDirectories: true)
    }

    /// The folio executable: in the folder of the running test binary (`swift build` puts both there),
    /// or `FOLIO_TEST_BINARY` (to run these tests against another build, e.g. an older one).
    static var executable: URL {
        if let other = ProcessInfo.processInfo.environment["FOLIO_TEST_BINARY"] { return URL(fileURLWithPath: other) }
        return executable(named: "folio")
    }

    /// A product of this package built beside the running test binary (`folio`, `train-lm`).
    static func executable(named name: String) -> URL {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // The test binary may sit inside a bundle folder (`X.xctest/...`): climb to the build folder.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent(name)
    }

    /// Writes `chapters/NAME.md`.
    func write(_ name: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent("chapters/\(name).md"), atomically: true, encoding: .utf8)
    }

    func read(_ relativePath: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// Runs folio (or another product, `program`) with `arguments` in the folder.
    func run(_ arguments: [String], environment extra: [String: String] = [:], program: String = "folio") throws -> Run {
        let process = Process()
        process.executableURL = program == "folio" ? Self.executable : Self.executable(named: program)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { $1 }
        process.environment = environment
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let start = Date()
        try process.run()
        // Read both pipes while the process runs, so a full pipe never blocks it.
        nonisolated(unsafe) var errorData = Data()
        let reader = Thread { errorData = error.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        return Run(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                   error: String(decoding: errorData, as: UTF8.self), seconds: Date().timeIntervalSince(start))
    }
}
