import ArgumentParser
import DeepLearning
import Foundation

/// `train-lm`: pytorch/examples' word_language_model `main.py` with its flag names — an RNN/LSTM/GRU
/// language model on the Penn Treebank (or one of the assignment's other models: gated CNN, gated CNN
/// with LSTM layers, character-aware CNN–highway–LSTM, LSTM with attention, LSTM with the previous
/// sentence), truncated BPTT with detached state, gradient clipping, plain
/// SGD whose learning rate is divided by 4 whenever the validation loss stops improving. The training
/// itself is `LanguageModelRun.train` in DeepLearning; this command turns flags into a
/// `LanguageModelConfig`, prints the log, and writes what was asked for.
struct TrainLM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-lm",
        abstract: "Train a word-level language model (RNN/LSTM/GRU, gated CNN, character-aware, attention, context) on the Penn Treebank.")

    @Option(help: "Folder with train.txt, valid.txt, test.txt (default: data/ptb, see `folio data fetch ptb`).")
    var data: String?
    @Option(help: "Type of network (\(Model.choices.joined(separator: ", "))).")
    var model = "LSTM"
    @Option(help: "Size of word embeddings.")
    var emsize = 200
    @Option(help: "Number of hidden units per layer.")
    var nhid = 200
    @Option(help: "Number of recurrent layers (GatedCNN+LSTM: LSTM layers on the convolutions; GatedCNN: unused).")
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
    @Option(name: .customLong("kernel-width"), help: "GatedCNN, GatedCNN+LSTM: width of the causal convolutions, in words.")
    var kernelWidth = 4
    @Option(name: .customLong("cnn-layers"), help: "GatedCNN, GatedCNN+LSTM: number of residual gated convolution blocks.")
    var cnnLayers = 10
    @Option(name: .customLong("char-emsize"), help: "CharCNN: size of the character embeddings.")
    var charEmsize = 15
    @Option(name: .customLong("filter-widths"), help: "CharCNN: comma-separated widths of the character convolutions.")
    var filterWidths = "1,2,3,4,5,6,7"
    @Option(name: .customLong("feature-maps"), help: "CharCNN: comma-separated feature maps of each filter width.")
    var featureMaps = "50,100,150,200,200,200,200"
    @Option(name: .customLong("highway-layers"), help: "CharCNN: highway layers between the convolutions and the LSTM.")
    var highwayLayers = 1

    /// ParsableCommand's `main`, except that bad usage (an invalid flag or configuration) exits with 2,
    /// as every program of the project does, rather than ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error), message = fullMessage(for: error)
            if code == .success {
                print(message)
            } else if !message.isEmpty {
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }

    /// The flags as the library's configuration.
    var config: LanguageModelConfig {
        LanguageModelConfig(
            model: model, emsize: emsize, nhid: nhid, nlayers: nlayers, lr: lr, clip: clip, epochs: epochs,
            batchSize: batchSize, bptt: bptt, dropout: dropout, tied: tied, seed: seed, logInterval: logInterval,
            dryRun: dryRun, embeddingQueries: embeddingQueries.split(separator: ",").map(String.init),
            mapWords: mapWords, sampleWords: sampleWords, kernelWidth: kernelWidth, cnnLayers: cnnLayers,
            charEmsize: charEmsize, filterWidths: Self.integers(filterWidths) ?? [],
            featureMaps: Self.integers(featureMaps) ?? [], highwayLayers: highwayLayers)
    }

    /// A comma-separated list of whole numbers, or nil when an item is not one.
    static func integers(_ list: String) -> [Int]? {
        let items = list.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        return items.contains(nil) ? nil : items.map { $0! }
    }

    func validate() throws {
        for (flag, list) in [("--filter-widths", filterWidths), ("--feature-maps", featureMaps)] where Self.integers(list) == nil {
            throw ValidationError("\(flag) must be comma-separated whole numbers, got '\(list)'")
        }
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
