import Foundation

/// One JSON line of the side channel, as written by `NotebookRuntime` (which `Notebook` does not link:
/// this is a mirror of its format).
struct SideChannelEvent: Decodable {
    enum Kind: String, Decodable { case check, html }
    var event: Kind
    var cell: Int
    var line: Int?
    var passed: Bool?
    var label: String?
    var expected: String?
    var actual: String?
    var html: String?

    /// The environment variable naming the side-channel file.
    static let environmentVariable = "FOLIO_SIDE_CHANNEL"

    /// Reads every well-formed line of the file (a line cut by a crash is skipped).
    static func read(fileAt path: String) -> [SideChannelEvent] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(SideChannelEvent.self, from: Data($0)) }
    }
}
