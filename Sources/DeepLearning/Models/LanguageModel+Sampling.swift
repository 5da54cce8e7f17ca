import Foundation

extension LanguageModel {
    /// Text drawn from the model as pytorch/examples' `generate.py` draws it: evaluation mode, zero
    /// state, a first input word uniform over the vocabulary (not returned), then `count` times: the
    /// next word from softmax(logits / temperature), fed back as the next input.
    ///
    /// - Returns: the `count` drawn word indices.
    public func sample(count: Int, temperature: Double = 1, generator: RandomGenerator) -> [Int] {
        precondition(temperature > 0, "sample: temperature must be positive, got \(temperature)")
        let wasTraining = isTraining
        eval()
        defer { train(wasTraining) }
        var input = generator.withExclusiveAccess { $0.nextInt(below: vocabularySize) }
        var state: State? = nil
        var words: [Int] = []
        words.reserveCapacity(count)
        noGrad {
            for _ in 0..<count {
                let (logits, next) = self([input], steps: 1, batchSize: 1, state: state)  // (1, V)
                state = next
                input = Self.draw(logits: logits.scalars, temperature: temperature, generator: generator)
                words.append(input)
            }
        }
        return words
    }

    /// An index drawn with probability ∝ exp(logit / temperature) (`torch.multinomial` of the weights).
    static func draw(logits: [Float], temperature: Double, generator: RandomGenerator) -> Int {
        let largest = Double(logits.max() ?? 0)
        let weights = logits.map { Foundation.exp((Double($0) - largest) / temperature) }
        let total = weights.reduce(0, +)
        let bits = generator.withExclusiveAccess { $0.next() }
        let target = Double(bits >> 11) * (1.0 / 9_007_199_254_740_992.0) * total  // [0, total)
        var cumulative = 0.0
        for (index, weight) in weights.enumerated() {
            cumulative += weight
            if target < cumulative { return index }
        }
        return weights.lastIndex(where: { $0 > 0 }) ?? 0
    }
}
