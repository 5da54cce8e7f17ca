import Foundation

/// A check that moved toward its tolerance between two runs (`folio check --compare OLD.json`).
public struct Drift: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        /// It passed in the old run and fails now.
        case nowFails
        /// It passes, but its margin grew by this factor.
        case grew(Double)
    }
    public var key: String
    public var file: String
    public var line: Int
    public var label: String
    public var oldMargin: Double?
    public var newMargin: Double?
    public var change: Change

    /// Margins below this count as this much: a check that was exact and is now off by a rounding
    /// error (a margin of 1e-9) has not drifted.
    public static let marginFloor = 1e-3

    /// The checks of `new` that drifted since `old`: those that passed then and fail now, and those that
    /// still pass with a margin more than `factor` times the old one. New failures first, then by growth.
    public static func find(old: ResultsFile, new: ResultsFile, factor: Double) -> [Drift] {
        let before = Dictionary(old.chapters.flatMap(\.checks).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var drifts: [Drift] = []
        for check in new.chapters.flatMap(\.checks) {
            guard let earlier = before[check.key] else { continue }
            let change: Change
            if earlier.passed && !check.passed {
                change = .nowFails
            } else if check.passed, let now = check.margin, let then = earlier.margin,
                      max(now, marginFloor) > factor * max(then, marginFloor) {
                change = .grew(max(now, marginFloor) / max(then, marginFloor))
            } else {
                continue
            }
            drifts.append(Drift(key: check.key, file: check.file, line: check.line, label: check.label,
                                oldMargin: earlier.margin, newMargin: check.margin, change: change))
        }
        return drifts.sorted { a, b in
            switch (a.change, b.change) {
            case (.nowFails, .grew): return true
            case (.grew, .nowFails): return false
            case (.grew(let x), .grew(let y)) where x != y: return x > y
            default: return (a.file, a.line) < (b.file, b.line)
            }
        }
    }

    /// The line `folio check --compare` prints for it.
    public var text: String {
        func show(_ margin: Double?) -> String { margin.map { String(format: "%.3g", $0) } ?? "?" }
        switch change {
        case .nowFails:
            return "\(file):\(line): \(label): passed before, fails now (margin \(show(oldMargin)) → \(show(newMargin)))"
        case .grew(let factor):
            return "\(file):\(line): \(label): margin \(show(oldMargin)) → \(show(newMargin)) (×\(String(format: "%.3g", factor)), still passes)"
        }
    }
}
