import ArgumentParser
import DeepLearning
import Foundation

/// `train-lm`: pytorch/examples' word_language_model `main.py` with its flag names — an RNN/LSTM/GRU
/// language model on the Penn Treebank, truncated BPTT with detached state, gradient clipping, plain
/// SGD whose learning rate is divided by 4 whenever the validation loss stops improving. The training
/// itself is `LanguageModelRun.train` in DeepLearning; this command turns flags into a
/// `LanguageModelConfig`, prints the log, and writes what was asked for.
struct TrainLM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-lm",
        abstract: "Train a word-level RNN/LSTM/GRU language model on the Penn Treebank.")

    @Option(help: "Folder with train.txt, valid.txt, test.txt (default: data/ptb, see `folio data fetch ptb`).")
    var data: String?
    @Option(help: "Type of network (\(LanguageModelCell.allCases.map(\.rawValue).joined(separator: ", "))).")
    var model = "LSTM"
    @Option(help: "Size of word embeddings.")
    var emsize = 200
    @Option(help: "Number of hidden units per layer.")
    var nhid = 200
    @Option(help: "Number of layers.")
    var nlayers = 2
    @Option(help: "Initial learning rate.")
    var lr: Double = 20
    @Option(help: "Gradient clipping (maximum L2 norm).")
    var clip: Double = 0.25
    @Option(help: "Upper epoch limit.")
    var epochs = 40
    @Option(name: .customLong("batch_size"), help: "Batch size.")
    var batchSize = 20
    @Option(help: "Sequence length (truncated BPTT).")
    var bptt = 35
    @Option(help: "Dropout applied to layers (0 = no dropout).")
    var dropout: Double = 0.2
    @Flag(help: "Tie the word embedding and softmax weights.")
    var tied = false
    @Option(help: "Random seed.")
    var seed: UInt64 = 1111
    @Option(name: .customLong("log-interval"), help: "Report interval (batches).")
    var logInterval = 200
    @Option(help: "Write the best model's weights to this file at the end (default: not saved).")
    var save: String?
    @Option(help: "Write the run (config, per-epoch perplexities, losses, analysis) to this JSON file.")
    var record: String?
    @Option(name: .customLong("embedding-queries"), help: "Comma-separated words whose nearest embedding neighbours the run reports.")
    var embeddingQueries = ""
    @Option(name: .customLong("map-words"), help: "Keep the embedding rows of this many most frequent words in the record.")
    var mapWords = 0
    @Option(name: .customLong("sample-words"), help: "Sample this many words from the best model at the end.")
    var sampleWords = 0
    @Flag(name: .customLong("dry-run"), help: "Run one batch per epoch to check the code.")
    var dryRun = false

    /// The flags as the library's configuration.
    var config: LanguageModelConfig {
        LanguageModelConfig(
            model: model, emsize: emsize, nhid: nhid, nlayers: nlayers, lr: lr, clip: clip, epochs: epochs,
            batchSize: batchSize, bptt: bptt, dropout: dropout, tied: tied, seed: seed, logInterval: logInterval,
            dryRun: dryRun, embeddingQueries: embeddingQueries.split(separator: ",").map(String.init),
            mapWords: mapWords, sampleWords: sampleWords)
    }

    func validate() throws {
        do { try config.validate() } catch { throw ValidationError(error.description) }
    }

    func run() throws {
        let corpus = try data.map { try PennTreebank.load(from: URL(fileURLWithPath: $0, isDirectory: true)) }
        let run = try LanguageModelRun.train(
            config, corpus: corpus, log: { print($0) },
            bestModel: { best in if let save { try Model.save(best, to: save) } })
        printAnalysis(run)
        if let record { try RunRecord.write(run, to: record) }
    }

    /// The neighbours and samples asked for with `--embedding-queries` and `--sample-words`.
    func printAnalysis(_ run: LanguageModelRun) {
        for word in run.config.embeddingQueries {
            guard let neighbours = run.neighbours[word] else { continue }
            let list = neighbours.map { "\($0.word) \(String(format: "%.2f", $0.cosine))" }.joined(separator: ", ")
            print("| nearest to \(word): \(list)")
        }
        for sentence in run.samples { print("| sample: \(sentence)") }
    }
}
