import Foundation

/// fastText's skip-gram model: an input table (a row per word and per n-gram bucket) and an output
/// table (a row per word). A word's hidden vector is the mean of its input rows; the score of a
/// context word c is σ(v_c · h).
public final class SkipGramModel {
    /// The length of each vector, D.
    public let dimension: Int
    /// (words + buckets, D), row-major; uniform in ±1/D at the start, as in fastText.
    public private(set) var input: [Float]
    /// (words, D), row-major; zero at the start.
    public private(set) var output: [Float]
    private var hidden: [Float]
    private var gradient: [Float]

    /// A model with `inputRows` input rows and `outputRows` output rows of width `dimension`.
    public convenience init(inputRows: Int, outputRows: Int, dimension: Int, generator: RandomGenerator) {
        let bound = 1 / Float(dimension)
        // 200 million draws for fastText's 2 million buckets, in one bulk call (a `map` over
        // `nextUniform()` took twice as long).
        let input = generator.withExclusiveAccess { source in
            source.uniformFloats(count: inputRows * dimension) { ($0 * 2 - 1) * bound }
        }
        self.init(input: input, outputRows: outputRows, dimension: dimension)
    }

    /// A model whose input table holds only the rows `keptRows` (ascending, no repeats) of a table of
    /// `inputRows` rows: row `keptRows[i]` of that table is row i here, with the same starting values,
    /// and the generator ends where drawing the whole table leaves it. `update` and `vector` then take
    /// positions in `keptRows`.
    public convenience init(inputRows: Int, keeping keptRows: [Int], outputRows: Int, dimension: Int, generator: RandomGenerator) {
        let bound = 1 / Float(dimension)
        let input = generator.withExclusiveAccess { source in
            source.uniformFloats(blocks: keptRows, of: inputRows, blockLength: dimension) { ($0 * 2 - 1) * bound }
        }
        self.init(input: input, outputRows: outputRows, dimension: dimension)
    }

    /// A model starting from `input`, its output rows at zero.
    private init(input: [Float], outputRows: Int, dimension: Int) {
        self.dimension = dimension
        self.input = input
        output = [Float](repeating: 0, count: outputRows * dimension)
        hidden = [Float](repeating: 0, count: dimension)
        gradient = [Float](repeating: 0, count: dimension)
    }

    /// One SGD step on one (word, context) pair with negative sampling, exactly as fastText's
    /// `Model::update` does it for skip-gram:
    ///
    ///     h = mean of input[rows]                                    (D)
    ///     L = −log σ(v_target · h) − Σₖ log σ(−v_negₖ · h)
    ///     for each output row o ∈ {target, negatives}, label y ∈ {1, 0}:
    ///         α = lr · (y − σ(v_o · h));  g += α v_o;  v_o += α h      (α h = −lr ∂L/∂v_o)
    ///     input[r] += g for every r ∈ rows                            (g = −lr ∂L/∂h)
    ///
    /// fastText adds the whole g to every input row, not g / |rows| (the exact gradient of the mean);
    /// we keep its rule. Returns L (before the step).
    @discardableResult
    public func update(rows: [Int], target: Int, negatives: [Int], learningRate: Float) -> Float {
        guard !rows.isEmpty else { return 0 }
        let width = dimension
        return input.withUnsafeMutableBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                hidden.withUnsafeMutableBufferPointer { hidden in
                    gradient.withUnsafeMutableBufferPointer { gradient in
                        meanOfRows(input, rows, into: hidden, width: width)
                        for k in 0..<width { gradient[k] = 0 }
                        var loss = logisticStep(output, row: target, label: 1, hidden, gradient, learningRate, width)
                        for negative in negatives {
                            loss += logisticStep(output, row: negative, label: 0, hidden, gradient, learningRate, width)
                        }
                        for row in rows { addRow(gradient, to: input, row: row, width: width) }
                        return loss
                    }
                }
            }
        }
    }

    /// The mean of a word's input rows: its vector.
    public func vector(rows: [Int]) -> [Float] {
        var result = [Float](repeating: 0, count: dimension)
        guard !rows.isEmpty else { return result }
        for row in rows {
            for k in 0..<dimension { result[k] += input[row * dimension + k] }
        }
        let scale = 1 / Float(rows.count)
        return result.map { $0 * scale }
    }

    /// Loss of one output row with label y; adds α v_o to the gradient, then moves v_o by α h.
    private func logisticStep(_ output: UnsafeMutableBufferPointer<Float>, row: Int, label: Float,
                              _ hidden: UnsafeMutableBufferPointer<Float>, _ gradient: UnsafeMutableBufferPointer<Float>,
                              _ learningRate: Float, _ width: Int) -> Float {
        let base = row * width
        var dot: Float = 0
        for k in 0..<width { dot += output[base + k] * hidden[k] }
        let score = 1 / (1 + Foundation.exp(-dot))
        let alpha = learningRate * (label - score)
        for k in 0..<width {
            gradient[k] += alpha * output[base + k]
            output[base + k] += alpha * hidden[k]
        }
        // −log σ(s) for the context word, −log σ(−s) = −log(1 − σ(s)) for a negative; both stable.
        let signed = label == 1 ? dot : -dot
        return signed > 0 ? Foundation.log1p(Foundation.exp(-signed)) : -signed + Foundation.log1p(Foundation.exp(signed))
    }

    private func meanOfRows(_ input: UnsafeMutableBufferPointer<Float>, _ rows: [Int],
                            into hidden: UnsafeMutableBufferPointer<Float>, width: Int) {
        for k in 0..<width { hidden[k] = 0 }
        for row in rows {
            let base = row * width
            for k in 0..<width { hidden[k] += input[base + k] }
        }
        let scale = 1 / Float(rows.count)
        for k in 0..<width { hidden[k] *= scale }
    }

    private func addRow(_ gradient: UnsafeMutableBufferPointer<Float>, to input: UnsafeMutableBufferPointer<Float>,
                        row: Int, width: Int) {
        let base = row * width
        for k in 0..<width { input[base + k] += gradient[k] }
    }
}
