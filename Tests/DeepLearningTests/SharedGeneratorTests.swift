import Foundation
import Testing
@testable import DeepLearning

/// One generator drawn from on two threads at once: each of the library's initialisers takes one
/// unbroken run of the stream (it holds the generator's lock), so its values are exactly a block of
/// the single-threaded stream, and the two blocks are the first and the second, in either order.
@Suite("Library draws from a shared generator")
struct SharedGeneratorTests {
    /// The two threads' values, each compared with the two consecutive blocks of `reference`.
    static func expectUnbrokenRuns(_ runs: [[Float]], reference: [Float]) {
        let count = runs[0].count
        let first = Array(reference[..<count]), second = Array(reference[count..<(2 * count)])
        #expect(runs[1].count == count)
        #expect((runs[0] == first && runs[1] == second) || (runs[0] == second && runs[1] == first))
    }

    @Test("word-LM embedding and decoder initialisation on two threads: each one block of the stream")
    func embeddingAndDecoder() {
        let vocabulary = 400, width = 50, seed: UInt64 = 17
        let modules = (0..<2).map { k in
            (Embedding(numEmbeddings: vocabulary, embeddingDim: width, generator: RandomGenerator(seed: UInt64(k))),
             Linear(inFeatures: width, outFeatures: vocabulary, generator: RandomGenerator(seed: UInt64(k))))
        }
        let shared = RandomGenerator(seed: seed)
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            WordLanguageModel.initialiseEmbeddingAndDecoder(
                encoder: modules[k].0, decoder: modules[k].1, tied: false, generator: shared)
        }
        let single = RandomGenerator(seed: seed)
        let reference = (0..<(4 * vocabulary * width)).map { _ in -0.1 + 0.2 * single.nextUniform() }
        Self.expectUnbrokenRuns(
            modules.map { $0.0.weight.scalars + $0.1.weight.scalars }, reference: reference)
    }

    @Test("skip-gram input tables made on two threads: each one block of the stream")
    func skipGramTables() {
        let rows = 20_000, dimension = 10, seed: UInt64 = 5
        let shared = RandomGenerator(seed: seed)
        let tables = LockedBox<[[Float]]>([[], []])
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            let model = SkipGramModel(inputRows: rows, outputRows: 1, dimension: dimension, generator: shared)
            tables.update { $0[k] = model.input }
        }
        let single = RandomGenerator(seed: seed), bound = 1 / Float(dimension)
        let reference = (0..<(2 * rows * dimension)).map { _ in (single.nextUniform() * 2 - 1) * bound }
        Self.expectUnbrokenRuns(tables.value, reference: reference)
    }
}

/// A value that threads update under a lock.
private final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
    func update(_ body: (inout Value) -> Void) { lock.lock(); defer { lock.unlock() }; body(&stored) }
}
