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
    while steps < maxSteps {
        steps += 1
        evaluatedBeta = beta
        var sum = 0.0
        var weighted = 0.0
        for j in 0..<count {
            let shifted = squaredDistances[j] - minimum
            let e = exp(-beta * shifted)
            probabilities[j] = e
            sum += e
            weighted += shifted * e
        }
        entropy = log(sum) + beta * weighted / sum
        let inverse = 1 / sum
        for j in 0..<count { probabilities[j] *= inverse }
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
    return PerplexityCalibration(beta: evaluatedBeta, entropy: entropy, steps: steps)
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
