import ArgumentParser
import DeepLearning
import Foundation

/// `train-lm`: pytorch/examples' word_language_model `main.py` with its flag names — an RNN/LSTM/GRU
/// language model on the Penn Treebank, truncated BPTT with detached state, gradient clipping, plain
/// SGD whose learning rate is divided by 4 whenever the validation loss stops improving.
struct TrainLM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-lm",
        abstract: "Train a word-level RNN/LSTM/GRU language model on the Penn Treebank.")

    @Option(help: "Folder with train.txt, valid.txt, test.txt (default: data/ptb, see `folio data fetch ptb`).")
    var data: String?
    @Option(help: "Type of network (\(Model.choices.joined(separator: ", "))).")
    var model = "LSTM"
    @Option(help: "Size of word embeddings.")
    var emsize = 200
    @Option(help: "Number of hidden units per layer.")
    var nhid = 200
    @Option(help: "Number of layers.")
    var nlayers = 2
    @Option(help: "Initial learning rate.")
    var lr: Float = 20
    @Option(help: "Gradient clipping (maximum L2 norm).")
    var clip: Float = 0.25
    @Option(help: "Upper epoch limit.")
    var epochs = 40
    @Option(name: .customLong("batch_size"), help: "Batch size.")
    var batchSize = 20
    @Option(help: "Sequence length (truncated BPTT).")
    var bptt = 35
    @Option(help: "Dropout applied to layers (0 = no dropout).")
    var dropout: Float = 0.2
    @Flag(help: "Tie the word embedding and softmax weights.")
    var tied = false
    @Option(help: "Random seed.")
    var seed: UInt64 = 1111
    @Option(name: .customLong("log-interval"), help: "Report interval (batches).")
    var logInterval = 200
    @Option(help: "Path to save the final model.")
    var save = "model.ckpt"
    @Flag(name: .customLong("dry-run"), help: "Run one batch per epoch to check the code.")
    var dryRun = false

    func validate() throws {
        guard LanguageModelCell(rawValue: model) != nil else {
            throw ValidationError("invalid --model '\(model)'; valid choices: \(Model.choices.joined(separator: ", "))")
        }
        if tied && emsize != nhid {
            throw ValidationError("when using --tied, --nhid (\(nhid)) must be equal to --emsize (\(emsize))")
        }
        for (name, value) in [("emsize", emsize), ("nhid", nhid), ("nlayers", nlayers), ("epochs", epochs),
                              ("batch_size", batchSize), ("bptt", bptt), ("log-interval", logInterval)] where value <= 0 {
            throw ValidationError("--\(name) must be positive, got \(value)")
        }
        guard dropout >= 0 && dropout < 1 else { throw ValidationError("--dropout must be in [0, 1), got \(dropout)") }
    }

    func run() throws {
        manualSeed(seed)
        let corpus = try Corpus.load(folder: data)
        let evalBatchSize = 10
        let trainData = Corpus.batchify(corpus.train, batchSize: batchSize)
        let validData = Corpus.batchify(corpus.valid, batchSize: evalBatchSize)
        let testData = Corpus.batchify(corpus.test, batchSize: evalBatchSize)
        let network = try WordLanguageModel(
            cell: LanguageModelCell(rawValue: model)!, vocabularySize: corpus.vocabulary.count,
            embeddingSize: emsize, hiddenSize: nhid, layers: nlayers, dropout: dropout, tied: tied,
            generator: defaultGenerator)
        print("| \(model): \(network.parameterCount) parameters, vocabulary \(corpus.vocabulary.count), BLAS \(BLASConfiguration.summary)")
        let optimizer = SGD(parameters: network.parameters(), lr: lr)
        var bestValidLoss: Float? = nil
        let rule = String(repeating: "-", count: 89)
        for epoch in 1...epochs {
            let epochStart = Date()
            trainEpoch(network, trainData, optimizer: optimizer, epoch: epoch)
            let validLoss = network.evaluate(validData, bptt: bptt)
            print(rule)
            print(String(
                format: "| end of epoch %3d | time: %5.2fs | valid loss %5.2f | valid ppl %8.2f",
                epoch, Date().timeIntervalSince(epochStart), validLoss, Foundation.exp(Double(validLoss))))
            print(rule)
            if bestValidLoss == nil || validLoss < bestValidLoss! {
                try Model.save(network, to: save)
                bestValidLoss = validLoss
            } else {
                // Anneal the learning rate if no improvement has been seen on the validation set.
                optimizer.lr /= 4
            }
        }
        try Model.load(network, from: save)
        let testLoss = network.evaluate(testData, bptt: bptt)
        print(String(repeating: "=", count: 89))
        print(String(format: "| End of training | test loss %5.2f | test ppl %8.2f", testLoss, Foundation.exp(Double(testLoss))))
        print(String(repeating: "=", count: 89))
    }

    /// One pass over the training columns, logging every `logInterval` batches like pytorch/examples.
    func trainEpoch(_ network: WordLanguageModel, _ data: BatchifiedText, optimizer: SGD, epoch: Int) {
        network.train()
        var state: RecurrentState? = network.initialState(batchSize: batchSize)
        var totalLoss: Float = 0
        var intervalStart = Date()
        let batches = (data.rows - 1) / bptt
        for (batch, start) in data.chunkStarts(bptt: bptt).enumerated() {
            let chunk = data.chunk(at: start, bptt: bptt)
            let step = network.trainStep(
                input: chunk.input, targets: chunk.targets, steps: chunk.steps, state: state,
                optimizer: optimizer, clip: clip)
            state = step.state
            totalLoss += step.loss
            if batch % logInterval == 0 && batch > 0 {
                let currentLoss = totalLoss / Float(logInterval)
                let elapsed = Date().timeIntervalSince(intervalStart) * 1000 / Double(logInterval)
                print(String(
                    format: "| epoch %3d | %5d/%5d batches | lr %02.2f | ms/batch %5.2f | loss %5.2f | ppl %8.2f",
                    epoch, batch, batches, optimizer.lr, elapsed, currentLoss, Foundation.exp(Double(currentLoss))))
                totalLoss = 0
                intervalStart = Date()
            }
            if dryRun { break }
        }
    }
}
