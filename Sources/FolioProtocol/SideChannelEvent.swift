import Foundation

/// One line of the side channel (a JSON object and a newline): what a chapter program tells `folio`
/// beside its printed output. `NotebookRuntime` encodes it, `Notebook` decodes it; absent fields are
/// left out of the line.
///
/// ```json
/// {"event":"check","cell":2,"line":41,"passed":false,"label":"loss","expected":"0.5","actual":"0.7","margin":3.1}
/// ```
public struct SideChannelEvent: Codable, Equatable, Sendable {
    /// What an event reports.
    public enum Kind: String, Codable, Sendable {
        /// A `check` or `expectClose` result (`line`, `passed`, `label`, and `expected`/`actual`/`margin` when known).
        case check
        /// An HTML fragment to show under the cell (`html`).
        case html
        /// A recorded run made or loaded (`line`, `name`, `status`, `verified`, `verifyFailed`, `provenance`).
        case record
        /// The text of an inline value of the prose (`index`, `text`).
        case inline
    }

    /// What the event reports.
    public var event: Kind
    /// The index of the cell that was running (-1 before the first cell).
    public var cell: Int
    /// The chapter line of the call that sent it.
    public var line: Int?
    /// Whether a check passed.
    public var passed: Bool?
    /// A check's label.
    public var label: String?
    /// What a check expected, as text.
    public var expected: String?
    /// What a check found, as text.
    public var actual: String?
    /// A check's margin (`|a − e| / (atol + rtol·|e|)`, ``Closeness/margin(_:_:rtol:atol:)``), when it compared numbers.
    public var margin: Double?
    /// An HTML fragment.
    public var html: String?
    /// A record's name.
    public var name: String?
    /// A record's status (`made`, `loaded`, …).
    public var status: String?
    /// Whether a record's `verify` ran and passed.
    public var verified: Bool?
    /// Whether a record's `verify` failed a check.
    public var verifyFailed: Bool?
    /// Where a record's value came from.
    public var provenance: String?
    /// An inline value's index (0-based, in chapter order).
    public var index: Int?
    /// An inline value's text, as `print` writes it.
    public var text: String?

    /// An event with only its kind and cell set.
    public init(_ event: Kind, cell: Int) {
        self.event = event
        self.cell = cell
    }

    /// A check result; a margin that is not finite is left out (JSON has no infinity).
    public static func check(cell: Int, line: Int, passed: Bool, label: String,
                             expected: String? = nil, actual: String? = nil, margin: Double? = nil) -> Self {
        var event = Self(.check, cell: cell)
        event.line = line
        event.passed = passed
        event.label = label
        event.expected = expected
        event.actual = actual
        event.margin = margin.flatMap { $0.isFinite ? $0 : nil }
        return event
    }

    /// An HTML fragment for the cell.
    public static func html(cell: Int, _ html: String) -> Self {
        var event = Self(.html, cell: cell)
        event.html = html
        return event
    }

    /// A recorded run's outcome.
    public static func record(cell: Int, line: Int, name: String, status: String, verified: Bool, verifyFailed: Bool,
                              provenance: String?) -> Self {
        var event = Self(.record, cell: cell)
        event.line = line
        event.name = name
        event.status = status
        event.verified = verified
        event.verifyFailed = verifyFailed
        event.provenance = provenance
        return event
    }

    /// The text of inline value `index`.
    public static func inline(cell: Int, index: Int, text: String) -> Self {
        var event = Self(.inline, cell: cell)
        event.index = index
        event.text = text
        return event
    }

    /// The event as one line of JSON, newline included.
    public func jsonLine() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// The events in `bytes` (JSON lines); a line that is not a whole event (the program died while
    /// writing it, or a cell wrote something else) is skipped.
    public static func events(in bytes: [UInt8]) -> [SideChannelEvent] {
        let decoder = JSONDecoder()
        return bytes.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(Self.self, from: Data($0)) }
    }
}
