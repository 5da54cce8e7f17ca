import Foundation

/// Mikolov's Penn Treebank for word-level language modelling, read like pytorch/examples'
/// `data.Corpus`: every line's words then `<eos>`, one vocabulary built over train, valid, test in
/// that order (10,000 words: 9,999 in the text and `<eos>`).
///
/// Sizes with `<eos>`: train 929,589, valid 73,760, test 82,430 tokens (887,521 / 70,390 /
/// 78,669 words without it, the figures usually quoted).
public struct PennTreebank: Sendable {
    /// The 10,000 words (with `<eos>`), numbered in order of first appearance over train, valid, test.
    public var vocabulary: Vocabulary
    /// The training text as word indices into `vocabulary`, `<eos>` after every line.
    public var train: [Int]
    /// The validation text as word indices.
    public var valid: [Int]
    /// The test text as word indices.
    public var test: [Int]

    /// A corpus from token indices already made over `vocabulary` (e.g. a small one in a test).
    public init(vocabulary: Vocabulary, train: [Int], valid: [Int], test: [Int]) {
        self.vocabulary = vocabulary
        self.train = train
        self.valid = valid
        self.test = test
    }

    /// A corpus from the texts of the three splits, read as the files are: every line's words then
    /// `<eos>`, one vocabulary over train, valid, test in that order.
    public init(trainText: String, validText: String, testText: String) {
        var vocabulary = Vocabulary()
        let train = vocabulary.tokenize(trainText)
        let valid = vocabulary.tokenize(validText)
        let test = vocabulary.tokenize(testText)
        self.init(vocabulary: vocabulary, train: train, valid: valid, test: test)
    }

    /// Reads `data/ptb/{train,valid,test}.txt` (see `DataLocation`).
    public static func load() throws -> PennTreebank {
        try load(from: DataLocation.directory.appendingPathComponent("ptb", isDirectory: true))
    }

    /// Reads `train.txt`, `valid.txt`, `test.txt` from `folder`.
    public static func load(from folder: URL) throws -> PennTreebank {
        let texts = try ["train.txt", "valid.txt", "test.txt"].map {
            try readDatasetText(folder.appendingPathComponent($0), dataSet: "ptb")
        }
        return PennTreebank(trainText: texts[0], validText: texts[1], testText: texts[2])
    }
}
