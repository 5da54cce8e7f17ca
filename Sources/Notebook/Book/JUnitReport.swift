import Foundation

/// JUnit XML for CI: one `testsuite` per chapter, one `testcase` per check (with its cell's run time),
/// failures with their location.
public enum JUnitReport {
    /// - Parameters:
    ///   - results: the chapters that ran.
    ///   - errors: chapters that could not be run, by path, with the message (`path:line: …` for a
    ///     malformed chapter): each is a suite with one test case in error, so CI lists it too.
    public static func xml(_ results: [ChapterResult], errors: [(path: String, message: String)] = []) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let total = results.reduce(0) { $0 + $1.checks.count } + errors.count
        let failures = results.reduce(0) { $0 + $1.failed }
        xml += "<testsuites name=\"folio\" tests=\"\(total)\" failures=\"\(failures)\" errors=\"\(errors.count)\">\n"
        for error in errors {
            let path = escape(error.path), message = escape(error.message)
            xml += "  <testsuite name=\"\(path)\" tests=\"1\" failures=\"0\" errors=\"1\">\n"
            xml += "    <testcase classname=\"\(path)\" name=\"\(message)\">\n      <error message=\"\(message)\" type=\"malformed\"/>\n    </testcase>\n"
            xml += "  </testsuite>\n"
        }
        for result in results {
            xml += "  <testsuite name=\"\(escape(result.path))\" tests=\"\(result.checks.count)\" failures=\"\(result.failed)\" time=\"\(String(format: "%.3f", result.seconds))\">\n"
            for check in result.checks {
                let name = escape("\(result.path):\(check.line): \(check.label)")
                // A check takes the time of its cell (the cell's run time; 0 for a cell that did not run).
                let cellSeconds = check.kind != .inlineValue && result.cells.indices.contains(check.cell) ? result.cells[check.cell].seconds : nil
                xml += "    <testcase classname=\"\(escape(result.path))\" name=\"\(name)\" time=\"\(String(format: "%.3f", cellSeconds ?? 0))\""
                if check.passed {
                    xml += "/>\n"
                } else {
                    var body = ""
                    if let expected = check.expected { body += "expected:\n\(expected)\n" }
                    if let actual = check.actual { body += "actual:\n\(actual)\n" }
                    xml += ">\n      <failure message=\"\(name)\" type=\"\(check.kind.rawValue)\">\(escape(body))</failure>\n    </testcase>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    /// `text` as XML 1.0 character data or attribute value: the five special characters escaped, and
    /// the characters XML 1.0 cannot hold at all (control characters such as ESC or BEL, U+FFFE,
    /// U+FFFF) written as `\u{1b}`, so that any CI parser reads the file.
    static func escape(_ text: String) -> String {
        var allowed = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let valid = value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value != 0xFFFE && value != 0xFFFF)
            if valid { allowed.unicodeScalars.append(scalar) } else { allowed += "\\u{\(String(value, radix: 16))}" }
        }
        return HTML.escape(allowed)
    }
}
