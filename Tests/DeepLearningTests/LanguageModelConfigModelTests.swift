import Foundation
import Testing
@testable import DeepLearning

@Suite("Configuration of the gated CNN and character-aware models")
struct LanguageModelConfigModelTests {
    static func keys(_ config: LanguageModelConfig) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(config)) as! [String: Any]
        return Set(object.keys)
    }

    static let newKeys: Set<String> = ["kernel_width", "cnn_layers", "char_emsize", "filter_widths", "feature_maps", "highway_layers"]

    @Test("each model writes only its own settings; an LSTM record keeps the keys it had")
    func encoding() throws {
        var config = LanguageModelConfig(model: "LSTM", emsize: 10, nhid: 10, nlayers: 1, epochs: 1)
        #expect(try Self.keys(config).isDisjoint(with: Self.newKeys))
        #expect(try Self.keys(config).count == 20)
        config.model = "GatedCNN+LSTM"
        #expect(try Self.keys(config).intersection(Self.newKeys) == ["kernel_width", "cnn_layers"])
        config.model = "CharCNN"
        #expect(try Self.keys(config).intersection(Self.newKeys) == ["char_emsize", "filter_widths", "feature_maps", "highway_layers"])
    }

    @Test("settings round-trip through JSON, and missing ones read as the defaults")
    func decoding() throws {
        let config = LanguageModelConfig(
            model: "CharCNN", emsize: 10, nhid: 20, nlayers: 2, epochs: 3, charEmsize: 7, filterWidths: [2, 3],
            featureMaps: [5, 6], highwayLayers: 2)
        #expect(try JSONDecoder().decode(LanguageModelConfig.self, from: JSONEncoder().encode(config)) == config)
        let old = #"{"model": "GatedCNN", "emsize": 100, "nhid": 100, "nlayers": 1, "epochs": 20}"#
        let read = try JSONDecoder().decode(LanguageModelConfig.self, from: Data(old.utf8))
        #expect(read.kernelWidth == 4 && read.cnnLayers == 10 && read.charEmsize == 15 && read.highwayLayers == 1)
        #expect(read.filterWidths == [1, 2, 3, 4, 5, 6, 7] && read.featureMaps == [50, 100, 150, 200, 200, 200, 200])
    }

    /// An LSTM 10 × 10 configuration changed by `body`.
    static func changed(_ body: (inout LanguageModelConfig) -> Void) -> LanguageModelConfig {
        var config = LanguageModelConfig(model: "LSTM", emsize: 10, nhid: 10, nlayers: 1, epochs: 1)
        body(&config)
        return config
    }

    @Test("invalid settings are refused with readable errors", arguments: [
        (changed { $0.model = "Transformer" }, "invalid model 'Transformer'; valid choices: LSTM, GRU, RNN_TANH, RNN_RELU, GatedCNN, GatedCNN+LSTM, CharCNN, LSTM+Attention, LSTM+Context"),
        (changed { $0.model = "GatedCNN"; $0.kernelWidth = 0 }, "kernel_width must be positive, got 0"),
        (changed { $0.model = "GatedCNN+LSTM"; $0.cnnLayers = -1 }, "cnn_layers must be positive, got -1"),
        (changed { $0.model = "CharCNN"; $0.featureMaps = [5] }, "feature_maps must give one count per filter width: 7 filter widths, 1 feature map counts"),
        (changed { $0.model = "CharCNN"; $0.filterWidths = []; $0.featureMaps = [] }, "filter_widths must list at least one value"),
        (changed { $0.model = "CharCNN"; $0.filterWidths = [1, 0]; $0.featureMaps = [2, 2] }, "filter_widths must be positive, got 0"),
        (changed { $0.model = "CharCNN"; $0.highwayLayers = -1 }, "highway_layers must not be negative, got -1"),
        (changed { $0.model = "CharCNN"; $0.charEmsize = 0 }, "char_emsize must be positive, got 0"),
        (changed { $0.model = "CharCNN"; $0.tied = true }, "model CharCNN cannot tie its weights: its decoder does not read a word embedding"),
        (changed { $0.model = "LSTM+Context"; $0.tied = true }, "model LSTM+Context cannot tie its weights: its decoder does not read a word embedding"),
    ])
    func validation(config: LanguageModelConfig, message: String) {
        #expect(throws: LanguageModelConfigError.self) { try config.validate() }
        do { try config.validate() } catch { #expect(error.description == message) }
    }

    @Test("the settings of other models are not checked: an LSTM with kernel_width 0 is valid")
    func otherModelsSettingsIgnored() throws {
        var config = LanguageModelConfig(model: "LSTM", emsize: 10, nhid: 10, nlayers: 1, epochs: 1)
        (config.kernelWidth, config.featureMaps) = (0, [])
        try config.validate()
        config.model = "LSTM+Attention"
        config.tied = true
        try config.validate()
    }
}
