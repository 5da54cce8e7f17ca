import Foundation
import Testing
@testable import DeepLearning

@Suite("Random generator algorithms")
struct RandomGeneratorTests {
    @Test("SplitMix64 gives the published stream for seed 0, and manualSeed keeps the algorithm")
    func splitMix64Stream() {
        let random = RandomGenerator(seed: 0, algorithm: .splitMix64)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        random.manualSeed(0)
        #expect(random.algorithm == .splitMix64)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
    }

    @Test("bulk uniform and normal draws equal one draw per element, spare deviates included, for both algorithms",
          arguments: [RandomGenerator.Algorithm.xoshiro256StarStar, .splitMix64])
    func bulkDrawsMatchSingleDraws(algorithm: RandomGenerator.Algorithm) {
        let bulk = RandomGenerator(seed: 42, algorithm: algorithm)
        let single = RandomGenerator(seed: 42, algorithm: algorithm)
        #expect(bulk.uniformFloats(count: 1001) { 3 * $0 - 1 } == (0..<1001).map { _ in 3 * single.nextUniform() - 1 })
        // An odd count leaves a spare deviate, which the next bulk call and the next single draw use.
        #expect(bulk.normalFloats(count: 7) == (0..<7).map { _ in single.nextNormal() })
        #expect(bulk.normalFloats(count: 4) == (0..<4).map { _ in single.nextNormal() })
        #expect(bulk.normalFloats(count: 1) == [single.nextNormal()])
        #expect(bulk.nextNormal() == single.nextNormal())
        #expect(bulk.normalFloats(count: 0).isEmpty)
        #expect(bulk.next() == single.next())
    }

    @Test("drawing only some blocks gives those blocks of the full draw and ends where the full draw ends",
          arguments: [RandomGenerator.Algorithm.xoshiro256StarStar, .splitMix64])
    func keptBlocksMatchTheFullDraw(algorithm: RandomGenerator.Algorithm) {
        let blockLength = 5, blockCount = 40
        for kept in [[], [0], [39], [0, 1, 2], [3, 17, 18, 30, 39], Array(0..<40)] {
            let partial = RandomGenerator(seed: 8, algorithm: algorithm)
            let full = RandomGenerator(seed: 8, algorithm: algorithm)
            let table = full.uniformFloats(count: blockCount * blockLength) { 2 * $0 - 1 }
            let expected = kept.flatMap { table[($0 * blockLength)..<(($0 + 1) * blockLength)] }
            #expect(partial.uniformFloats(blocks: kept, of: blockCount, blockLength: blockLength) { 2 * $0 - 1 } == expected,
                    "blocks \(kept)")
            #expect(partial.next() == full.next(), "the stream after blocks \(kept)")
        }
    }

    @Test("skipping normal draws leaves the generator where drawing them does, spare deviate included",
          arguments: [RandomGenerator.Algorithm.xoshiro256StarStar, .splitMix64])
    func skipNormalsMatchesDrawing(algorithm: RandomGenerator.Algorithm) {
        let skipping = RandomGenerator(seed: 21, algorithm: algorithm)
        let drawing = RandomGenerator(seed: 21, algorithm: algorithm)
        for count in [0, 1, 2, 7, 1000, 3] {
            skipping.skipNormals(count: count)
            _ = drawing.normalFloats(count: count)
            #expect(skipping.nextNormal() == drawing.nextNormal(), "after skipping \(count)")
            #expect(skipping.nextUniform() == drawing.nextUniform(), "after skipping \(count)")
        }
    }

    @Test("normal deviates are Box–Muller's radius·cos and radius·sin of the two draws, in that order")
    func boxMullerFormula() {
        let generator = RandomGenerator(seed: 5), draws = RandomGenerator(seed: 5)
        for _ in 0..<1000 {
            let u1 = (Double(draws.next() >> 11) + 1) / 9_007_199_254_740_992.0
            let u2 = Double(draws.next() >> 11) / 9_007_199_254_740_992.0
            let radius = (-2 * Foundation.log(u1)).squareRoot()
            #expect(generator.nextNormal() == Float(radius * Foundation.cos(2 * Double.pi * u2)))
            #expect(generator.nextNormal() == Float(radius * Foundation.sin(2 * Double.pi * u2)))
        }
    }

    @Test("the double uniform lies in the open interval and is centred in its bin")
    func uniformDouble() {
        let random = RandomGenerator(seed: 0, algorithm: .splitMix64)
        let expected = (Double(UInt64(0xE220_A839_7B1D_CDAF) >> 11) + 0.5) / 9_007_199_254_740_992.0
        #expect(random.nextUniformDouble() == expected)
    }
}
