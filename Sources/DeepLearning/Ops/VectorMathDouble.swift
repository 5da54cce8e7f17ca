/// eˣ on `SIMD4<Double>`, for the Double loops of t-SNE's perplexity calibration, where glibc's scalar
/// `exp` was most of the time of building P (1,797 digits: about 100 million exponentials).
///
/// The same scheme as the Float `exp`: Cody–Waite range reduction x = n·ln2 + r with |r| ≤ ln2/2
/// (ln 2 split in a high part whose product with n is exact and a low correction), then
/// e^r by its Taylor series to degree 13 (the first omitted term, r¹⁴/14!, is below 5·10⁻¹⁸ for
/// |r| ≤ 0.347, far under an ulp), then 2ⁿ through the exponent bits in two halves so that the
/// subnormal and overflow ends stay right. Measured error against glibc's `exp` is in
/// `VectorMathTests` (a few ulp at most).
extension VectorMath {
    /// eˣ for every lane of a 4-wide Double vector.
    @inline(__always)
    public static func exp(_ x: SIMD4<Double>) -> SIMD4<Double> {
        typealias V = SIMD4<Double>
        typealias I = SIMD4<Int64>
        let low = V(repeating: -746), high = V(repeating: 710)
        var clampedX = x.replacing(with: low, where: x .< low)
        clampedX = clampedX.replacing(with: high, where: clampedX .> high)
        // n = round(x / ln 2), through the magic constant 1.5·2⁵².
        let magic = V(repeating: 6_755_399_441_055_744)
        let shifted = multiplyAdd(clampedX, V(repeating: 1.442_695_040_888_963_4), magic)
        let n = shifted - magic
        let nInt = unsafeBitCast(shifted, to: I.self) &- 0x4338_0000_0000_0000
        var r = multiplyAdd(n, V(repeating: -6.931_471_803_691_238_164_90e-1), clampedX)
        r = multiplyAdd(n, V(repeating: -1.908_214_929_270_587_700_02e-10), r)
        var p = V(repeating: 1.6059043836821613e-10)  // 1/13!
        p = multiplyAdd(p, r, V(repeating: 2.08767569878681e-09))  // 1/12!
        p = multiplyAdd(p, r, V(repeating: 2.505210838544172e-08))  // 1/11!
        p = multiplyAdd(p, r, V(repeating: 2.755731922398589e-07))  // 1/10!
        p = multiplyAdd(p, r, V(repeating: 2.7557319223985893e-06))  // 1/9!
        p = multiplyAdd(p, r, V(repeating: 2.48015873015873e-05))  // 1/8!
        p = multiplyAdd(p, r, V(repeating: 0.0001984126984126984))  // 1/7!
        p = multiplyAdd(p, r, V(repeating: 0.001388888888888889))  // 1/6!
        p = multiplyAdd(p, r, V(repeating: 0.008333333333333333))  // 1/5!
        p = multiplyAdd(p, r, V(repeating: 0.041666666666666664))  // 1/4!
        p = multiplyAdd(p, r, V(repeating: 0.16666666666666666))  // 1/3!
        p = multiplyAdd(p, r, V(repeating: 0.5))  // 1/2!
        p = multiplyAdd(p, r, V(repeating: 1.0))  // 1/1!
        p = multiplyAdd(p, r, V(repeating: 1.0))  // 1/0!
        // 2ⁿ = 2^(n/2) · 2^(n − n/2), each factor a normal double.
        let half = nInt &>> 1
        let scaleA = unsafeBitCast((half &+ 1023) &<< 52, to: V.self)
        let scaleB = unsafeBitCast((nInt &- half &+ 1023) &<< 52, to: V.self)
        return p * scaleA * scaleB
    }

    /// The 4-wide Double `multiplyAdd`.
    @inline(__always)
    static func multiplyAdd(_ a: SIMD4<Double>, _ b: SIMD4<Double>, _ c: SIMD4<Double>) -> SIMD4<Double> {
        #if DEEPLEARNING_FMA
        return c.addingProduct(a, b)
        #else
        return a * b + c
        #endif
    }

    /// eˣ of every element.
    public static func exp(_ values: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: values.count)
        var j = 0
        while j < values.count {
            var lanes = SIMD4<Double>(repeating: 0)
            for lane in 0..<Swift.min(4, values.count - j) { lanes[lane] = values[j + lane] }
            let e = exp(lanes)
            for lane in 0..<Swift.min(4, values.count - j) { result[j + lane] = e[lane] }
            j += 4
        }
        return result
    }
}
