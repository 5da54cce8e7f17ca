import Foundation

/// Reads members out of a wheel or zip (`unzip`) or a .tar.gz (`tar`), never running anything
/// inside it.
struct ArchiveReader {
    let archive: URL

    private var isZip: Bool { archive.pathExtension == "whl" || archive.pathExtension == "zip" }

    /// Every member path in the archive.
    func members() throws -> [String] {
        let listing = FileManager.default.temporaryDirectory.appendingPathComponent("folio-list-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: listing) }
        let tool = isZip ? "unzip" : "tar"
        let arguments = isZip ? ["-Z1", archive.path] : ["-tzf", archive.path]
        try run(tool, arguments, output: listing)
        let text = (try? String(contentsOf: listing, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { !$0.hasSuffix("/") }
    }

    /// The member whose path is `path` or ends with `/path` (sdists put everything under `NAME-VERSION/`).
    func resolve(_ path: String) throws -> String {
        let all = try members()
        if let exact = all.first(where: { $0 == path }) { return exact }
        let matches = all.filter { $0.hasSuffix("/" + path) }.sorted { $0.count < $1.count }
        guard let best = matches.first else {
            throw DataFetchError.memberNotFound(archive: archive.lastPathComponent, member: path)
        }
        return best
    }

    /// Writes the member's bytes to `destination`.
    func extract(member: String, to destination: URL) throws {
        if isZip {
            try run("unzip", ["-p", archive.path, member], output: destination)
        } else {
            try run("tar", ["-xzf", archive.path, "-O", member], output: destination)
        }
    }

    /// Decompresses a .gz file.
    static func gunzip(_ source: URL, to destination: URL) throws {
        try ArchiveReader(archive: source).run("gzip", ["-dc", source.path], output: destination)
    }

    private func run(_ tool: String, _ arguments: [String], output: URL) throws {
        let outcome: ToolProcess.Outcome
        do {
            outcome = try ToolProcess.run(tool, arguments, standardOutput: output)
        } catch {
            throw DataFetchError.toolFailed(tool: tool, status: -1, detail: "cannot start: \(error.localizedDescription)")
        }
        if outcome.status == 127 {
            throw DataFetchError.toolFailed(tool: tool, status: 127, detail: "not found on PATH (Debian: apt-get install \(tool == "unzip" ? "unzip" : tool))")
        }
        if outcome.status != 0 {
            throw DataFetchError.toolFailed(tool: tool, status: outcome.status, detail: ToolProcess.tail(outcome.standardError))
        }
    }
}
