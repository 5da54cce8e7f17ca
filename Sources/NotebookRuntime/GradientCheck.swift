import Foundation

// Gradient checking: the gradient a program computes (autograd, or a formula written by hand) against
// central finite differences.
//
// A function f of tensors x₁ … x_k returns a tensor y of any shape. It is reduced to a scalar with a fixed
// random projection w (standard normal, same shape as y, from a seeded generator):
//
//     L(x) = Σ_i w_i · y_i(x)                      (accumulated in Double)
//     analytic ∂L/∂x = backward of y with upstream gradient w
//     numeric  ∂L/∂x_j ≈ (L(x + h e_j) − L(x − h e_j)) / (x_j⁺ − x_j⁻)
//
// The perturbed entries x_j± = x_j ± h are Float values (the library computes in Float), and the divisor
// is the difference of those two Float values taken in Double, so that the step actually applied is the
// step divided by. h = step · max(1, |x_j|), so that a large entry still moves by a representable amount.
//
// Error of one entry: |a − n| / max(|a|, |n|, floor), with floor a hundredth of the largest |n| of that
// input's gradient. The floor keeps an entry whose true gradient is zero (a max-pooling loser, say) from
// counting its rounding noise as a huge relative error.

/// Why a gradient comparison could not be made; the description says what to fix.
public enum GradientCheckError: Error, CustomStringConvertible, Equatable {
    /// No input tensors were given.
    case noInputs
    /// An input has no elements.
    case emptyInput(index: Int)
    /// The function returned a tensor of another shape when an input was perturbed.
    case outputShapeChanged(first: [Int], later: [Int])
    /// A hand-written gradient returned the wrong number of tensors.
    case gradientCount(expected: Int, got: Int)
    /// A hand-written gradient returned a tensor whose shape is not its input's.
    case gradientShape(index: Int, input: [Int], gradient: [Int])

    /// What went wrong, and what to fix.
    public var description: String {
        switch self {
        case .noInputs:
            return "gradientCheck: no input tensors were given"
        case let .emptyInput(index):
            return "gradientCheck: input \(index) has no elements"
        case let .outputShapeChanged(first, later):
            return "gradientCheck: the function returned shape \(first), then \(later) for a perturbed input"
        case let .gradientCount(expected, got):
            return "gradientCheck: the gradient returned \(got) tensors for \(expected) inputs"
        case let .gradientShape(index, input, gradient):
            return "gradientCheck: gradient \(index) has shape \(gradient) but its input has shape \(input)"
        }
    }
}

/// The outcome of comparing a gradient with finite differences.
public struct GradientComparison {
    /// The gradient under test, one tensor per input (from autograd or from a hand-written formula).
    public let analytic: [Tensor]
    /// The central finite-difference gradient, one tensor per input.
    public let numeric: [Tensor]
    /// The largest entry error of each input (see `maxRelativeError`).
    public let relativeErrors: [Double]
    /// The largest entry error over all inputs: |a − n| / max(|a|, |n|, a hundredth of the largest |n|).
    public let maxRelativeError: Double
    /// Which input and which (row-major) element the largest error is at.
    public let worst: (input: Int, element: Int)
}

/// Compares the gradient of `function` at `inputs` (by default autograd's) with central finite differences,
/// without recording a check. `gradientCheck` records one; this is for showing that two gradients differ.
///
/// - Parameters:
///   - inputs: the point; the tensors are not modified.
///   - step: the relative perturbation h / max(1, |x|).
///   - seed: the seed of the random projection that reduces the output to a scalar.
///   - gradient: a hand-written backward: given the inputs and the upstream gradient (shape of the output),
///     the gradient of each input. `nil` uses autograd.
///   - function: the function to differentiate; it is called once with tensors that require gradients and
///     then, without recording, twice per input element.
public func compareGradients(
    at inputs: [Tensor], step: Double = 1e-2, seed: UInt64 = 0,
    gradient: (([Tensor], Tensor) -> [Tensor])? = nil, _ function: ([Tensor]) -> Tensor
) throws(GradientCheckError) -> GradientComparison {
    guard !inputs.isEmpty else { throw .noInputs }
    if let empty = inputs.firstIndex(where: { $0.count == 0 }) { throw .emptyInput(index: empty) }
    let (analytic, projection) = try analyticGradients(at: inputs, seed: seed, gradient: gradient, function)
    let numeric = try numericGradients(at: inputs, step: step, projection: projection, function)
    return entryErrors(analytic: analytic, numeric: numeric)
}

/// The analytic side: one forward pass that records, then backward (or the hand-written `gradient`)
/// with a random projection of the output as upstream gradient; the gradients and that projection.
private func analyticGradients(
    at inputs: [Tensor], seed: UInt64, gradient: (([Tensor], Tensor) -> [Tensor])?, _ function: ([Tensor]) -> Tensor
) throws(GradientCheckError) -> (gradients: [Tensor], projection: Tensor) {
    let leaves = inputs.map { Tensor(shape: $0.shape, scalars: $0.scalars, requiresGrad: true) }
    let output = function(leaves)
    let generator = RandomGenerator(seed: seed)
    let projection = Tensor(shape: output.shape, scalars: (0..<output.count).map { _ in generator.nextNormal() })
    guard let gradient else {
        if output.requiresGrad { output.backward(projection) }
        return (leaves.map { leaf in leaf.grad.map { $0.detach() } ?? Tensor.zeros(leaf.shape) }, projection)
    }
    let plain = inputs.map { Tensor(shape: $0.shape, scalars: $0.scalars) }
    let analytic = noGrad { gradient(plain, projection) }
    guard analytic.count == inputs.count else { throw .gradientCount(expected: inputs.count, got: analytic.count) }
    for (index, (input, grad)) in zip(inputs, analytic).enumerated() where grad.shape != input.shape {
        throw .gradientShape(index: index, input: input.shape, gradient: grad.shape)
    }
    return (analytic, projection)
}

/// The numeric side: central differences of the projected output, two evaluations per input element,
/// in Float, reduced in Double.
private func numericGradients(
    at inputs: [Tensor], step: Double, projection: Tensor, _ function: ([Tensor]) -> Tensor
) throws(GradientCheckError) -> [Tensor] {
    let weights = projection.scalars.map(Double.init)
    let point = inputs.map { Tensor(shape: $0.shape, scalars: $0.scalars) }
    var shapeError: GradientCheckError?
    func loss() -> Double {
        let value = noGrad { function(point) }
        if value.shape != projection.shape, shapeError == nil {
            shapeError = .outputShapeChanged(first: projection.shape, later: value.shape)
        }
        return zip(value.scalars, weights).reduce(0.0) { $0 + Double($1.0) * $1.1 }
    }
    var numeric: [Tensor] = []
    for tensor in point {
        var derivatives = [Float](repeating: 0, count: tensor.count)
        for element in 0..<tensor.count {
            let original = tensor.scalars[element]
            let h = Float(step * max(1, Double(abs(original))))
            let plus = original + h, minus = original - h
            tensor.scalars[element] = plus
            let lossPlus = loss()
            tensor.scalars[element] = minus
            let lossMinus = loss()
            tensor.scalars[element] = original
            derivatives[element] = Float((lossPlus - lossMinus) / (Double(plus) - Double(minus)))
        }
        numeric.append(Tensor(shape: tensor.shape, scalars: derivatives))
    }
    if let shapeError { throw shapeError }
    return numeric
}

/// Each entry's error `|a − n| / max(|a|, |n|, floor)` (floor: a hundredth of the input's largest
/// numeric entry), the largest per input and overall, and where it is.
private func entryErrors(analytic: [Tensor], numeric: [Tensor]) -> GradientComparison {
    var relativeErrors: [Double] = []
    var worst = (input: 0, element: 0), largest = -1.0
    for (index, (a, n)) in zip(analytic, numeric).enumerated() {
        let scale = n.scalars.map { Double(abs($0)) }.max() ?? 0
        let floor = max(scale / 100, Double.leastNormalMagnitude)
        var inputLargest = 0.0
        for (element, (ai, ni)) in zip(a.scalars.map(Double.init), n.scalars.map(Double.init)).enumerated() {
            let error = ai.isFinite && ni.isFinite ? abs(ai - ni) / max(abs(ai), abs(ni), floor) : .infinity
            if error > inputLargest { inputLargest = error }
            if error > largest { largest = error; worst = (index, element) }
        }
        relativeErrors.append(inputLargest)
    }
    return GradientComparison(
        analytic: analytic, numeric: numeric, relativeErrors: relativeErrors,
        maxRelativeError: max(largest, 0), worst: worst)
}

/// Checks the gradient of `function` at `inputs` against central finite differences: one check, which
/// passes when the largest entry error is at most `tolerance`. The check's label ends with the error found.
///
/// ```swift
/// let x = Tensor.randn([4, 3])
/// gradientCheck("batch norm, input gradient", at: [x]) { inputs in
///     batchNorm(inputs[0], runningMean: nil, runningVar: nil, training: true)
/// }
/// ```
///
/// - Parameters:
///   - label: the check's name in the report (empty: "gradient check").
///   - inputs: the points to differentiate at; each gets a gradient.
///   - step: the finite-difference step h, in Double: (f(x + h) − f(x − h)) / 2h.
///   - tolerance: the largest relative error per entry that passes.
///   - seed: seeds the random upstream gradient the function's output is weighted with.
///   - gradient: a hand-written backward (inputs, upstream gradient) → input gradients to check instead of
///     autograd's; see `compareGradients`.
///   - line: the line of the call, where the check is reported.
///   - function: the function of the inputs whose gradient is checked.
/// - Returns: the comparison, or `nil` when it could not be made (that is then a failed check).
@discardableResult
public func gradientCheck(
    _ label: String = "", at inputs: [Tensor], step: Double = 1e-2, tolerance: Double = 1e-2, seed: UInt64 = 0,
    gradient: (([Tensor], Tensor) -> [Tensor])? = nil,
    line: UInt = #line, _ function: ([Tensor]) -> Tensor
) -> GradientComparison? {
    let name = label.isEmpty ? "gradient check" : label
    do {
        let comparison = try compareGradients(at: inputs, step: step, seed: seed, gradient: gradient, function)
        let error = comparison.maxRelativeError
        let passed = error <= tolerance
        let location = inputs.count > 1 ? " in input \(comparison.worst.input)" : ""
        recordCheck(
            passed: passed,
            label: "\(name) (largest relative error \(formatError(error))\(location), tolerance \(formatError(tolerance)))",
            expected: "relative error ≤ \(formatError(tolerance))",
            actual: "\(formatError(error)) at element \(comparison.worst.element) of input \(comparison.worst.input): "
                + "gradient \(formatNumber(comparison.analytic[comparison.worst.input].scalars[comparison.worst.element])), "
                + "finite differences \(formatNumber(comparison.numeric[comparison.worst.input].scalars[comparison.worst.element]))",
            line: line)
        return comparison
    } catch {
        recordCheck(passed: false, label: name, expected: "a gradient comparison", actual: error.description, line: line)
        return nil
    }
}

/// `gradientCheck` for a function of one tensor.
@discardableResult
public func gradientCheck(
    _ label: String = "", at input: Tensor, step: Double = 1e-2, tolerance: Double = 1e-2, seed: UInt64 = 0,
    gradient: ((Tensor, Tensor) -> Tensor)? = nil,
    line: UInt = #line, _ function: (Tensor) -> Tensor
) -> GradientComparison? {
    gradientCheck(
        label, at: [input], step: step, tolerance: tolerance, seed: seed,
        gradient: gradient.map { single in { inputs, upstream in [single(inputs[0], upstream)] } },
        line: line) { function($0[0]) }
}

/// An error size in short scientific form, e.g. `3.1e-05`.
func formatError(_ value: Double) -> String {
    if value == 0 { return "0" }
    if !value.isFinite { return String(value) }
    return String(format: "%.1e", value)
}
