import Foundation

/// A seeded pseudo-random generator: the same seed gives the same numbers on every run and every
/// machine. Like PyTorch's `torch.Generator`, it is an object whose state advances as it is used.
///
/// The default algorithm is xoshiro256** (seeded through SplitMix64); `.splitMix64` is the plain
/// SplitMix64 stream, which t-SNE's starts have always drawn from (so its results stay the same).
///
/// Threads: `withExclusiveAccess(_:)` and `manualSeed(_:)` hold the generator's lock. Every draw the
/// library makes from a generator it was given or from `defaultGenerator` (random tensors, layer and
/// model initialisation, dropout masks, sampling) is inside `withExclusiveAccess`, so one generator may
/// serve several threads at once, each taking a whole run of the stream. The single draws (`next()`,
/// `nextNormal()`, …) take no lock, to stay a few instructions: a caller drawing them from a generator
/// shared between threads wraps them in `withExclusiveAccess` itself.
public final class RandomGenerator: RandomNumberGenerator, @unchecked Sendable {
    /// Which stream of bits the generator produces.
    public enum Algorithm: Sendable, Equatable {
        /// xoshiro256** (Blackman & Vigna), its four words seeded by SplitMix64.
        case xoshiro256StarStar
        /// SplitMix64 (Steele, Lea & Flood), one word of state that starts at the seed.
        case splitMix64
    }

    /// The algorithm this generator runs.
    public let algorithm: Algorithm
    /// xoshiro256**: all four words. SplitMix64: the first word only.
    private var state: (UInt64, UInt64, UInt64, UInt64)
    /// The second normal deviate of the last Box–Muller pair, if not yet used.
    private var spareNormal: Float?
    /// Held by `withExclusiveAccess` and `manualSeed`; recursive, so that a body may seed or nest.
    private let lock = NSRecursiveLock()

    /// Makes a generator whose stream is fixed by `seed` (and the algorithm).
    public init(seed: UInt64, algorithm: Algorithm = .xoshiro256StarStar) {
        self.algorithm = algorithm
        var splitMix = seed
        switch algorithm {
        case .xoshiro256StarStar:
            state = (
                Self.splitMix64(&splitMix), Self.splitMix64(&splitMix),
                Self.splitMix64(&splitMix), Self.splitMix64(&splitMix))
        case .splitMix64:
            state = (seed, 0, 0, 0)
        }
    }

    /// One step of SplitMix64: advances `state` and returns the next 64 bits.
    @inline(__always)
    private static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Restarts the stream from `seed` (PyTorch's `generator.manual_seed(seed)`).
    public func manualSeed(_ seed: UInt64) {
        let fresh = RandomGenerator(seed: seed, algorithm: algorithm)
        withExclusiveAccess { _ in
            state = fresh.state
            spareNormal = nil
        }
    }

    /// Runs `body` with the generator while no other thread draws through `withExclusiveAccess` or
    /// seeds it: the draws `body` makes are one unbroken run of the stream.
    public func withExclusiveAccess<Result>(_ body: (RandomGenerator) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(self)
    }

    /// The next 64 random bits.
    public func next() -> UInt64 {
        if algorithm == .splitMix64 { return Self.splitMix64(&state.0) }
        var local = state
        let result = Self.xoshiroStep(&local)
        state = local
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
        let first = next()
        let pair = Self.boxMuller(first, next())
        spareNormal = pair.sine
        return pair.cosine
    }

    /// A uniform Double in the open interval (0, 1): 53 random bits, at the centre of their bin.
    public func nextUniformDouble() -> Double {
        (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992.0
    }

    /// A standard normal deviate in Double: Box–Muller on two `nextUniformDouble()` draws, keeping
    /// the cosine only (no spare is saved, unlike `nextNormal()`).
    public func nextNormalDouble() -> Double {
        let u = nextUniformDouble()
        let v = nextUniformDouble()
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
    }

    /// A uniform integer in `0..<upperBound`.
    public func nextInt(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "nextInt(below:) needs a positive bound, got \(upperBound)")
        var source = self  // the protocol's `next(upperBound:)` is mutating; the state lives in the object
        return Int(source.next(upperBound: UInt64(upperBound)))
    }
}

// Bulk draws: the same values, in the same order, as one call per element, with the state held in
// local variables for the whole loop instead of read and written back in the object at every draw.
extension RandomGenerator {
    /// `transform(nextUniform())` for `count` consecutive draws, as an array.
    public func uniformFloats(count: Int, _ transform: (Float) -> Float) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(buffer, count: count) { transform(Float($0 >> 40) * (1.0 / 16_777_216.0)) }
            initialized = count
        }
    }

    /// Of `blockCount · blockLength` consecutive `transform(nextUniform())` draws, cut into blocks of
    /// `blockLength`, only the blocks listed in `kept` (ascending, no repeats), one after another: the
    /// rows of a table that are ever read, for a table drawn row by row whose other rows are never used.
    /// The draws of the other blocks are stepped over without being computed or stored, and the
    /// generator ends where drawing every block leaves it.
    public func uniformFloats(
        blocks kept: [Int], of blockCount: Int, blockLength: Int, _ transform: (Float) -> Float
    ) -> [Float] {
        precondition(zip(kept, kept.dropFirst()).allSatisfy { $0 < $1 }, "uniformFloats(blocks:): the blocks must ascend without repeats")
        precondition(kept.allSatisfy { $0 >= 0 && $0 < blockCount }, "uniformFloats(blocks:): a block is outside 0..<\(blockCount)")
        return [Float](unsafeUninitializedCapacity: kept.count * blockLength) { buffer, initialized in
            var next = 0  // the first block not yet drawn or stepped over
            for (position, block) in kept.enumerated() {
                advance(by: (block - next) * blockLength)
                let slot = UnsafeMutableBufferPointer(rebasing: buffer[(position * blockLength)..<((position + 1) * blockLength)])
                fill(slot, count: blockLength) { transform(Float($0 >> 40) * (1.0 / 16_777_216.0)) }
                next = block + 1
            }
            advance(by: (blockCount - next) * blockLength)
            initialized = kept.count * blockLength
        }
    }

    /// `count` consecutive `nextNormal()` draws, as an array (a spare deviate left by an earlier
    /// draw comes first, and one left by this call stays for the next).
    public func normalFloats(count: Int) -> [Float] {
        guard count > 0 else { return [] }
        if let spare = spareNormal {
            spareNormal = nil
            return [spare] + normalFloats(count: count - 1)
        }
        var draws = [UInt64](repeating: 0, count: 2 * ((count + 1) / 2))
        draws.withUnsafeMutableBufferPointer { fill($0, count: $0.count) { $0 } }
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            for start in stride(from: 0, to: count, by: 2) {
                let pair = Self.boxMuller(draws[start], draws[start + 1])
                buffer[start] = pair.cosine
                if start + 1 < count { buffer[start + 1] = pair.sine } else { spareNormal = pair.sine }
            }
            initialized = count
        }
    }

    /// Moves the stream past `count` `nextNormal()` draws without computing their values: afterwards
    /// the generator is exactly where `normalFloats(count:)` leaves it, a spare deviate included (only
    /// that one is computed). For a start that is drawn and then replaced at once (PyTorch's
    /// `nn.Embedding` N(0, 1), overwritten by pytorch/examples' `init_weights`): each Box–Muller pair
    /// costs a logarithm, a sine and a cosine, a skipped one two steps of the generator.
    public func skipNormals(count: Int) {
        guard count > 0 else { return }
        if spareNormal != nil {
            spareNormal = nil
            skipNormals(count: count - 1)
            return
        }
        advance(by: 2 * (count / 2))
        if count % 2 == 1 {
            let first = next()
            spareNormal = Self.boxMuller(first, next()).sine
        }
    }

    /// `count` steps of the generator, their values unused.
    private func advance(by count: Int) {
        guard algorithm == .xoshiro256StarStar else {
            for _ in 0..<count { _ = next() }
            return
        }
        var local = state
        for _ in 0..<count { _ = Self.xoshiroStep(&local) }
        state = local
    }

    /// The two deviates `nextNormal()` makes from two draws: the cosine one first, the sine one spare.
    @inline(__always)
    static func boxMuller(_ first: UInt64, _ second: UInt64) -> (cosine: Float, sine: Float) {
        // u1 in (0, 1] so that log(u1) is finite.
        let u1 = (Double(first >> 11) + 1) * (1.0 / 9_007_199_254_740_992.0)
        let u2 = Double(second >> 11) * (1.0 / 9_007_199_254_740_992.0)
        let radius = (-2 * Foundation.log(u1)).squareRoot()
        let (sine, cosine) = sineAndCosine(2 * Double.pi * u2)
        return (Float(radius * cosine), Float(radius * sine))
    }

    /// sin x and cos x: glibc's `sincos`, one argument reduction for both (the same values as its
    /// `sin` and `cos`: no difference over 20 million angles in [0, 2π), `-fno-builtin`), else the two calls.
    @inline(__always)
    private static func sineAndCosine(_ x: Double) -> (sine: Double, cosine: Double) {
        guard let sincos = glibcSineCosine else { return (Foundation.sin(x), Foundation.cos(x)) }
        var (sine, cosine) = (0.0, 0.0)
        sincos(x, &sine, &cosine)
        return (sine, cosine)
    }

    /// glibc's `sincos` (a GNU extension that Swift's Glibc module does not export), looked up by name.
    private static let glibcSineCosine: (@convention(c) (Double, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(nil, "sincos") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Double, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void).self)
        #else
        return nil
        #endif
    }()

    /// output[i] = transform(next()) for i in 0 ..< count.
    @inline(__always)
    private func fill<Element>(
        _ output: UnsafeMutableBufferPointer<Element>, count: Int, _ transform: (UInt64) -> Element
    ) {
        guard algorithm == .xoshiro256StarStar else {
            for index in 0..<count { output[index] = transform(next()) }
            return
        }
        var local = state
        for index in 0..<count { output[index] = transform(Self.xoshiroStep(&local)) }
        state = local
    }

    /// One step of xoshiro256** on state held by the caller (the same step as `next()`).
    @inline(__always)
    private static func xoshiroStep(_ s: inout (UInt64, UInt64, UInt64, UInt64)) -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = s.3 << 45 | s.3 >> 19
        return result
    }
}

/// The generator used when none is passed, like PyTorch's default generator. Seed it with `manualSeed(_:)`.
/// One instance for the whole process (a constant: it is reseeded, never replaced, so there is no
/// global variable to race on); the library draws from it only inside `withExclusiveAccess`.
public let defaultGenerator = RandomGenerator(seed: 0)

/// Seeds the default generator, like `torch.manual_seed(seed)`.
public func manualSeed(_ seed: UInt64) {
    defaultGenerator.manualSeed(seed)
}
