/// Words ↔ indices, in order of first appearance (pytorch/examples' `data.Dictionary`).
public struct Vocabulary: Sendable, Equatable {
    /// The word of each index.
    public private(set) var words: [String] = []
    /// The index of each word.
    public private(set) var indices: [String: Int] = [:]

    /// An empty vocabulary; `add(_:)` numbers words from 0.
    public init() {}

    /// Number of distinct words.
    public var count: Int { words.count }

    /// Adds `word` if new; returns its index.
    @discardableResult
    public mutating func add(_ word: String) -> Int {
        if let index = indices[word] { return index }
        indices[word] = words.count
        words.append(word)
        return words.count - 1
    }

    /// The index of `word`, if known.
    public func index(of word: String) -> Int? { indices[word] }

    /// The word at `index`.
    public subscript(index: Int) -> String { words[index] }

    /// Splits `text` into lines and each line into white-space separated words, appends
    /// `endOfLine` to every line (as pytorch/examples' `Corpus.tokenize` does: every line read from
    /// the file, an empty one included, ends in `<eos>`), adds the words to the vocabulary and returns
    /// their indices. A final line without a line end counts as a line; "\r\n" ends a line like "\n".
    public mutating func tokenize(_ text: String, endOfLine: String? = "<eos>") -> [Int] {
        var result: [Int] = []
        let bytes = Array(text.utf8)
        var start = -1  // start of the current word, or −1
        var lineHasContent = false
        func flushWord(_ end: Int) {
            if start >= 0 {
                result.append(add(String(decoding: bytes[start..<end], as: UTF8.self)))
                start = -1
            }
        }
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case 10:  // \n
                flushWord(index)
                if let endOfLine { result.append(add(endOfLine)) }
                lineHasContent = false
            case 32, 9, 13, 11, 12:
                flushWord(index)
                lineHasContent = true
            default:
                if start < 0 { start = index }
                lineHasContent = true
            }
        }
        flushWord(bytes.count)
        if lineHasContent, let endOfLine { result.append(add(endOfLine)) }
        return result
    }
}
