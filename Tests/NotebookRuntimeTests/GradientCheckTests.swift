import Testing
@testable import NotebookRuntime

// Serialized: `noGrad` and `backward()` switch the process-wide `GradientMode.isEnabled`, so tests that
// record graphs must not overlap with each other (see the report on that library global).
@Suite("GradientCheck", .serialized)
struct GradientCheckTests {
    /// A fixed point with entries of both signs and one larger than 1 (so the relative step matters).
    static let point = Tensor(shape: [2, 3], scalars: [0.5, -1.25, 2.0, 3.5, -0.75, 0.1])

    @Test("autograd's gradient of x³ − 2x passes with a tiny error")
    func correctAutograd() throws {
        let comparison = try compareGradients(at: [Self.point]) { inputs in
            inputs[0] * inputs[0] * inputs[0] - 2 * inputs[0]
        }
        #expect(comparison.maxRelativeError < 1e-3)
        // The numeric gradient is the projection times 3x² − 2, computed here in Double.
        let weights = projection(seed: 0, count: 6)
        let expected = zip(Self.point.scalars, weights).map { x, w in w * (3 * Double(x) * Double(x) - 2) }
        for (numeric, reference) in zip(comparison.numeric[0].scalars, expected) {
            #expect(abs(Double(numeric) - reference) <= 2e-3 * max(1, abs(reference)))
        }
    }

    @Test("a hand-written correct gradient passes; a deliberately wrong one fails by the size of its mistake")
    func handWrittenGradients() throws {
        let square: ([Tensor]) -> Tensor = { inputs in inputs[0] * inputs[0] }
        let right = try compareGradients(at: [Self.point], gradient: { x, upstream in [2 * x[0] * upstream] }, square)
        #expect(right.maxRelativeError < 1e-4)
        // 3x instead of 2x: |3x − 2x| / |3x| = 1/3 at every entry.
        let wrong = try compareGradients(at: [Self.point], gradient: { x, upstream in [3 * x[0] * upstream] }, square)
        #expect(abs(wrong.maxRelativeError - 1.0 / 3.0) < 1e-3)
        // The check itself: passes for the right one, and reports the wrong one as a comparison with a large error.
        #expect(gradientCheck("right", at: Self.point, gradient: { x, g in 2 * x * g }) { $0 * $0 }?.maxRelativeError ?? 1 < 1e-2)
        #expect(gradientCheck("wrong", at: Self.point, gradient: { x, g in 3 * x * g }) { $0 * $0 }?.maxRelativeError ?? 0 > 1e-2)
    }

    @Test("a wrong sign in one entry only is found, at that entry")
    func singleWrongEntry() throws {
        let comparison = try compareGradients(at: [Self.point], gradient: { x, upstream in
            var scalars = (2 * x[0] * upstream).scalars
            scalars[4] = -scalars[4]
            return [Tensor(shape: [2, 3], scalars: scalars)]
        }) { $0[0] * $0[0] }
        #expect(comparison.worst.element == 4)
        #expect(abs(comparison.maxRelativeError - 2) < 1e-3)  // |a − (−a)| / |a|
    }

    @Test("several inputs: matmul gradients match w·bᵀ and aᵀ·w computed in Double")
    func matmulTwoInputs() throws {
        let a = Tensor(shape: [2, 3], scalars: [1, -2, 0.5, 0.25, 3, -1])
        let b = Tensor(shape: [3, 2], scalars: [0.5, 1, -1.5, 2, 1, -0.5])
        let comparison = try compareGradients(at: [a, b], seed: 7) { $0[0].matmul($0[1]) }
        #expect(comparison.relativeErrors.count == 2)
        #expect(comparison.maxRelativeError < 1e-3)
        let w = projection(seed: 7, count: 4)  // (2, 2)
        // ∂L/∂a[i][k] = Σ_j w[i][j]·b[k][j]
        for i in 0..<2 {
            for k in 0..<3 {
                let reference = (0..<2).reduce(0.0) { $0 + w[i * 2 + $1] * Double(b.scalars[k * 2 + $1]) }
                #expect(abs(Double(comparison.numeric[0].scalars[i * 3 + k]) - reference) < 1e-3)
            }
        }
    }

    @Test("entries whose true gradient is zero (relu of negatives) do not count as relative errors")
    func zeroGradients() throws {
        let comparison = try compareGradients(at: [Self.point]) { $0[0].relu() * 4 }
        #expect(comparison.maxRelativeError < 1e-4)
        #expect(comparison.analytic[0].scalars[1] == 0)
        #expect(abs(comparison.numeric[0].scalars[1]) < 1e-6)
    }

    @Test("an input that the output does not depend on gets a zero gradient from both sides")
    func unusedInput() throws {
        let comparison = try compareGradients(at: [Self.point, Tensor([1, 2])]) { $0[0] * 2 }
        #expect(comparison.analytic[1].scalars == [0, 0])
        #expect(comparison.numeric[1].scalars == [0, 0])
        #expect(comparison.maxRelativeError < 1e-4)
    }

    @Test("the inputs are left unchanged")
    func inputsUnchanged() throws {
        let before = Self.point.scalars
        _ = try compareGradients(at: [Self.point]) { $0[0] * $0[0] }
        #expect(Self.point.scalars == before)
        #expect(Self.point.grad == nil)
    }

    @Test("bad arguments are typed errors with readable descriptions")
    func errors() {
        #expect(throws: GradientCheckError.noInputs) { try compareGradients(at: []) { $0[0] } }
        #expect(throws: GradientCheckError.gradientCount(expected: 1, got: 2)) {
            try compareGradients(at: [Self.point], gradient: { x, g in [g, g] }) { $0[0] }
        }
        #expect(throws: GradientCheckError.gradientShape(index: 0, input: [2, 3], gradient: [6])) {
            try compareGradients(at: [Self.point], gradient: { x, g in [g.reshape([6])] }) { $0[0] }
        }
        #expect(GradientCheckError.gradientShape(index: 0, input: [2, 3], gradient: [6]).description
            == "gradientCheck: gradient 0 has shape [6] but its input has shape [2, 3]")
        // A failed comparison is a failed check that returns nil.
        #expect(gradientCheck("no inputs", at: []) { $0[0] } == nil)
    }

    @Test("error sizes print in short scientific form")
    func errorFormat() {
        #expect(formatError(3.14159e-5) == "3.1e-05")
        #expect(formatError(0) == "0")
        #expect(formatError(.infinity) == "inf")
    }

    /// The projection `compareGradients` draws for `seed`.
    func projection(seed: UInt64, count: Int) -> [Double] {
        let generator = RandomGenerator(seed: seed)
        return (0..<count).map { _ in Double(generator.nextNormal()) }
    }
}
