import Foundation
import Testing
@testable import DeepLearning

@Suite("Elementwise operations")
struct ElementwiseTests {
    static let shapePairs: [([Int], [Int])] = [
        ([2, 3], [2, 3]), ([2, 3], [3]), ([2, 1, 3], [4, 1]), ([3, 1], [1, 4]), ([2, 3], []), ([], [2, 3]),
    ]

    @Test("add, sub, mul, div broadcast and their gradients match finite differences", arguments: shapePairs)
    func binaryBroadcasting(shapes: ([Int], [Int])) {
        let a = sample(shapes.0, seed: 1)
        let b = sample(shapes.1, seed: 2, low: 0.5, high: 2)
        expectMatchesReference([a, b], { $0[0] + $0[1] }) { broadcastReference($0[0], $0[1], +) }
        expectMatchesReference([a, b], { $0[0] - $0[1] }) { broadcastReference($0[0], $0[1], -) }
        expectMatchesReference([a, b], { $0[0] * $0[1] }) { broadcastReference($0[0], $0[1], *) }
        expectMatchesReference([a, b], { $0[0] / $0[1] }) { broadcastReference($0[0], $0[1], /) }
    }

    @Test("scalar arithmetic on either side and negation")
    func scalarArithmetic() {
        let x = sample([3, 4], seed: 3, low: 0.5, high: 2)
        expectMatchesReference([x], { $0[0] + 1.5 }) { mapReference($0[0]) { $0 + 1.5 } }
        expectMatchesReference([x], { 1.5 - $0[0] }) { mapReference($0[0]) { 1.5 - $0 } }
        expectMatchesReference([x], { $0[0] * -3 }) { mapReference($0[0]) { $0 * -3 } }
        expectMatchesReference([x], { 2 / $0[0] }) { mapReference($0[0]) { 2 / $0 } }
        expectMatchesReference([x], { $0[0] / 4 }) { mapReference($0[0]) { $0 / 4 } }
        expectMatchesReference([x], { -$0[0] }) { mapReference($0[0]) { -$0 } }
    }

    @Test("exp, log, sqrt, pow, abs, clamp values and gradients")
    func unaryFunctions() {
        let x = sample([5, 7], seed: 4, low: -3, high: 3)
        let positive = sample([5, 7], seed: 5, low: 0.2, high: 4)
        expectMatchesReference([x], { exp($0[0]) }) { mapReference($0[0], Foundation.exp) }
        expectMatchesReference([positive], { log($0[0]) }) { mapReference($0[0], Foundation.log) }
        expectMatchesReference([positive], { sqrt($0[0]) }) { mapReference($0[0]) { $0.squareRoot() } }
        expectMatchesReference([positive], { pow($0[0], 1.7) }) { mapReference($0[0]) { Foundation.pow($0, 1.7) } }
        expectMatchesReference([x], { pow($0[0], 2) }) { mapReference($0[0]) { $0 * $0 } }
        expectMatchesReference([x], { abs($0[0]) }) { mapReference($0[0]) { Swift.abs($0) } }
        expectMatchesReference([x], { $0[0].clamp(min: -1, max: 1.5) }) { mapReference($0[0]) { min(max($0, -1), 1.5) } }
    }

    @Test("a large broadcast takes the parallel path and still matches the plain loop")
    func largeBroadcast() {
        let a = sample([300, 257], seed: 6, requiresGrad: false)
        let b = sample([257], seed: 7, requiresGrad: false)
        let expected = broadcastReference(DoubleTensor(a), DoubleTensor(b), *).values.map(Float.init)
        #expect((a * b).scalars == expected)
        let column = sample([300, 1], seed: 8, requiresGrad: false)
        let expectedColumn = broadcastReference(DoubleTensor(a), DoubleTensor(column), -).values.map(Float.init)
        #expect((a - column).scalars == expectedColumn)
    }
}
