/// C (m × n) = β·C + A (m × k)·B (k × n) for row-major matrices with few rows (the recurrent step's
/// (N, H)·(H, G·H) and (N, G·H)·(G·H, H), N a worker's share of the batch), without packing B.
///
/// OpenBLAS packs B into its panel layout on every call, which for one step's product costs as much as
/// the product itself (10 × 200 · 200 × 800: 59 µs on one core, 54 GFLOP/s). Here each 8-float slice of
/// B's row p is loaded once per tile of up to 4 rows of C and used by all of them: a tile of 4 × 24
/// keeps 12 SIMD8 accumulators in registers, enough independent fused multiply-adds to fill both FMA
/// units (the same product: 40 µs, 80 GFLOP/s; both measured with thread CPU time, SkylakeX kernels
/// for OpenBLAS, `-target-cpu haswell` for this).
///
/// Used through `multiply`, which falls back to `BLAS.gemm` where this kernel is not the better one: more
/// than 16 rows, n not a multiple of 8, or a build without hardware FMA (`DEEPLEARNING_FMA`).
enum SmallMatrixProduct {
    /// The most rows this kernel takes.
    static let maximumRows = 16

    /// C = β·C + A·B with β 0 or 1 (`accumulate`): this kernel when it applies, else `BLAS.gemm`.
    static func multiply(
        m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if applies(m: m, n: n) {
            product(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, accumulate: accumulate, c: c, ldc: ldc)
        } else {
            BLAS.gemm(
                transposeA: false, transposeB: false, m: m, n: n, k: k,
                a: a, lda: lda, b: b, ldb: ldb, beta: accumulate ? 1 : 0, c: c, ldc: ldc)
        }
    }

    /// Whether `multiply` uses this kernel for an (m × k)·(k × n) product.
    static func applies(m: Int, n: Int) -> Bool {
        #if DEEPLEARNING_FMA
        return m <= maximumRows && n % 8 == 0
        #else
        return false
        #endif
    }

    /// The kernel itself, for any m and n a multiple of 8: panels of 24 columns, then of 8; in each,
    /// tiles of 4 rows, then 2, then 1.
    static func product(
        m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        precondition(n % 8 == 0, "SmallMatrixProduct: n = \(n) is not a multiple of 8")
        let operands = Operands(k: k, a: a, lda: lda, b: b, ldb: ldb, accumulate: accumulate, c: c, ldc: ldc)
        var j = 0
        while j + 24 <= n {
            panel(m: m, column: j, operands, vectors: InlineArray<3, Float>.self)
            j += 24
        }
        while j < n {
            panel(m: m, column: j, operands, vectors: InlineArray<1, Float>.self)
            j += 8
        }
    }

    /// The pointers and sizes every tile of one product shares.
    struct Operands {
        let k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int
        let accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int
    }

    /// Columns j ..< j + 8·V of C, all m rows, in tiles of 4, 2 and 1 rows.
    @inline(__always)
    private static func panel<let V: Int>(m: Int, column j: Int, _ o: Operands, vectors: InlineArray<V, Float>.Type) {
        var i = 0
        while i + 4 <= m {
            tile(row: i, column: j, o, shape: InlineArray<4, InlineArray<V, Float>>.self)
            i += 4
        }
        if i + 2 <= m {
            tile(row: i, column: j, o, shape: InlineArray<2, InlineArray<V, Float>>.self)
            i += 2
        }
        if i < m { tile(row: i, column: j, o, shape: InlineArray<1, InlineArray<V, Float>>.self) }
    }

    /// C[i ..< i+R, j ..< j+8V] (+)= Σ_p A[i ..< i+R, p] ⊗ B[p, j ..< j+8V]: R × V accumulators, one
    /// broadcast of A's element per row and one load of B's slice per vector for every p.
    @inline(__always)
    private static func tile<let R: Int, let V: Int>(
        row i: Int, column j: Int, _ o: Operands, shape: InlineArray<R, InlineArray<V, Float>>.Type
    ) {
        var sums = InlineArray<R, InlineArray<V, SIMD8<Float>>>(repeating: InlineArray<V, SIMD8<Float>>(repeating: .zero))
        var rows = InlineArray<R, UnsafePointer<Float>>(repeating: o.a)
        for r in 0..<R { rows[r] = o.a + (i + r) * o.lda }
        var bRow = o.b + j
        for p in 0..<o.k {
            var slices = InlineArray<V, SIMD8<Float>>(repeating: .zero)
            for v in 0..<V { slices[v] = load(bRow + 8 * v) }
            for r in 0..<R {
                let broadcast = SIMD8<Float>(repeating: rows[r][p])
                for v in 0..<V { sums[r][v] = sums[r][v].addingProduct(broadcast, slices[v]) }
            }
            bRow += o.ldb
        }
        for r in 0..<R {
            let out = o.c + (i + r) * o.ldc + j
            for v in 0..<V { store(o.accumulate ? sums[r][v] + load(out + 8 * v) : sums[r][v], out + 8 * v) }
        }
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    private static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }
}
