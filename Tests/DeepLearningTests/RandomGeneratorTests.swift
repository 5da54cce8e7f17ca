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

    @Test("the double uniform lies in the open interval and is centred in its bin")
    func uniformDouble() {
        let random = RandomGenerator(seed: 0, algorithm: .splitMix64)
        let expected = (Double(UInt64(0xE220_A839_7B1D_CDAF) >> 11) + 0.5) / 9_007_199_254_740_992.0
        #expect(random.nextUniformDouble() == expected)
    }
}
