import Foundation

/// A token stream cut into `batchSize` parallel columns, pytorch/examples' `batchify`: the tail that
/// does not fill a whole row is dropped, and column j holds the j-th consecutive slice of the text.
///
/// Layout: `tokens` is (rows, batchSize) row-major, so row t is time step t of every column.
public struct BatchifiedText: Sendable {
    /// Token indices, (rows, batchSize) row-major.
    public let tokens: [Int]
    /// Steps per column.
    public let rows: Int
    /// Parallel columns (N).
    public let batchSize: Int

    /// Splits `stream` into `batchSize` columns of `stream.count / batchSize` tokens.
    public init(_ stream: [Int], batchSize: Int) {
        precondition(batchSize > 0, "batchify: batch size must be positive, got \(batchSize)")
        let rows = stream.count / batchSize
        self.rows = rows
        self.batchSize = batchSize
        var tokens = [Int](repeating: 0, count: rows * batchSize)
        for column in 0..<batchSize {
            for row in 0..<rows { tokens[row * batchSize + column] = stream[column * rows + row] }
        }
        self.tokens = tokens
    }

    /// The chunk starting at row `start` (`get_batch`): inputs rows start..<start+T and targets rows
    /// start+1..<start+1+T, with T = min(bptt, rows − 1 − start). Both are (T, N) row-major.
    public func chunk(at start: Int, bptt: Int) -> (input: [Int], targets: [Int], steps: Int) {
        let steps = Swift.min(bptt, rows - 1 - start)
        let input = Array(tokens[(start * batchSize)..<((start + steps) * batchSize)])
        let targets = Array(tokens[((start + 1) * batchSize)..<((start + 1 + steps) * batchSize)])
        return (input, targets, steps)
    }

    /// The start rows of the chunks of one pass: 0, bptt, 2·bptt, … below rows − 1.
    public func chunkStarts(bptt: Int) -> StrideTo<Int> { stride(from: 0, to: rows - 1, by: bptt) }
}
