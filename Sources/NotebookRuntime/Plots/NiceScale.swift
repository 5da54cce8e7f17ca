import Foundation

/// An axis scale with "nice" ticks (steps of 1, 2 or 5 times a power of ten) covering the data.
public struct NiceScale: Equatable {
    /// The ends of the axis (the data range widened to whole steps).
    public var lower: Double
    /// The top of the axis: the first tick at or above the largest value.
    public var upper: Double
    /// Distance between two ticks.
    public var step: Double
    /// Tick positions, from `lower` to `upper`.
    public var ticks: [Double]

    /// A scale for data between `minimum` and `maximum` with about `targetTicks` ticks.
    /// A single value gets a unit range around it; non-finite bounds give 0…1. With
    /// `integerSteps` the step is at least 1 (an epoch or index axis has no 0.5).
    public init(minimum: Double, maximum: Double, targetTicks: Int = 5, integerSteps: Bool = false) {
        var low = minimum, high = maximum
        if !low.isFinite || !high.isFinite || low > high { (low, high) = (0, 1) }
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            (low, high) = (low - pad, high + pad)
        }
        var step = Self.niceStep(span: high - low, targetTicks: max(targetTicks, 2))
        if integerSteps { step = max(step, 1) }
        let first = (low / step).rounded(.down)
        let last = (high / step).rounded(.up)
        self.step = step
        lower = first * step
        upper = last * step
        // Multiples of the step, computed from integers so that 0.1 * 3 prints as 0.3.
        ticks = stride(from: first, through: last, by: 1).map { Self.clean($0 * step, step: step) }
    }

    /// Ticks of `targetTicks` inside `minimum…maximum` without widening it (for a color bar).
    public static func ticks(inside minimum: Double, _ maximum: Double, targetTicks: Int = 5) -> [Double] {
        guard minimum.isFinite, maximum.isFinite, minimum < maximum else { return minimum.isFinite ? [minimum] : [] }
        let step = niceStep(span: maximum - minimum, targetTicks: max(targetTicks, 2))
        let first = (minimum / step).rounded(.up)
        let last = (maximum / step).rounded(.down)
        guard first <= last else { return [] }
        return stride(from: first, through: last, by: 1).map { clean($0 * step, step: step) }
    }

    /// 1, 2 or 5 times a power of ten, so that the span holds about `targetTicks` steps.
    static func niceStep(span: Double, targetTicks: Int) -> Double {
        let rough = span / Double(targetTicks)
        let power = pow(10, (log10(rough)).rounded(.down))
        let fraction = rough / power
        let nice: Double
        if fraction < 1.5 { nice = 1 } else if fraction < 3.5 { nice = 2 } else if fraction < 7.5 { nice = 5 } else { nice = 10 }
        return nice * power
    }

    /// Rounds away binary noise (0.30000000000000004) at the precision of the step, and -0.
    private static func clean(_ value: Double, step: Double) -> Double {
        let decimals = max(0, Int(-log10(step).rounded(.down)) + 1)
        let factor = pow(10, Double(min(decimals, 15)))
        let rounded = (value * factor).rounded() / factor
        return rounded == 0 ? 0 : rounded
    }

    /// Maps a data value linearly to pixels: `lower` to `start`, `upper` to `end` (`end` may be
    /// smaller than `start`, as for a y axis pointing up).
    public func position(of value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// The label of a tick: as many decimals as the step needs.
    public func label(_ tick: Double) -> String {
        let magnitude = max(abs(lower), abs(upper))
        if magnitude >= 1e6 || (step < 1e-4 && magnitude < 1e-3) {
            return String(format: "%.1e", tick)
        }
        // Steps are 1, 2 or 5 times a power of ten, so the step's power gives the decimals.
        let decimals = max(0, Int(-log10(step).rounded(.down)))
        return String(format: "%.\(decimals)f", tick)
    }
}
