/// A plain-Swift GEMM with the same contract as `BLAS.gemm`: the test oracle for the BLAS seam, and a
/// readable statement of what `gemm` computes.
public enum ReferenceGEMM {
    /// C ← α·op(A)·op(B) + β·C for row-major matrices, op(X) = Xᵀ when `transposeX`.
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k {
                    let aValue = transposeA ? a[p * lda + i] : a[i * lda + p]
                    let bValue = transposeB ? b[j * ldb + p] : b[p * ldb + j]
                    sum += aValue * bValue
                }
                c[i * ldc + j] = alpha * sum + (beta == 0 ? 0 : beta * c[i * ldc + j])
            }
        }
    }
}
