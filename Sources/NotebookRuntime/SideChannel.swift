import Foundation
import FolioProtocol

/// Writes events for `folio` as JSON lines to the pipe folio handed the program (``FolioConnection``).
/// Without it (a chapter program run by hand) events go to standard error as text.
///
/// Each line is one object with an `event` field: `check` (`cell`, `line`, `passed`, `label`, and
/// `expected`/`actual` when known) or `html` (`cell`, `html`). `folio` reads them with its own mirror.
enum SideChannel {
    private static let lock = NSLock()

    /// Failed checks sent so far (``recorded`` tells whether its `verify` passed).
    nonisolated(unsafe) private(set) static var failedChecks = 0
    static func noteFailure() {
        lock.lock()
        failedChecks += 1
        lock.unlock()
    }

    /// Index of the cell that is running (set by the begin marker).
    nonisolated(unsafe) static var currentCell = -1

    /// Writes one event, given as ordered key/value pairs (values: String, Int, Bool).
    static func send(_ fields: [(String, Any)], fallback: @autoclosure () -> String) {
        FolioConnection.connect()
        lock.lock()
        defer { lock.unlock() }
        guard let file = FolioConnection.sideChannel else {
            fputs(fallback() + "\n", stderr)
            return
        }
        let body = fields.map { key, value -> String in
            let encoded: String
            switch value {
            case let text as String: encoded = jsonString(text)
            case let number as Int: encoded = String(number)
            case let flag as Bool: encoded = flag ? "true" : "false"
            case let number as Double: encoded = number.isFinite ? "\(number)" : jsonString("\(number)")
            default: encoded = jsonString(String(describing: value))
            }
            return "\(jsonString(key)):\(encoded)"
        }.joined(separator: ",")
        fputs("{\(body)}\n", file)
        fflush(file)
    }

    /// A JSON string literal for `text`.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
