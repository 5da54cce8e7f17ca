import COpenBLAS

/// The one place that talks to OpenBLAS (the BLAS seam). Everything else calls `BLAS.gemm`.
public enum BLAS {
    /// C ← α·op(A)·op(B) + β·C for row-major matrices, op(X) = Xᵀ when `transposeX`.
    ///
    /// Shapes: op(A) is (m, k), op(B) is (k, n), C is (m, n); `lda`, `ldb`, `ldc` are the row strides
    /// of A, B and C as stored.
    @inline(__always)
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    /// The kernel family OpenBLAS chose for this CPU (for example `Haswell`, `Zen`, `SkylakeX`, `Prescott`).
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// How many threads OpenBLAS uses.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }
}
