import Foundation

/// A seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64): the same seed gives the
/// same numbers on every run and every machine. Like PyTorch's `torch.Generator`, it is an object whose
/// state advances as it is used.
public final class RandomGenerator: RandomNumberGenerator {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    /// The second normal deviate of the last Box–Muller pair, if not yet used.
    private var spareNormal: Float?

    /// Makes a generator whose stream is fixed by `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    /// Restarts the stream from `seed` (PyTorch's `generator.manual_seed(seed)`).
    public func manualSeed(_ seed: UInt64) {
        let fresh = RandomGenerator(seed: seed)
        state = fresh.state
        spareNormal = nil
    }

    /// The next 64 random bits.
    public func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// A uniform float in [0, 1) with 24 random bits.
    public func nextUniform() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A standard normal deviate (Box–Muller, computed in Double).
    public func nextNormal() -> Float {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        // u1 in (0, 1] so that log(u1) is finite.
        let u1 = (Double(next() >> 11) + 1) * (1.0 / 9_007_199_254_740_992.0)
        let u2 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
        let radius = (-2 * Foundation.log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spareNormal = Float(radius * Foundation.sin(angle))
        return Float(radius * Foundation.cos(angle))
    }

    /// A uniform integer in `0..<upperBound`.
    public func nextInt(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "nextInt(below:) needs a positive bound, got \(upperBound)")
        var source = self  // the protocol's `next(upperBound:)` is mutating; the state lives in the object
        return Int(source.next(upperBound: UInt64(upperBound)))
    }

    @inline(__always) private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}

/// The generator used when none is passed, like PyTorch's default generator. Seed it with `manualSeed(_:)`.
public var defaultGenerator = RandomGenerator(seed: 0)

/// Seeds the default generator, like `torch.manual_seed(seed)`.
public func manualSeed(_ seed: UInt64) {
    defaultGenerator.manualSeed(seed)
}
