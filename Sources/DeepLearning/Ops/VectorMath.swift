/// Vectorised transcendental functions on `SIMD8<Float>`: exp, and tanh and sigmoid built on it.
///
/// The width is measured, not guessed (7 million exps, thread CPU time, best of 12, under load). On the
/// x86-64 baseline (SSE2) build, once the clamp no longer called out of line: SIMD4 14 ms, SIMD8 12.5 ms;
/// glibc's scalar `expf` 27–35 ms. Built for Haswell (AVX2 and FMA): SIMD4 11 ms, SIMD8 6 ms. (Earlier,
/// with the out-of-line clamp: SIMD4 25 ms, SIMD8 31 ms, SIMD16 127 ms from register spills.) So every
/// kernel here, the element-wise maps and the fused row kernels (`RowKernels`) alike, works on 8 lanes:
/// moving sigmoid and tanh from 4 to 8 lanes took the LSTM cell's share of `folio-bench lm`'s evaluation
/// under `perf record` from 4.7% to 2.7% (the cell and the tanh it calls).
///
/// exp uses Cody–Waite range reduction x = n·ln2 + r with |r| ≤ ln2/2 and the Cephes `expf` minimax
/// polynomial, e^r ≈ 1 + r + r²·P(r); then scales by 2ⁿ through the exponent bits, in two halves so that
/// results near the overflow and underflow ends (including subnormals) stay right. Rounding to the
/// nearest integer uses the 1.5·2²³ trick, so only SSE2 instructions are needed; with `DEEPLEARNING_FMA`
/// (see `multiplyAdd`) the polynomial uses fused multiply-adds. Measured relative error against Double
/// `exp` is in `VectorMathTests` and `RowKernelTests`.
///
/// Each function is written for this one concrete width: generic lane comparisons, even specialised,
/// compiled to a loop over lanes through the stack (measured: 5× slower row loops).
public enum VectorMath {
    /// Eight lanes: the width every kernel here works on (one AVX register, two SSE registers).
    public typealias Vector = SIMD8<Float>

    /// eˣ for every lane.
    ///
    /// The clamp is written as compare-and-select: `clamped(lowerBound:upperBound:)` compiled to two
    /// out-of-line calls per vector and made exp twice as slow. A NaN fails both comparisons, stays
    /// NaN through the arithmetic and comes out NaN without a separate select.
    @inline(__always)
    public static func exp(_ x: Vector) -> Vector {
        let low = Vector(repeating: -104), high = Vector(repeating: 89)
        var clampedX = x.replacing(with: low, where: x .< low)
        clampedX = clampedX.replacing(with: high, where: clampedX .> high)
        let (y, n) = reducedExp(clampedX)
        // 2ⁿ = 2^(n/2) · 2^(n − n/2), each factor a normal float.
        let half = n &>> 1
        let scaleA = unsafeBitCast((half &+ 127) &<< 23, to: Vector.self)
        let scaleB = unsafeBitCast((n &- half &+ 127) &<< 23, to: Vector.self)
        return y * scaleA * scaleB
    }

    /// eˣ for lanes x ≤ 0 that are summed in a log-sum-exp: a value minus the largest of its row, so the
    /// sum has a term e⁰ = 1. Lanes below −87 (a NaN apart) give e⁻⁸⁷ ≈ 1.6·10⁻³⁸ instead of their own
    /// exponential, smaller still: each differs from the exact value by less than 1.7·10⁻³⁸, so a row
    /// of n terms by less than n·1.7·10⁻³⁸, far below the half-ulp (6·10⁻⁸) of a sum of at least 1. In
    /// return there is one clamp instead of two and a single exponent scale (2ⁿ with n ≥ −126 is a
    /// normal float): `exp` without the cases this use cannot reach. Lanes from −87 to 0 are bit for
    /// bit `exp`'s (tested).
    @inline(__always)
    public static func expForLogSumExp(_ x: Vector) -> Vector {
        let low = Vector(repeating: -87)
        let (y, n) = reducedExp(x.replacing(with: low, where: x .< low))
        return y * unsafeBitCast((n &+ 127) &<< 23, to: Vector.self)
    }

    /// The two halves of eˣ = y·2ⁿ for clamped lanes, shared by both exps: n = round(x / ln 2) and
    /// y = e^r with r = x − n·ln 2 (|r| ≤ ln2/2), by Cephes' polynomial. The caller scales by 2ⁿ.
    @inline(__always)
    private static func reducedExp(_ x: Vector) -> (y: Vector, n: SIMD8<Int32>) {
        typealias V = Vector
        // n = round(x / ln 2), through the magic constant 1.5·2²³.
        let magic = V(repeating: 12_582_912)
        let shifted = multiplyAdd(x, V(repeating: 1.442_695_040_888_963_4), magic)
        let n = shifted - magic
        let nInt = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        // r = x − n·ln 2, with ln 2 split in a high part (exact in few bits) and a low correction.
        var r = multiplyAdd(n, V(repeating: -0.693_359_375), x)
        r = multiplyAdd(n, V(repeating: 2.121_944_4e-4), r)
        var p = V(repeating: 1.987_569_15e-4)
        p = multiplyAdd(p, r, V(repeating: 1.398_199_950_7e-3))
        p = multiplyAdd(p, r, V(repeating: 8.333_451_907_3e-3))
        p = multiplyAdd(p, r, V(repeating: 4.166_579_589_4e-2))
        p = multiplyAdd(p, r, V(repeating: 1.666_666_545_9e-1))
        p = multiplyAdd(p, r, V(repeating: 5.000_000_120_1e-1))
        return (multiplyAdd(p, r * r, r) + 1, nInt)
    }

    /// a·b + c, as one fused instruction when the package is built with `DEEPLEARNING_FMA` (set in
    /// Package.swift together with `-target-cpu haswell` when the build machine has AVX2 and FMA), else
    /// as a multiply then an add (a fused multiply-add without hardware support would be a libm call
    /// per lane). Both orders give the same value up to the one rounding FMA saves.
    @inline(__always)
    static func multiplyAdd(_ a: Vector, _ b: Vector, _ c: Vector) -> Vector {
        #if DEEPLEARNING_FMA
        return c.addingProduct(a, b)
        #else
        return a * b + c
        #endif
    }

    /// tanh for every lane: an odd polynomial (Cephes `tanhf`) for |x| < 0.625, 1 − 2/(e^{2x} + 1) beyond.
    @inline(__always)
    public static func tanh(_ x: Vector) -> Vector {
        let z = x * x
        var p = Vector(repeating: -5.704_988_727_45e-3)
        p = p * z + 2.063_908_879_54e-2
        p = p * z - 5.373_971_555_31e-2
        p = p * z + 1.333_144_220_36e-1
        p = p * z - 3.333_328_194_22e-1
        let small = p * z * x + x
        let large = 1 - 2 / (exp(2 * x) + 1)
        let absX = x.replacing(with: -x, where: x .< 0)
        return large.replacing(with: small, where: absX .< 0.625)
    }

    /// The logistic function 1/(1 + e^{−x}) for every lane.
    @inline(__always)
    public static func sigmoid(_ x: Vector) -> Vector {
        1 / (1 + exp(-x))
    }

    /// Applies a vector function to `count` floats from `source` into `target` (which may be the same).
    @inline(__always)
    public static func apply(
        _ function: (Vector) -> Vector, _ source: UnsafePointer<Float>, _ target: UnsafeMutablePointer<Float>,
        count: Int
    ) {
        var i = 0
        let width = Vector.scalarCount
        while i + width <= count {
            let v = UnsafeRawPointer(source + i).loadUnaligned(as: Vector.self)
            UnsafeMutableRawPointer(target + i).storeBytes(of: function(v), as: Vector.self)
            i += width
        }
        if i < count {
            var tail = Vector(repeating: 0)
            for j in 0..<(count - i) { tail[j] = source[i + j] }
            let result = function(tail)
            for j in 0..<(count - i) { target[i + j] = result[j] }
        }
    }

    /// Applies a vector function to every element of an array, over several threads for large arrays.
    @inline(__always)
    static func map(_ values: [Float], _ function: (Vector) -> Vector) -> [Float] {
        let n = values.count
        if n == 0 { return [] }
        return [Float](unsafeUninitializedCapacity: n) { out, initialized in
            values.withUnsafeBufferPointer { input in
                let source = input.baseAddress!, target = out.baseAddress!
                Parallel.forEachChunk((n + 15) / 16, costPerItem: 16 * 4) { blocks in
                    let start = blocks.lowerBound * 16
                    let end = Swift.min(blocks.upperBound * 16, n)
                    apply(function, source + start, target + start, count: end - start)
                }
            }
            initialized = n
        }
    }

    /// eˣ for every element.
    public static func exp(_ values: [Float]) -> [Float] { map(values, exp) }
    /// tanh for every element.
    public static func tanh(_ values: [Float]) -> [Float] { map(values, tanh) }
    /// The logistic function for every element.
    public static func sigmoid(_ values: [Float]) -> [Float] { map(values, sigmoid) }
}
