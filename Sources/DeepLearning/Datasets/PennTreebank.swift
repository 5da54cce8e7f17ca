import Foundation

/// Mikolov's Penn Treebank for word-level language modelling, read like pytorch/examples'
/// `data.Corpus`: every line's words then `<eos>`, one vocabulary built over train, valid, test in
/// that order (10,000 words: 9,999 in the text and `<eos>`).
///
/// Sizes with `<eos>`: train 929,589, valid 73,760, test 82,430 tokens (887,521 / 70,390 /
/// 78,669 words without it, the figures usually quoted).
public struct PennTreebank: Sendable {
    public var vocabulary: Vocabulary
    public var train: [Int]
    public var valid: [Int]
    public var test: [Int]

    /// Reads `data/ptb/{train,valid,test}.txt` (see `DataLocation`).
    public static func load() throws -> PennTreebank {
        try load(from: DataLocation.directory.appendingPathComponent("ptb", isDirectory: true))
    }

    /// Reads `train.txt`, `valid.txt`, `test.txt` from `folder`.
    public static func load(from folder: URL) throws -> PennTreebank {
        var vocabulary = Vocabulary()
        var splits: [[Int]] = []
        for name in ["train.txt", "valid.txt", "test.txt"] {
            let text = try readDatasetText(folder.appendingPathComponent(name), dataSet: "ptb")
            splits.append(vocabulary.tokenize(text))
        }
        return PennTreebank(vocabulary: vocabulary, train: splits[0], valid: splits[1], test: splits[2])
    }
}
