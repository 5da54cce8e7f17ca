import Foundation
import Testing

/// `train-lm` run as a program: the model names and flags in `--help`, a dry run of every new model on a
/// small corpus, and bad flags refused with exit 2.
@Suite("train-lm end to end")
struct TrainLMEndToEndTests {
    static let newModels = ["GatedCNN", "GatedCNN+LSTM", "CharCNN", "LSTM+Attention", "LSTM+Context"]

    /// A folder with train/valid/test texts of a seven-word cycle.
    static func corpus(in binary: FolioBinary) throws -> String {
        let folder = binary.folder.appendingPathComponent("ptb")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let line = "the cat sat on a red mat\n"
        for (name, lines) in [("train", 60), ("valid", 10), ("test", 10)] {
            try String(repeating: line, count: lines).write(
                to: folder.appendingPathComponent("\(name).txt"), atomically: true, encoding: .utf8)
        }
        return folder.path
    }

    @Test("--help lists every model and the new models' flags")
    func help() throws {
        let run = try FolioBinary().run(["--help"], program: "train-lm")
        #expect(run.status == 0)
        let help = run.output.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        #expect(help.contains("LSTM, GRU, RNN_TANH, RNN_RELU, GatedCNN, GatedCNN+LSTM, CharCNN, LSTM+Attention, LSTM+Context"))
        for flag in ["--kernel-width", "--cnn-layers", "--char-emsize", "--filter-widths", "--feature-maps", "--highway-layers"] {
            #expect(help.contains(flag), "\(flag)")
        }
    }

    @Test("a dry run of each new model trains, validates and tests, and records its settings", arguments: newModels)
    func dryRun(model: String) throws {
        let binary = try FolioBinary()
        let run = try binary.run(
            ["--data", try Self.corpus(in: binary), "--model", model, "--emsize", "8", "--nhid", "8", "--nlayers", "1",
             "--epochs", "2", "--batch_size", "2", "--bptt", "5", "--cnn-layers", "2", "--kernel-width", "3",
             "--char-emsize", "4", "--filter-widths", "1,2", "--feature-maps", "3,3", "--dry-run", "--record", "run.json"],
            program: "train-lm")
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("| \(model): "))
        #expect(run.output.contains("| End of training | test loss"))
        let record = try JSONSerialization.jsonObject(with: Data(try binary.read("run.json").utf8)) as! [String: Any]
        let config = record["config"] as! [String: Any]
        #expect(config["model"] as? String == model)
        #expect((record["step_losses"] as! [Any]).count == 2)
        #expect((config["cnn_layers"] as? Int) == (model.hasPrefix("GatedCNN") ? 2 : nil))
        #expect((config["filter_widths"] as? [Int]) == (model == "CharCNN" ? [1, 2] : nil))
    }

    @Test("bad settings of the new models exit 2 with the reason", arguments: [
        (["--model", "CharCNN", "--feature-maps", "3,x"], "--feature-maps must be comma-separated whole numbers, got '3,x'"),
        (["--model", "CharCNN", "--filter-widths", "1,2", "--feature-maps", "3"], "feature_maps must give one count per filter width: 2 filter widths, 1 feature map counts"),
        (["--model", "GatedCNN", "--kernel-width", "0"], "kernel_width must be positive, got 0"),
        (["--model", "Transformer"], "invalid model 'Transformer'; valid choices: LSTM, GRU, RNN_TANH, RNN_RELU, GatedCNN"),
    ])
    func badSettings(arguments: [String], message: String) throws {
        let run = try FolioBinary().run(arguments, program: "train-lm")
        #expect(run.status == 2)
        #expect(run.error.contains(message), "\(run.error)")
    }
}
