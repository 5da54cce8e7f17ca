import Foundation
import Testing
@testable import DeepLearning

/// A fresh temporary folder per test.
private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-dataset-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

private func write(_ text: String, _ folder: URL, _ name: String) throws -> URL {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
}

@Suite("Data set loaders")
struct DatasetLoaderTests {
    @Test("digits: 64 pixels and a label per line")
    func digits() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let row1 = (0..<64).map { String($0 % 17) }.joined(separator: ",") + ",7"
        let row2 = (0..<64).map { _ in "0" }.joined(separator: ",") + ",0"
        let url = try write(row1 + "\n" + row2 + "\n", folder, "digits.csv")
        let digits = try Digits.load(from: url)
        #expect(digits.count == 2)
        #expect(digits.labels == [7, 0])
        #expect(digits.features[0][16] == 16 && digits.features[0][17] == 0 && digits.features[0].count == 64)
        #expect(digits.flatFeatures.count == 128)
        let bad = try write("1,2,3\n", folder, "bad.csv")
        #expect(throws: DatasetError.malformedLine(path: bad.path, line: 1, reason: "expected 65 comma-separated values, found 3")) {
            try Digits.load(from: bad)
        }
    }

    @Test("Penn Treebank: <eos> after every line, one vocabulary over train, valid, test")
    func pennTreebank() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try write(" the cat sat \n the dog \n", folder, "train.txt")
        _ = try write(" a cat \r\n", folder, "valid.txt")
        _ = try write(" the end", folder, "test.txt")  // no final newline: still a line
        let corpus = try PennTreebank.load(from: folder)
        #expect(corpus.vocabulary.words == ["the", "cat", "sat", "<eos>", "dog", "a", "end"])
        #expect(corpus.train == [0, 1, 2, 3, 0, 4, 3])
        #expect(corpus.valid == [5, 1, 3])
        #expect(corpus.test == [0, 6, 3])
    }

    @Test("tokenize gives an empty line its <eos>, like Python's line.split() + ['<eos>']")
    func tokenizeEmptyLines() {
        var vocabulary = Vocabulary()
        let ids = vocabulary.tokenize("a\n\nb\n")
        #expect(ids.map { vocabulary[$0] } == ["a", "<eos>", "<eos>", "b", "<eos>"])
        var plain = Vocabulary()
        #expect(plain.tokenize("x y\nz", endOfLine: nil).map { plain[$0] } == ["x", "y", "z"])
    }

    @Test("movie reviews: TSV with CRLF, label from the sign of the score")
    func movieReviews() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try write("1\t2.26666666667\tThe Rock is ''great''\r\n2\t-0.6\tEffective but too tepid\tbiopic\r\n3\t0\tMeh\r\n", folder, "reviews.tsv")
        let reviews = try MovieReviews.load(from: url)
        #expect(reviews.count == 3)
        #expect(reviews[0] == MovieReview(id: "1", score: 2.26666666667, text: "The Rock is ''great''"))
        #expect(reviews.map(\.label) == [1, 0, 0])
        #expect(reviews[1].text == "Effective but too tepid\tbiopic")  // only the first two tabs separate
        #expect(!reviews.contains { $0.text.contains("\r") })
        #expect(reviews.map(\.isNeutral) == [false, false, true])
    }

    @Test("lines end at LF or CR LF, a lone CR stays, the piece after the last LF is a line; trimming as Foundation's")
    func datasetTextSplitsAndTrims() {
        #expect(DatasetText.lines("a\nb\r\nc\rd\n\ne") == ["a", "b", "c\rd", "", "e"])
        #expect(DatasetText.lines("x\n") == ["x", ""])
        #expect(DatasetText.lines("") == [""])
        #expect(DatasetText.lines("é\u{301}\r\n ü") == ["é\u{301}", " ü"])
        for field in ["plain", " left", "right\t", "\u{3000}ideographic\u{00A0}", "", " ", "in side"] {
            #expect(DatasetText.trimmed(Substring(field)) == Substring(field.trimmingCharacters(in: .whitespaces)), "'\(field)'")
        }
        #expect(DatasetText.trimmed("\n7\r", of: .whitespacesAndNewlines) == "7")
    }

    @Test("word similarity: comment lines skipped, three columns")
    func wordSimilarity() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try write("# The WordSimilarity-353 Test Collection\n# Word 1\tWord 2\tHuman (mean)\nlove\tsex\t6.77\ntiger\tcat\t7.35\n", folder, "ws.tsv")
        let pairs = try WordSimilarity.load(from: url)
        #expect(pairs == [WordPair(first: "love", second: "sex", score: 6.77), WordPair(first: "tiger", second: "cat", score: 7.35)])
    }

    @Test("data location: FOLIO_DATA_DIR wins, else the nearest data/ folder upwards, else ./data")
    func dataLocation() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let nested = root.appendingPathComponent("book/chapters", isDirectory: true)
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("book/data"), withIntermediateDirectories: true)
        #expect(DataLocation.directory(environment: ["FOLIO_DATA_DIR": "/srv/d"], currentDirectory: nested).path == "/srv/d")
        #expect(DataLocation.directory(environment: [:], currentDirectory: nested).path == root.appendingPathComponent("book/data").standardizedFileURL.path)
        let empty = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(DataLocation.directory(environment: [:], currentDirectory: empty).path == empty.appendingPathComponent("data").standardizedFileURL.path)
    }

    @Test("a missing file names the command that fetches it")
    func missingFile() {
        let url = URL(fileURLWithPath: "/nonexistent/folio/digits.csv")
        #expect(throws: DatasetError.missingFile(path: url.path, fetch: "folio data fetch digits")) { try Digits.load(from: url) }
        #expect(DatasetError.missingFile(path: "x", fetch: "folio data fetch digits").description == "x: no such file; get the data with `folio data fetch digits`")
    }
}

/// Checks on the real files, run only where `folio data fetch` has put them (CI fetches first).
@Suite("Data set loaders on fetched data")
struct DatasetFetchedDataTests {
    static var folder: URL { DataLocation.directory }
    static func has(_ path: String) -> Bool { FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path) }

    @Test("PTB: 929,589 / 73,760 / 82,430 tokens with <eos>, 10,000 words", .enabled(if: has("ptb/test.txt")))
    func pennTreebank() throws {
        let corpus = try PennTreebank.load()
        #expect(corpus.train.count == 929_589)
        #expect(corpus.valid.count == 73_760)
        #expect(corpus.test.count == 82_430)
        #expect(corpus.vocabulary.count == 10_000)
    }

    @Test("digits: 1,797 images of 64 pixels", .enabled(if: has("digits/digits.csv")))
    func digits() throws {
        let digits = try Digits.load()
        #expect(digits.count == 1_797 && digits.features.allSatisfy { $0.count == 64 })
        #expect(Set(digits.labels) == Set(0...9))
    }

    @Test("movie reviews: 10,605 sentences, 5,242 positive", .enabled(if: has("mr/reviews.tsv")))
    func movieReviews() throws {
        let reviews = try MovieReviews.load()
        #expect(reviews.count == 10_605)
        #expect(reviews.filter { $0.label == 1 }.count == 5_242)
    }

    @Test("word similarity: 353 and 999 pairs", .enabled(if: has("wordsim/simlex999.txt")))
    func wordSimilarity() throws {
        #expect(try WordSimilarity.wordSim353().count == 353)
        #expect(try WordSimilarity.simLex999().count == 999)
    }
}
