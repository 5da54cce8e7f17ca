import Testing
@testable import DeepLearning

@Suite("Training speed paths: gradient norm over long vectors, single-threaded BLAS scopes")
struct TrainingSpeedPathTests {
    /// 10,007 values: two full 4096-blocks, a partial block, and a tail that is not a multiple of 8.
    static let values: [Float] = (0..<10_007).map { i in Float((i * 7919) % 2003) / 1001.5 - 1 }

    static var referenceSquares: Double { values.reduce(0) { $0 + Double($1) * Double($1) } }

    @Test("the blocked SIMD sum of squares matches a Double sum to 1e-6 relative")
    func sumOfSquares() {
        let reference = Self.referenceSquares
        let blocked = Self.values.withUnsafeBufferPointer { GradientNorm.sumOfSquares($0) }
        #expect(abs(blocked - reference) / reference < 1e-6)
        #expect([Float]().withUnsafeBufferPointer { GradientNorm.sumOfSquares($0) } == 0)
    }

    @Test("clipGradNorm on a long gradient: norm and every scaled value match Double arithmetic")
    func clipLongGradient() {
        let a = Tensor(shape: [Self.values.count], scalars: Self.values, requiresGrad: true)
        a.grad = Tensor(shape: [Self.values.count], scalars: Self.values)
        let b = Tensor([0], requiresGrad: true)
        b.grad = Tensor([3])
        let referenceNorm = (Self.referenceSquares + 9).squareRoot()
        let norm = clipGradNorm([a, b], maxNorm: 0.25)
        #expect(abs(Double(norm) - referenceNorm) / referenceNorm < 1e-6)
        let coefficient = 0.25 / (referenceNorm + 1e-6)
        let scaled = a.grad!.scalars
        for (index, value) in Self.values.enumerated() {
            #expect(abs(Double(scaled[index]) - Double(value) * coefficient) <= 1e-6 * abs(Double(value)) + 1e-9)
        }
        #expect(abs(Double(b.grad!.scalars[0]) - 3 * coefficient) < 1e-7)
    }

    @Test("inside BLAS.singleThreaded OpenBLAS runs one thread, also nested, and the body's value comes back")
    func singleThreadedScope() {
        let counts = BLAS.singleThreaded { () -> [Int] in
            let outer = BLAS.threadCount
            let inner = BLAS.singleThreaded { BLAS.threadCount }
            return [outer, inner, BLAS.threadCount]
        }
        #expect(counts == [1, 1, 1])
    }
}
