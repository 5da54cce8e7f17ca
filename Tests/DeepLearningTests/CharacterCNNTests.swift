import Foundation
import Testing
@testable import DeepLearning

@Suite("Character-aware word encoder")
struct CharacterCNNTests {
    @Test("words are spelt as Kim's BatchLoaderUnk does: { letters }, <unk> as |, <eos> as +, padded per batch")
    func spelling() {
        var vocabulary = Vocabulary()
        for word in ["the", "<unk>", "<eos>", "a{b}", "cat"] { _ = vocabulary.add(word) }
        let characters = CharacterVocabulary(vocabulary)
        #expect(characters.characters == [" ", "{", "}", "t", "h", "e", "|", "+", "a", "b", "c"])
        #expect(characters.spellings[0] == [1, 3, 4, 5, 2])
        #expect(characters.spellings[1] == [1, 6, 2] && characters.spellings[2] == [1, 7, 2])
        #expect(characters.spellings[3] == [1, 8, 9, 2])
        let batch = characters.padded([1, 4], minimumLength: 3)
        #expect(batch.length == 5 && batch.indices == [1, 6, 2, 0, 0, 1, 10, 8, 3, 2] && batch.lengths == [3, 5])
        #expect(characters.padded([1], minimumLength: 7).length == 7)
    }

    @Test("convolutions of two widths, tanh and max over time, against finite differences in Double")
    func finiteDifferences() {
        let cnn = CharacterCNN(characters: 6, characterSize: 3, filterWidths: [1, 3], featureMaps: [2, 3], generator: RandomGenerator(seed: 1))
        #expect(cnn.outputSize == 5 && cnn.embedding.weight.scalars.prefix(3) == [0, 0, 0])
        let words = [1, 4, 5, 2, 0, 1, 3, 2, 0, 0]  // two words of 4 and 3 characters padded to 5
        let parameters = cnn.parameters()  // embedding, conv 0 weight, bias, conv 1 weight, bias
        expectMatchesReference(parameters, { _ in cnn(words, lengths: [4, 3], length: 5) }) { x in
            var y = DoubleTensor.zeros([2, 5])
            var offset = 0
            for (layer, maps) in [(1, 2), (3, 3)].enumerated() {
                let (weight, bias, width) = (x[1 + 2 * layer], x[2 + 2 * layer], maps.0)
                for u in 0..<2 {
                    for f in 0..<maps.1 {
                        var best = -Double.infinity
                        for start in 0...Swift.max(0, [4, 3][u] - width) {
                            var total = bias[f]
                            for k in 0..<width where words[u * 5 + start + k] != 0 {
                                for c in 0..<3 { total += weight[f, c, k] * x[0][words[u * 5 + start + k], c] }
                            }
                            best = Swift.max(best, Foundation.tanh(total))
                        }
                        y[u, offset + f] = best
                    }
                }
                offset += maps.1
            }
            return y
        }
        #expect(cnn.embedding.weight.grad!.scalars.prefix(3) == [0, 0, 0], "padding gets no gradient")
    }

    @Test("a word's features do not depend on how far its batch is padded; a short word keeps one window")
    func paddingIndependence() {
        let cnn = CharacterCNN(characters: 6, characterSize: 3, filterWidths: [2, 4], featureMaps: [2, 2], generator: RandomGenerator(seed: 2))
        let short = cnn([1, 3, 2, 0], lengths: [3], length: 4).scalars
        let padded = cnn([1, 3, 2, 0, 0, 0, 0], lengths: [3], length: 7).scalars
        expectClose(padded, short, atol: 1e-6)
        #expect(CharacterCNN.windowMask([3, 6], width: 4, length: 6).scalars == [0, -.infinity, -.infinity, 0, 0, 0])
    }
}
