import Testing
@testable import DeepLearning

/// `Kernels.transpose`, which the recurrent forward pass uses to give each step's product an
/// untransposed W_hh: every element lands at its mirrored place, for sizes that cross the 16 × 16
/// tiles on either side and for single rows and columns.
@Suite("Kernels.transpose")
struct TransposeKernelTests {
    @Test("dst[c][r] = src[r][c] for 1×1, 1×40, 40×1, 16×16, 37×23 and 800×200")
    func mirrors() {
        for (rows, columns) in [(1, 1), (1, 40), (40, 1), (16, 16), (37, 23), (800, 200)] {
            let source = (0..<rows * columns).map { Float($0) * 0.5 - 3 }
            var result = [Float](repeating: .nan, count: rows * columns)
            source.withUnsafeBufferPointer { s in
                result.withUnsafeMutableBufferPointer { d in
                    Kernels.transpose(s.baseAddress!, rows: rows, columns: columns, into: d.baseAddress!)
                }
            }
            var mismatches = 0
            for r in 0..<rows {
                for c in 0..<columns where result[c * rows + r] != source[r * columns + c] { mismatches += 1 }
            }
            #expect(mismatches == 0, "\(rows)×\(columns)")
        }
    }
}
