import DeepLearning
import Foundation

/// The text the model learns from, pytorch/examples' `data.py`: the Penn Treebank splits as token
/// indices over one vocabulary (`PennTreebank` does the reading), cut into columns by `batchify`.
struct Corpus {
    let vocabulary: Vocabulary
    let train: [Int]
    let valid: [Int]
    let test: [Int]

    /// Reads `train.txt`, `valid.txt`, `test.txt` from `folder`, or from `data/ptb` when nil.
    static func load(folder: String?) throws -> Corpus {
        let treebank = try folder.map { try PennTreebank.load(from: URL(fileURLWithPath: $0, isDirectory: true)) }
            ?? PennTreebank.load()
        return Corpus(vocabulary: treebank.vocabulary, train: treebank.train, valid: treebank.valid, test: treebank.test)
    }

    /// `batchify(data, bsz)`.
    static func batchify(_ tokens: [Int], batchSize: Int) -> BatchifiedText {
        BatchifiedText(tokens, batchSize: batchSize)
    }
}
