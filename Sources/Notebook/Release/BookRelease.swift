import Foundation
import FolioProtocol

/// `folio release`: the student edition of each chapter, written under the output folder with the
/// key's file name.
public enum BookRelease {
    /// One chapter released: the key's path and the student edition's.
    public struct Released: Sendable, Equatable {
        /// The key chapter as given.
        public var key: String
        /// The student edition written.
        public var edition: String
        /// The number of exercise cells in it.
        public var exercises: Int
        /// The number of hidden-test cells left out of it.
        public var hiddenTests: Int
        /// The recorded runs copied beside it (`records/<chapter>/<name>.json`), so that the edition's
        /// `folio check` verifies them instead of asking for them to be made again.
        public var records: Int

        /// One line for the terminal: what was written and what was left out or copied.
        public var summary: String {
            func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
            let copied = records > 0 ? ", \(count(records, "record")) copied" : ""
            return "released \(key) -> \(edition)  \(count(exercises, "exercise")), \(count(hiddenTests, "hidden test")) removed\(copied)"
        }
    }

    /// Writes the student edition of every chapter of `paths` (files or folders) into `output`.
    /// A malformed key is a ``ChapterError``; nothing is written for the chapters after it.
    public static func release(paths: [String], output: String) throws -> [Released] {
        let chapters = try ChapterPaths.expand(paths, allowingNone: false)
        try Folders.create(output)
        var released: [Released] = []
        for path in chapters {
            let chapter = try MarkdownChapterParser.parse(fileAt: path)
            let target = (output as NSString).appendingPathComponent("\(Chapter.name(ofPath: path)).md")
            if URL(fileURLWithPath: target).standardizedFileURL == URL(fileURLWithPath: path).standardizedFileURL {
                throw FileSystemError.cannotWrite(path: target, reason: "it is the key chapter itself: choose another --output folder")
            }
            let text = try StudentEdition.text(of: chapter)
            // The edition must itself be a well-formed chapter (the exercise cells keep their options).
            _ = try MarkdownChapterParser.parse(source: text, path: target)
            try AtomicFile.write(text, to: target)
            let records = try copyRecords(of: chapter, keyPath: path, editionPath: target)
            released.append(Released(key: path, edition: target, exercises: chapter.cells.filter(\.options.exercise).count,
                                     hiddenTests: chapter.cells.filter(\.options.hiddenTest).count, records: records))
        }
        return released
    }

    /// Copies each record the key has (a missing one stays missing: its `folio check` says how to make
    /// it) to the edition's records folder, atomically; returns how many were copied.
    private static func copyRecords(of chapter: Chapter, keyPath: String, editionPath: String) throws -> Int {
        var copied = 0
        for (_, call) in chapter.recordCalls {
            guard let data = FileManager.default.contents(atPath: RecordName.path(chapter: keyPath, name: call.name)) else { continue }
            let target = RecordName.path(chapter: editionPath, name: call.name)
            try Folders.create((target as NSString).deletingLastPathComponent)
            try AtomicFile.write(data, to: target)
            copied += 1
        }
        return copied
    }
}
