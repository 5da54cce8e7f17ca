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

    @Test("row counts 1 to 7, 10 and 16, widths 8, 24, 32, 56 and 800, with and without accumulation, padded strides",
          arguments: [1, 2, 3, 4, 5, 6, 7, 10, 16])
    func matchesReference(m: Int) {
        for n in [8, 24, 32, 56, 800] {
            for k in [1, 7, 200] {
                for accumulate in [false, true] {
                    let (lda, ldb, ldc) = (k + 3, n + 8, n + 5)
                    let a = Self.values(m * lda, seed: 1), b = Self.values(k * ldb, seed: 2)
                    var c = Self.values(m * ldc, seed: 3)
                    let expected = Self.reference(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
                    a.withUnsafeBufferPointer { pa in
                        b.withUnsafeBufferPointer { pb in
                            c.withUnsafeMutableBufferPointer { pc in
                                SmallMatrixProduct.product(
                                    m: m, n: n, k: k, a: pa.baseAddress!, lda: lda, b: pb.baseAddress!, ldb: ldb,
                                    accumulate: accumulate, c: pc.baseAddress!, ldc: ldc)
                            }
                        }
                    }
                    let worst = zip(c, expected).map { Swift.abs(Double($0) - $1) / Swift.max(1, Swift.abs($1)) }.max()!
                    #expect(worst <= 2e-6, "m \(m) n \(n) k \(k) accumulate \(accumulate): \(worst)")
                }
            }
        }
    }

    @Test("multiply gives the same products where it falls back to BLAS (n = 100, m = 20)")
    func fallback() {
        #expect(!SmallMatrixProduct.applies(m: 10, n: 100) && !SmallMatrixProduct.applies(m: 20, n: 800))
        for (m, n, k) in [(10, 100, 400), (20, 800, 16)] {
            let a = Self.values(m * k, seed: 4), b = Self.values(k * n, seed: 5)
            var c = Self.values(m * n, seed: 6)
            let expected = Self.reference(m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: c, ldc: n, accumulate: true)
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        SmallMatrixProduct.multiply(
                            m: m, n: n, k: k, a: pa.baseAddress!, lda: k, b: pb.baseAddress!, ldb: n,
                            accumulate: true, c: pc.baseAddress!, ldc: n)
                    }
                }
            }
            let worst = zip(c, expected).map { Swift.abs(Double($0) - $1) / Swift.max(1, Swift.abs($1)) }.max()!
            #expect(worst <= 2e-6, "m \(m) n \(n) k \(k): \(worst)")
        }
    }
}
