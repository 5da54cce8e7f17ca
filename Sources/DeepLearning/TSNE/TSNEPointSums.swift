import Foundation

/// What both t-SNE objectives (exact and Barnes–Hut) gather per point i in one pass, six values each:
/// Σ_j w_ij, the attraction Σ_j p_ij w_ij (y_i − y_j) (x, y), the repulsion Σ_j w_ij² (y_i − y_j)
/// (x, y), and Σ_j p_ij log w_ij (only when the error is asked for). The chunks of a parallel loop
/// write disjoint points.
struct TSNEPointSums {
    /// The six values of point i at `6i ..< 6i + 6`, in the order above.
    let values: FixedBuffer<Double>
    let count: Int

    /// All zero, for `count` points.
    init(count: Int) {
        self.count = count
        values = FixedBuffer(repeating: 0, count: 6 * count)
    }

    /// Stores point i's sums.
    @inline(__always)
    func set(
        _ i: Int, z: Double, attraction: (Double, Double), repulsion: (Double, Double), pLogW: Double? = nil
    ) {
        let out = values.pointer + 6 * i
        out[0] = z
        out[1] = attraction.0
        out[2] = attraction.1
        out[3] = repulsion.0
        out[4] = repulsion.1
        if let pLogW { out[5] = pLogW }
    }

    /// Σ_i Σ_j w_ij, in point order.
    func totalZ() -> Double {
        var z = 0.0
        for i in 0..<count { z += values[6 * i] }
        return z
    }

    /// Writes ∂KL/∂y_i = 4 (a · attraction − repulsion / Z) (interleaved x, y, length 2N) for P × a;
    /// returns the KL divergence with that P when `computeError` is set:
    /// Σ p' log p' − Σ p' log w + log Z = a Σ p log p + a log a − a Σ p log w + a log Z (Σ P = 1).
    func finish(
        z: Double, exaggeration a: Double, pLogP: Double, computeError: Bool, gradient: inout [Double]
    ) -> Double? {
        let inverseZ = 1 / z
        for i in 0..<count {
            let r = values.pointer + 6 * i
            gradient[2 * i] = 4 * (a * r[1] - r[3] * inverseZ)
            gradient[2 * i + 1] = 4 * (a * r[2] - r[4] * inverseZ)
        }
        guard computeError else { return nil }
        var pLogW = 0.0
        for i in 0..<count { pLogW += values[6 * i + 5] }
        return a * pLogP + a * log(a) - a * pLogW + a * log(z)
    }
}

/// Σ p log p over the positive entries of P, in Double.
func tsnePLogP<Value: BinaryFloatingPoint>(_ p: [Value]) -> Double {
    var s = 0.0
    for value in p where value > 0 { s += Double(value) * log(Double(value)) }
    return s
}

/// The x and y coordinates of an interleaved 2-D embedding (x₀, y₀, x₁, y₁, …) of `n` points.
func tsneCoordinates(_ y: [Double], count n: Int) -> (xs: [Double], ys: [Double]) {
    var xs = [Double](repeating: 0, count: n)
    var ys = [Double](repeating: 0, count: n)
    for i in 0..<n {
        xs[i] = y[2 * i]
        ys[i] = y[2 * i + 1]
    }
    return (xs, ys)
}
