import Foundation

/// Two words and the similarity people gave them.
public struct WordPair: Sendable, Equatable {
    /// The first word of the pair.
    public var first: String
    /// The second word of the pair.
    public var second: String
    /// Mean human rating (WordSim-353: 0…10; SimLex-999: 0…10).
    public var score: Double
}

/// Word-similarity benchmarks (WordSim-353, SimLex-999) in gensim's test layout: lines
/// `word1 <TAB> word2 <TAB> score`, comment lines starting with `#`.
public enum WordSimilarity {
    /// `data/wordsim/wordsim353.tsv`.
    public static func wordSim353() throws -> [WordPair] {
        try load(from: DataLocation.url(dataSet: "wordsim", file: "wordsim353.tsv"))
    }

    /// `data/wordsim/simlex999.txt`.
    public static func simLex999() throws -> [WordPair] {
        try load(from: DataLocation.url(dataSet: "wordsim", file: "simlex999.txt"))
    }

    /// Reads a word-pair file.
    public static func load(from url: URL) throws -> [WordPair] {
        let text = try readDatasetText(url, dataSet: "wordsim")
        var pairs: [WordPair] = []
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(whereSeparator: { $0 == "\t" })
            guard fields.count >= 3 else {
                throw DatasetError.malformedLine(path: url.path, line: lineNumber, reason: "expected word, word and score separated by tabs")
            }
            guard let score = Double(fields[2].trimmingCharacters(in: .whitespaces)) else {
                throw DatasetError.malformedLine(path: url.path, line: lineNumber, reason: "score '\(fields[2])' is not a number")
            }
            pairs.append(WordPair(first: String(fields[0]), second: String(fields[1]), score: score))
        }
        return pairs
    }
}
