import Foundation

/// The words a skip-gram model learns, built as fastText builds its dictionary: white-space separated
/// tokens, each line ending in `</s>`, words seen fewer than `minCount` times dropped, the rest sorted
/// by decreasing count (ties by first appearance). Each word owns one input row; its character
/// n-grams own rows `count + bucket` after the words (`</s>` has no n-grams).
public struct SkipGramDictionary: Sendable {
    /// The end-of-line token.
    public static let endOfLine = "</s>"
    /// The words, most frequent first.
    public let words: [String]
    /// How often each word occurs in the text.
    public let counts: [Int]
    /// The index of each word.
    public let indices: [String: Int]
    /// Every token of the text, `</s>` included, dropped words included (fastText's `ntokens`).
    public let tokenCount: Int
    /// The text as lines of word indices (dropped words removed), `</s>` at the end of each line.
    public let lines: [[Int]]
    /// The input rows of each word: its own row, then its n-grams' rows.
    public let inputRows: [[Int]]
    let minNgram: Int, maxNgram: Int, buckets: Int

    /// Builds the dictionary of `text` for `config`.
    public init(text: String, config: SkipGramConfig) {
        var textLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { textLines.removeLast() }  // the last line end ends a line; no empty line after it
        let rawLines = textLines.map {
            $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init) + [Self.endOfLine]
        }
        var tally: [String: Int] = [:], firstSeen: [String] = []
        for line in rawLines {
            for word in line {
                if tally[word] == nil { firstSeen.append(word) }
                tally[word, default: 0] += 1
            }
        }
        let kept = firstSeen.enumerated().filter { tally[$0.element]! >= config.minCount }
            .sorted { tally[$0.element]! != tally[$1.element]! ? tally[$0.element]! > tally[$1.element]! : $0.offset < $1.offset }
            .map(\.element)
        words = kept
        counts = kept.map { tally[$0]! }
        indices = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
        tokenCount = rawLines.reduce(0) { $0 + $1.count }
        let lookup = indices
        lines = rawLines.map { $0.compactMap { lookup[$0] } }
        minNgram = config.minNgram
        maxNgram = config.maxNgram
        buckets = config.buckets
        let wordCount = kept.count, minN = config.minNgram, maxN = config.maxNgram, bucketCount = config.buckets
        inputRows = kept.enumerated().map { index, word in
            guard word != Self.endOfLine else { return [index] }
            return [index] + Self.ngramRows(word, wordCount: wordCount, minNgram: minN, maxNgram: maxN, buckets: bucketCount)
        }
    }

    /// The input rows that make the vector of any word: its own row if it is in the dictionary, and
    /// the rows of its n-grams (so a word never seen still gets a vector).
    public func rows(of word: String) -> [Int] {
        if let index = indices[word] { return inputRows[index] }
        return Self.ngramRows(word, wordCount: words.count, minNgram: minNgram, maxNgram: maxNgram, buckets: buckets)
    }

    /// The number of input rows: words, then buckets.
    public var inputRowCount: Int { words.count + buckets }

    static func ngramRows(_ word: String, wordCount: Int, minNgram: Int, maxNgram: Int, buckets: Int) -> [Int] {
        guard buckets > 0 && maxNgram >= minNgram && minNgram > 0 else { return [] }
        return SubwordNgrams.ngrams(of: word, minLength: minNgram, maxLength: maxNgram).map {
            wordCount + Int(SubwordNgrams.hash($0) % UInt32(buckets))
        }
    }

    /// fastText's probability of keeping a token of each word: √(t/f) + t/f, with f its share of all tokens.
    func keepProbabilities(threshold: Double) -> [Double] {
        counts.map { count in
            let share = Double(count) / Double(tokenCount)
            return (threshold / share).squareRoot() + threshold / share
        }
    }
}
