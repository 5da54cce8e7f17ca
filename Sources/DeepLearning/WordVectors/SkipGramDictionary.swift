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
        let scan = Self.scan(text)
        let kept = scan.words.indices.filter { scan.counts[$0] >= config.minCount }
            .sorted { scan.counts[$0] != scan.counts[$1] ? scan.counts[$0] > scan.counts[$1] : $0 < $1 }
        words = kept.map { scan.words[$0] }
        counts = kept.map { scan.counts[$0] }
        indices = Dictionary(uniqueKeysWithValues: words.enumerated().map { ($1, $0) })
        tokenCount = scan.lines.reduce(0) { $0 + $1.count }
        var finalIndex = [Int](repeating: -1, count: scan.words.count)  // −1: dropped
        for (index, word) in kept.enumerated() { finalIndex[word] = index }
        lines = scan.lines.map { line in line.compactMap { finalIndex[$0] >= 0 ? finalIndex[$0] : nil } }
        minNgram = config.minNgram
        maxNgram = config.maxNgram
        buckets = config.buckets
        let wordCount = words.count, minN = config.minNgram, maxN = config.maxNgram, bucketCount = config.buckets
        inputRows = words.enumerated().map { index, word in
            guard word != Self.endOfLine else { return [index] }
            return [index] + Self.ngramRows(word, wordCount: wordCount, minNgram: minN, maxNgram: maxN, buckets: bucketCount)
        }
    }

    /// The text's lines as word numbers in order of first appearance, `</s>` ending each line, with the
    /// words in that order and how often each occurs. A line ends at `\n` (a last line without one
    /// counts too; a text ending in `\n` has no empty line after it); words are separated by spaces,
    /// tabs and carriage returns, as fastText reads them. One pass over the UTF-8 bytes: splitting
    /// the text into `Character`s (grapheme clusters) first took most of a chapter's replay.
    static func scan(_ text: String) -> (lines: [[Int]], words: [String], counts: [Int]) {
        var numbers: [String: Int] = [:], words: [String] = [], counts: [Int] = []
        var lines: [[Int]] = [], line: [Int] = []
        func count(_ word: String) {
            let number: Int
            if let known = numbers[word] {
                number = known
            } else {
                number = words.count
                numbers[word] = number
                words.append(word)
                counts.append(0)
            }
            counts[number] += 1
            line.append(number)
        }
        var text = text
        text.withUTF8 { bytes in
            var wordStart = -1  // the first byte of the word being read, or −1
            for (offset, byte) in bytes.enumerated() {
                let separates = byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
                if separates, wordStart >= 0 {
                    count(String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<offset]), as: UTF8.self))
                    wordStart = -1
                } else if !separates, wordStart < 0 {
                    wordStart = offset
                }
                if byte == 0x0A {
                    count(Self.endOfLine)
                    lines.append(line)
                    line = []
                }
            }
            if wordStart >= 0 { count(String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart...]), as: UTF8.self)) }
            if bytes.last != 0x0A {
                count(Self.endOfLine)
                lines.append(line)
            }
        }
        return (lines, words, counts)
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
