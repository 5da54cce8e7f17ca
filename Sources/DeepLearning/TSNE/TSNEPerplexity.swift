import Foundation

/// The result of calibrating one point's Gaussian to a target perplexity.
public struct PerplexityCalibration: Equatable, Sendable, BitwiseCopyable {
    /// The precision β = 1 / (2σ²) of the Gaussian over squared distances.
    public var beta: Double
    /// The entropy H(P_i) in nats that β gives; perplexity = exp(H).
    public var entropy: Double
    /// Binary-search steps taken.
    public var steps: Int
    /// The perplexity exp(H) reached.
    public var perplexity: Double { exp(entropy) }
}

/// Finds β so that the conditional distribution p_{j|i} ∝ exp(−β d_j) over the given squared
/// distances has entropy log(perplexity), by bisection on β (doubling or halving while one side is
/// still unbounded), and writes p_{j|i} into `probabilities`.
///
/// Forward:  p_j = exp(−β (d_j − d_min)) / Σ_k exp(−β (d_k − d_min))
///           H   = log Σ_k exp(−β (d_k − d_min)) + β Σ_j p_j (d_j − d_min)
/// Subtracting d_min leaves p and H unchanged and keeps the sum ≥ 1, so nothing underflows to 0
/// when distances are large (unlike scikit-learn, which guards the sum with 1e-8 instead).
/// H decreases as β grows, so bisection converges. The tolerance is on H in nats (scikit-learn's
/// 1e-5), which puts the perplexity within perplexity × 1e-5 of the target.
///
/// - Parameters:
///   - squaredDistances: d_j to the neighbours (the point itself excluded), length K.
///   - perplexity: the target, 2^H (the effective number of neighbours).
///   - tolerance: how close H must come to log(perplexity), in nats.
///   - maxSteps: the most bisection steps.
///   - probabilities: receives p_{j|i}, length K.
public func calibratePerplexity(
    squaredDistances: UnsafeBufferPointer<Double>,
    perplexity: Double,
    tolerance: Double = 1e-5,
    maxSteps: Int = 200,
    probabilities: UnsafeMutableBufferPointer<Double>
) -> PerplexityCalibration {
    let count = squaredDistances.count
    precondition(probabilities.count == count, "calibratePerplexity: \(count) distances, \(probabilities.count) outputs")
    if count == 0 { return PerplexityCalibration(beta: 1, entropy: 0, steps: 0) }
    var minimum = Double.infinity
    for d in squaredDistances where d < minimum { minimum = d }
    let target = log(perplexity)
    var beta = 1.0
    var low = -Double.infinity
    var high = Double.infinity
    var entropy = 0.0
    var steps = 0
    var evaluatedBeta = beta
    var evaluatedSum = 1.0
    while steps < maxSteps {
        steps += 1
        evaluatedBeta = beta
        let (sum, weighted) = storeShiftedExponentials(
            squaredDistances, minus: minimum, times: beta, into: probabilities)
        evaluatedSum = sum
        entropy = log(sum) + beta * weighted / sum
        let difference = entropy - target
        if abs(difference) <= tolerance { break }
        if difference > 0 {
            // Too flat: sharpen.
            low = beta
            beta = high == .infinity ? beta * 2 : (beta + high) / 2
        } else {
            high = beta
            beta = low == -.infinity ? beta / 2 : (beta + low) / 2
        }
    }
    // The exponentials of the last step evaluated, normalised by their sum.
    let inverse = 1 / evaluatedSum
    for j in 0..<count { probabilities[j] *= inverse }
    return PerplexityCalibration(beta: evaluatedBeta, entropy: entropy, steps: steps)
}

/// w_j = e^{−β (d_j − m)} into `w`; returns (Σ_j w_j, Σ_j (d_j − m) w_j), four lanes at a time
/// (`VectorMath.exp`), the tail padded with lanes of weight 0.
private func storeShiftedExponentials(
    _ d: UnsafeBufferPointer<Double>, minus m: Double, times beta: Double, into w: UnsafeMutableBufferPointer<Double>
) -> (sum: Double, weighted: Double) {
    typealias V = SIMD4<Double>
    let count = d.count
    let (source, target) = (UnsafeRawPointer(d.baseAddress!), UnsafeMutableRawPointer(w.baseAddress!))
    let (minimum, negativeBeta) = (V(repeating: m), V(repeating: -beta))
    var (sum, weighted) = (V(repeating: 0), V(repeating: 0))
    var j = 0
    while j + 4 <= count {
        let shifted = source.loadUnaligned(fromByteOffset: j * 8, as: V.self) - minimum
        let e = VectorMath.exp(negativeBeta * shifted)
        target.storeBytes(of: e, toByteOffset: j * 8, as: V.self)
        sum += e
        weighted += shifted * e
        j += 4
    }
    var (tailSum, tailWeighted) = (0.0, 0.0)
    if j < count {
        var shifted = V(repeating: 0)
        for lane in 0..<(count - j) { shifted[lane] = d[j + lane] - m }
        let e = VectorMath.exp(negativeBeta * shifted)
        for lane in 0..<(count - j) {
            w[j + lane] = e[lane]
            tailSum += e[lane]
            tailWeighted += shifted[lane] * e[lane]
        }
    }
    return (sum.sum() + tailSum, weighted.sum() + tailWeighted)
}

/// Array convenience for `calibratePerplexity(squaredDistances:perplexity:tolerance:maxSteps:probabilities:)`.
public func calibratePerplexity(
    squaredDistances: [Double], perplexity: Double, tolerance: Double = 1e-5
) -> (probabilities: [Double], calibration: PerplexityCalibration) {
    var probabilities = [Double](repeating: 0, count: squaredDistances.count)
    let calibration = squaredDistances.withUnsafeBufferPointer { distances in
        probabilities.withUnsafeMutableBufferPointer { output in
            calibratePerplexity(
                squaredDistances: distances, perplexity: perplexity, tolerance: tolerance, probabilities: output)
        }
    }
    return (probabilities, calibration)
}
