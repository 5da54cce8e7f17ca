import Foundation
import Testing
@testable import DeepLearning

@Suite("SIMD exp, tanh, sigmoid")
struct VectorMathTests {
    /// Largest relative error of a vectorised function against a Double reference over `inputs`.
    static func maxRelativeError(_ inputs: [Float], _ ours: ([Float]) -> [Float], _ reference: (Double) -> Double) -> Double {
        zip(inputs, ours(inputs)).reduce(0.0) { worst, pair in
            let expected = reference(Double(pair.0))
            return max(worst, abs(Double(pair.1) - expected) / max(abs(expected), 1e-300))
        }
    }

    @Test("exp has relative error ≤ 2e-7 over [-87, 88] (2 million points against Double exp)")
    func expAccuracy() {
        let inputs = (0..<2_000_000).map { Float(-87.0 + 175.0 * Double($0) / 2_000_000) }
        let error = Self.maxRelativeError(inputs, VectorMath.exp, Foundation.exp)
        #expect(error <= 2e-7, "max relative error \(error)")
    }

    @Test("exp at the edges: 0 → 1, overflow → inf, deep underflow → 0, NaN stays NaN, subnormals close")
    func expEdges() {
        let values = VectorMath.exp([0, 89, 1000, -104, -1000, .nan, -90, .infinity, -.infinity] as [Float])
        #expect(values[0] == 1)
        #expect(values[1] == .infinity && values[2] == .infinity && values[7] == .infinity)
        #expect(values[3] == 0 && values[4] == 0 && values[8] == 0)
        #expect(values[5].isNaN)
        #expect(abs(Double(values[6]) - Foundation.exp(-90.0)) < 1e-44)
    }

    @Test("Double exp has relative error ≤ 1e-15 over [-708, 709] (2 million points against glibc's exp)")
    func doubleExpAccuracy() {
        let inputs = (0..<2_000_000).map { -708.0 + 1417.0 * Double($0) / 2_000_000 } + [1e-12, -3e-9, 0.5, -0.3466]
        let worst = zip(inputs, VectorMath.exp(inputs)).reduce(0.0) { worst, pair in
            let expected = Foundation.exp(pair.0)
            return max(worst, abs(pair.1 - expected) / expected)
        }
        #expect(worst <= 1e-15, "max relative error \(worst)")
    }

    @Test("Double exp at the edges: 0 → 1, overflow → inf, deep underflow → 0, NaN stays NaN, subnormals close")
    func doubleExpEdges() {
        let values = VectorMath.exp([0, 710, 1e6, -746, -1e6, .nan, -740, .infinity, -.infinity] as [Double])
        #expect(values[0] == 1)
        #expect(values[1] == .infinity && values[2] == .infinity && values[7] == .infinity)
        #expect(values[3] == 0 && values[4] == 0 && values[8] == 0)
        #expect(values[5].isNaN)
        #expect(abs(values[6] - Foundation.exp(-740.0)) <= 4 * Double.leastNonzeroMagnitude)
    }

    @Test("tanh and sigmoid relative error ≤ 1e-6 over [-20, 20], including near 0")
    func tanhSigmoidAccuracy() {
        let inputs = (0..<400_001).map { Float(-20.0 + 40.0 * Double($0) / 400_000) } + [1e-6, -3e-5, 1e-3]
        let tanhError = Self.maxRelativeError(inputs.filter { $0 != 0 }, VectorMath.tanh, Foundation.tanh)
        let sigmoidError = Self.maxRelativeError(inputs, VectorMath.sigmoid) { 1 / (1 + Foundation.exp(-$0)) }
        #expect(tanhError <= 1e-6, "tanh max relative error \(tanhError)")
        #expect(sigmoidError <= 1e-6, "sigmoid max relative error \(sigmoidError)")
    }

    @Test("expForLogSumExp is exp bit for bit on [-87, 0]; below, within 1.7e-38 of the exact value; NaN stays NaN")
    func expForLogSumExpMatchesExp() {
        let inside = (0..<1_000_000).map { Float(-87.0 * Double($0) / 999_999) } + [-0.0, -1e-30, -86.999]
        var differing = 0
        for start in stride(from: 0, to: inside.count - 7, by: 8) {
            let lanes = VectorMath.Vector(inside[start..<(start + 8)])
            let ours = VectorMath.expForLogSumExp(lanes), reference = VectorMath.exp(lanes)
            for lane in 0..<8 where ours[lane].bitPattern != reference[lane].bitPattern { differing += 1 }
        }
        #expect(differing == 0, "\(differing) lanes differ from exp")
        let deep: [Float] = [-87.5, -90, -104, -200, -1e30, -.infinity, .nan, -87.01]
        let below = VectorMath.expForLogSumExp(VectorMath.Vector(deep))
        for lane in 0..<8 where lane != 6 {
            let exact = Foundation.exp(Double(deep[lane]))
            #expect(below[lane] > 0 && abs(Double(below[lane]) - exact) < 1.7e-38, "lane \(lane): \(below[lane])")
        }
        #expect(below[6].isNaN)
    }
}
