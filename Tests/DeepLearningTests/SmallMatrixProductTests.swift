import Testing
@testable import DeepLearning

/// The recurrent steps' small-matrix kernel against a Double reference of C = β·C + A·B (β 0 or 1),
/// for every tile shape (4, 2 and 1 rows; panels of 24 and 8 columns), strides larger than the
/// matrices, and the fallback to BLAS where the kernel does not apply.
@Suite("SmallMatrixProduct: C (+)= A·B for few rows")
struct SmallMatrixProductTests {
    /// C (m × n, stride ldc) after the product, in Double, from the same inputs.
    static func reference(
        m: Int, n: Int, k: Int, a: [Float], lda: Int, b: [Float], ldb: Int, c: [Float], ldc: Int, accumulate: Bool
    ) -> [Double] {
        var result = c.map(Double.init)
        for i in 0..<m {
            for j in 0..<n {
                var sum = accumulate ? Double(c[i * ldc + j]) : 0
                for p in 0..<k { sum += Double(a[i * lda + p]) * Double(b[p * ldb + j]) }
                result[i * ldc + j] = sum
            }
        }
        return result
    }

    static func values(_ count: Int, seed: Int) -> [Float] {
        (0..<count).map { Float(($0 * 37 + seed * 11) % 23) / 23 - 0.5 }
    }

    /// The largest error, relative to max(1, |expected|), of `product` (or `multiply`) on seeded inputs
    /// against the Double reference.
    static func worstError(m: Int, n: Int, k: Int, strides: (Int, Int, Int), accumulate: Bool, viaMultiply: Bool) -> Double {
        let (lda, ldb, ldc) = strides
        let a = values(m * lda, seed: 1), b = values(k * ldb, seed: 2)
        var c = values(m * ldc, seed: 3)
        let expected = reference(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    let run = viaMultiply ? SmallMatrixProduct.multiply : SmallMatrixProduct.product
                    run(m, n, k, pa.baseAddress!, lda, pb.baseAddress!, ldb, accumulate, pc.baseAddress!, ldc)
                }
            }
        }
        return zip(c, expected).map { Swift.abs(Double($0) - $1) / Swift.max(1, Swift.abs($1)) }.max()!
    }

    @Test("row counts 1 to 7, 10 and 16, widths 8, 24, 32, 56 and 800, with and without accumulation, padded strides",
          arguments: [1, 2, 3, 4, 5, 6, 7, 10, 16])
    func matchesReference(m: Int) {
        for n in [8, 24, 32, 56, 800] {
            for k in [1, 7, 200] {
                for accumulate in [false, true] {
                    let worst = Self.worstError(m: m, n: n, k: k, strides: (k + 3, n + 8, n + 5), accumulate: accumulate, viaMultiply: false)
                    #expect(worst <= 2e-6, "m \(m) n \(n) k \(k) accumulate \(accumulate): \(worst)")
                }
            }
        }
    }

    @Test("multiply gives the same products where it falls back to BLAS (n = 100, m = 20)")
    func fallback() {
        #expect(!SmallMatrixProduct.applies(m: 10, n: 100) && !SmallMatrixProduct.applies(m: 20, n: 800))
        for (m, n, k) in [(10, 100, 400), (20, 800, 16)] {
            let worst = Self.worstError(m: m, n: n, k: k, strides: (k, n, n), accumulate: true, viaMultiply: true)
            #expect(worst <= 2e-6, "m \(m) n \(n) k \(k): \(worst)")
        }
    }
}
