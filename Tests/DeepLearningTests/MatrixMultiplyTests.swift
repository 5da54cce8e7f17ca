import Foundation
import Testing
@testable import DeepLearning

@Suite("Matrix products and the BLAS seam")
struct MatrixMultiplyTests {
    /// (b, m, k)·(b, k, n) in Double; a missing or size-1 batch is shared.
    static func matmulReference(_ a: DoubleTensor, _ b: DoubleTensor) -> DoubleTensor {
        let a3 = a.shape.count == 2 ? DoubleTensor(shape: [1] + a.shape, values: a.values) : a
        let b3 = b.shape.count == 2 ? DoubleTensor(shape: [1] + b.shape, values: b.values) : b
        let batch = max(a3.shape[0], b3.shape[0]), m = a3.shape[1], k = a3.shape[2], n = b3.shape[2]
        var out = DoubleTensor.zeros([batch, m, n])
        for t in 0..<batch {
            for i in 0..<m {
                for j in 0..<n {
                    var sum = 0.0
                    for p in 0..<k { sum += a3[a3.shape[0] == 1 ? 0 : t, i, p] * b3[b3.shape[0] == 1 ? 0 : t, p, j] }
                    out[t, i, j] = sum
                }
            }
        }
        if a.shape.count == 2 && b.shape.count == 2 { out.shape = [m, n] }
        return out
    }

    @Test("matmul values and gradients: 2-D, batched, shared operands", arguments: [
        ([3, 4], [4, 5]), ([2, 3, 4], [2, 4, 5]), ([2, 3, 4], [1, 4, 5]), ([3, 4], [2, 4, 5]),
    ])
    func matmul(shapes: ([Int], [Int])) {
        let a = sample(shapes.0, seed: 31), b = sample(shapes.1, seed: 32)
        expectMatchesReference([a, b], { $0[0].matmul($0[1]) }) { Self.matmulReference($0[0], $0[1]) }
    }

    @Test("matmul folds leading dimensions against a matrix, and handles vectors")
    func matmulFoldAndVectors() {
        let a = sample([2, 3, 4], seed: 33), w = sample([4, 5], seed: 34)
        expectMatchesReference([a, w], { $0[0].matmul($0[1]) }) { inputs in
            Self.matmulReference(DoubleTensor(shape: [6, 4], values: inputs[0].values), inputs[1]).reshaped([2, 3, 5])
        }
        let v = sample([4], seed: 35), m = sample([3, 4], seed: 36)
        expectMatchesReference([m, v], { $0[0].matmul($0[1]) }) { inputs in
            Self.matmulReference(inputs[0], DoubleTensor(shape: [4, 1], values: inputs[1].values)).reshaped([3])
        }
        let u = sample([4], seed: 30)
        expectMatchesReference([v, u], { $0[0].matmul($0[1]) }) { inputs in
            DoubleTensor(shape: [], values: [zip(inputs[0].values, inputs[1].values).reduce(0) { $0 + $1.0 * $1.1 }])
        }
    }

    @Test("linear is x·Wᵀ + b with gradients for input, weight and bias")
    func linearFunction() {
        let x = sample([2, 3, 4], seed: 37), w = sample([5, 4], seed: 38), b = sample([5], seed: 39)
        expectMatchesReference([x, w, b], { linear($0[0], weight: $0[1], bias: $0[2]) }) { inputs in
            var out = DoubleTensor.zeros([2, 3, 5])
            for r in 0..<6 {
                for o in 0..<5 {
                    var sum = inputs[2].values[o]
                    for i in 0..<4 { sum += inputs[0].values[r * 4 + i] * inputs[1][o, i] }
                    out.values[r * 5 + o] = sum
                }
            }
            return out
        }
        expectMatchesReference([x, w], { linear($0[0], weight: $0[1]) }) { inputs in
            Self.matmulReference(DoubleTensor(shape: [6, 4], values: inputs[0].values),
                                 DoubleTensor(shape: [4, 5], values: (0..<20).map { inputs[1][$0 % 5, $0 / 5] })).reshaped([2, 3, 5])
        }
    }

    @Test("BLAS gemm equals the plain-Swift reference for every transpose combination and beta",
          arguments: [(false, false), (true, false), (false, true), (true, true)])
    func blasAgainstReference(transposes: (Bool, Bool)) {
        let (ta, tb) = transposes
        let m = 37, n = 23, k = 51
        let a = sample([m * k], seed: 40, requiresGrad: false).scalars
        let b = sample([k * n], seed: 41, requiresGrad: false).scalars
        let c0 = sample([m * n], seed: 42, requiresGrad: false).scalars
        var blas = c0, reference = c0
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                blas.withUnsafeMutableBufferPointer { pc in
                    BLAS.gemm(transposeA: ta, transposeB: tb, m: m, n: n, k: k, alpha: 0.5, a: pa.baseAddress!,
                              lda: ta ? m : k, b: pb.baseAddress!, ldb: tb ? k : n, beta: 2, c: pc.baseAddress!, ldc: n)
                }
                reference.withUnsafeMutableBufferPointer { pc in
                    ReferenceGEMM.gemm(transposeA: ta, transposeB: tb, m: m, n: n, k: k, alpha: 0.5, a: pa.baseAddress!,
                                       lda: ta ? m : k, b: pb.baseAddress!, ldb: tb ? k : n, beta: 2, c: pc.baseAddress!, ldc: n)
                }
            }
        }
        expectClose(blas, reference, rtol: 1e-5, atol: 1e-4)
    }

    @Test("OpenBLAS reports which kernels it uses")
    func coreName() {
        #expect(!BLAS.coreName.isEmpty && BLAS.coreName != "unknown")
    }
}

extension DoubleTensor {
    func reshaped(_ shape: [Int]) -> DoubleTensor { DoubleTensor(shape: shape, values: values) }
}

@Suite("OpenBLAS core-type configuration")
struct BLASConfigurationTests {
    @Test("SkylakeX is forced only with the AVX-512 subsets and only when the variable is unset")
    func decision() {
        let avx512: Set<String> = ["sse2", "avx2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
        #expect(BLASConfiguration.recommendedCoreType(environment: [:], cpuFlags: avx512) == "SkylakeX")
        #expect(BLASConfiguration.recommendedCoreType(environment: ["OPENBLAS_CORETYPE": "Haswell"], cpuFlags: avx512) == nil)
        #expect(BLASConfiguration.recommendedCoreType(environment: [:], cpuFlags: ["sse2", "avx2", "fma"]) == nil)
        #expect(BLASConfiguration.recommendedCoreType(environment: [:], cpuFlags: ["avx512f"]) == nil)
    }

    @Test("cpu flags are read from a cpuinfo file")
    func readsFlags() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cpuinfo-\(getpid())").path
        try "processor\t: 0\nflags\t\t: fpu sse2 avx512f avx512vl\n\nprocessor\t: 1\nflags\t: fpu\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(BLASConfiguration.cpuFlags(cpuinfo: path) == ["fpu", "sse2", "avx512f", "avx512vl"])
    }
}
