import Foundation
import FolioProtocol

/// What is on disk for each recorded run of a chapter, and whether it still follows from the chapter:
/// a record is stale when the recording cell's code or the declared data changed since it was made.
struct RecordInventory {
    /// One record of the chapter.
    struct Item {
        var call: RecordCall
        var cell: Cell
        var path: String
        var codeHash: String
        var state: RecordPlan.FileState
        var reason: String?
        var header: RecordHeader?
    }

    var items: [Item]
    /// SHA-256 of each declared data set.
    var data: [String: String]

    /// Reads the records of `chapter` (`records/<chapter>/<name>.json` beside it).
    init(chapter: Chapter, data: [String: String]) {
        self.data = data
        items = chapter.recordCalls.map { cell, call in
            let path = RecordName.path(chapter: chapter.path, name: call.name)
            let codeHash = SHA256.hex(cell.code)
            var item = Item(call: call, cell: cell, path: path, codeHash: codeHash, state: .missing)
            Self.assess(&item, data: data)
            return item
        }
    }

    private static func assess(_ item: inout Item, data: [String: String]) {
        guard let bytes = FileManager.default.contents(atPath: item.path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: item.path, isDirectory: &isDirectory) {
                item.state = .unreadable
                item.reason = isDirectory.boolValue ? "\(item.path) is a folder" : "\(item.path) cannot be read"
            }
            return
        }
        let header: RecordHeader
        do {
            header = try RecordCoding.decoder().decode(RecordHeader.self, from: bytes)
        } catch {
            item.state = .unreadable
            item.reason = "\(item.path): \(RecordCoding.describe(error))"
            return
        }
        item.header = header
        if header.format != RecordFile<Int>.currentFormat {
            item.state = .unreadable
            item.reason = "\(item.path) has format '\(header.format)', this folio reads '\(RecordFile<Int>.currentFormat)'"
        } else if header.name != item.call.name {
            item.state = .unreadable
            item.reason = "\(item.path) holds the record '\(header.name)'"
        } else if header.codeHash != item.codeHash {
            item.state = .stale
            item.reason = "the code of cell \(item.cell.displayName) changed since it was \(header.meta.provenance)"
        } else if let changed = data.keys.sorted().first(where: { header.meta.data[$0] != data[$0] }) {
            item.state = .stale
            item.reason = "the data set '\(changed)' changed since it was \(header.meta.provenance)"
        } else {
            item.state = .fresh
        }
    }

    /// SHA-256 over every file of each declared data set (path relative to the set, then contents), or
    /// `absent` for a set that is not there.
    static func dataDigests(_ names: [String], dataDirectory: String) -> [String: String] {
        var digests: [String: String] = [:]
        for name in names {
            let root = "\(dataDirectory)/\(name)"
            let files = (FileManager.default.subpaths(atPath: root) ?? []).sorted().filter { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: "\(root)/\(path)", isDirectory: &isDirectory) && !isDirectory.boolValue
            }
            guard !files.isEmpty else { digests[name] = "absent"; continue }
            var hasher = SHA256()
            for file in files {
                hasher.update(file)
                hasher.update([0])
                if let contents = FileManager.default.contents(atPath: "\(root)/\(file)") { hasher.update(contents) }
                hasher.update([0])
            }
            digests[name] = hasher.hexDigest()
        }
        return digests
    }
}
