import Foundation
import Testing
import FolioProtocol
@testable import Notebook

/// `folio release` puts a key's recorded runs beside the student edition, byte for byte, so that the
/// edition's `folio check` verifies them rather than reporting them missing; a record the key lacks
/// stays missing.
@Suite("folio release copies the key's records")
struct BookReleaseRecordsTests {
    @Test("the edition's records folder holds an exact copy of each record the key has")
    func copiesRecords() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("release-records-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let keyFolder = (root as NSString).appendingPathComponent("key")
        let output = (root as NSString).appendingPathComponent("student")
        try FileManager.default.createDirectory(atPath: keyFolder, withIntermediateDirectories: true)
        let key = (keyFolder as NSString).appendingPathComponent("07-runs.md")
        let chapter = """
            # Runs

            ```swift id=long
            let value = recorded("long-run") { 41 + 1 }
            ```

            ```swift id=other
            let other = recorded("never-made") { 1 }
            ```

            ```swift id=answer exercise
            func answer() -> Int {
                // BEGIN SOLUTION
                return value
                // END SOLUTION
            }
            ```

            """
        try chapter.write(toFile: key, atomically: true, encoding: .utf8)
        let recordBytes = Data("{\"format\": \"made by a test\", \"value\": 42}\n".utf8)
        let recordPath = RecordName.path(chapter: key, name: "long-run")
        try FileManager.default.createDirectory(atPath: (recordPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try recordBytes.write(to: URL(fileURLWithPath: recordPath))

        let released = try BookRelease.release(paths: [key], output: output)

        #expect(released.map(\.records) == [1])
        let edition = (output as NSString).appendingPathComponent("07-runs.md")
        #expect(FileManager.default.contents(atPath: RecordName.path(chapter: edition, name: "long-run")) == recordBytes)
        #expect(!FileManager.default.fileExists(atPath: RecordName.path(chapter: edition, name: "never-made")))
    }
}
