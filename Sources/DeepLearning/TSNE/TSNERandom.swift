import Foundation

/// SplitMix64: a small seeded generator, so that a t-SNE run with the same seed gives the same
/// numbers everywhere (independent of the library's tensor random generator).
struct TSNERandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    mutating func nextUniform() -> Double {
        (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992.0
    }

    /// Standard normal (Box–Muller).
    mutating func nextNormal() -> Double {
        let u = nextUniform()
        let v = nextUniform()
        return sqrt(-2 * log(u)) * cos(2 * Double.pi * v)
    }
}
