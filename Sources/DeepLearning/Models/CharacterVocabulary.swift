/// The spelling of every vocabulary word as character indices, as Kim et al.'s `BatchLoaderUnk.lua`
/// makes it: a start-of-word marker `{`, the characters, an end-of-word marker `}`; `<unk>` is spelt
/// as the single character `|` and `<eos>` as `+`; `{` and `}` inside words are dropped (reserved).
/// Index 0 is padding, 1 the start marker, 2 the end marker, then characters in order of first use
/// over the vocabulary.
public struct CharacterVocabulary: Sendable, Equatable {
    /// The characters by index (padding shown as a space).
    public private(set) var characters: [Character] = [" ", "{", "}"]
    /// Each word's character indices, markers included.
    public private(set) var spellings: [[Int]] = []

    /// The index of padding.
    public static let padding = 0
    /// Longest spelling kept, markers included (Kim's `max_word_l`); longer words are cut, ending in `}`.
    public static let maximumLength = 65

    /// Spells every word of `vocabulary`.
    public init(_ vocabulary: Vocabulary) {
        var indices: [Character: Int] = [" ": 0, "{": 1, "}": 2]
        for word in vocabulary.words {
            let letters: String = word == "<unk>" ? "|" : word == "<eos>" ? "+" : word.filter { $0 != "{" && $0 != "}" }
            var spelling = [1]
            for letter in letters {
                if indices[letter] == nil {
                    indices[letter] = characters.count
                    characters.append(letter)
                }
                spelling.append(indices[letter]!)
            }
            spelling = Array(spelling.prefix(Self.maximumLength - 1)) + [2]
            spellings.append(spelling)
        }
    }

    /// The number of character indices, padding and markers included.
    public var count: Int { characters.count }

    /// The spellings of `words`, padded with `padding` to one length: the longest spelling, and at
    /// least `minimumLength`. Returns (U, L) row-major, each word's own length, and L.
    public func padded(_ words: [Int], minimumLength: Int) -> (indices: [Int], lengths: [Int], length: Int) {
        let length = Swift.max(minimumLength, words.map { spellings[$0].count }.max() ?? 0)
        var indices = [Int](repeating: Self.padding, count: words.count * length)
        for (row, word) in words.enumerated() {
            for (column, character) in spellings[word].enumerated() { indices[row * length + column] = character }
        }
        return (indices, words.map { spellings[$0].count }, length)
    }
}
