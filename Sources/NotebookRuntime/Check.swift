import Foundation
import FolioProtocol

/// Records one check: passes when `condition` is true. A failing check does not stop the program;
/// `folio` counts it, reports it at the caller's chapter line, and exits with 1.
///
/// ```swift
/// check(loss < 0.5, "the loss went down")
/// ```
public func check(_ condition: Bool, _ label: String = "", line: UInt = #line) {
    recordCheck(passed: condition, label: label, expected: nil, actual: nil, line: line)
}

/// Records a check that passed or failed, with what was expected and what was found.
/// `margin` (for numbers) is `|a − e| / (atol + rtol·|e|)` of the worst pair; sent only when finite.
func recordCheck(passed: Bool, label: String, expected: String?, actual: String?, line: UInt, margin: Double? = nil) {
    let event = SideChannelEvent.check(cell: SideChannel.currentCell, line: Int(line), passed: passed, label: label,
                                       expected: expected, actual: actual, margin: margin)
    if !passed { SideChannel.noteFailure() }
    let verdict = passed ? "passed" : "FAILED"
    let detail = passed || expected == nil ? "" : ": expected \(expected!), got \(actual ?? "?")"
    SideChannel.send(event, fallback: "line \(line): check \(verdict) \(label)\(detail)")
}
