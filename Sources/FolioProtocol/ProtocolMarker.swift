/// The markers a chapter program prints on its standard output and standard error so that `folio` can
/// tell the cells apart: STX (0x02) `FOLIO:<token>:<kind>:<fields>` ETX (0x03). The token is random per
/// run (``ProtocolEnvironment/markerToken``), so bytes a cell prints, even STX `FOLIO:E:0` ETX, are only
/// output. A marker is at most ``maximumLength`` bytes; a longer one is not a marker.
public enum ProtocolMarker {
    /// What a marker says.
    public enum Kind: String, Sendable, CaseIterable {
        /// `B:<cell>`: cell `cell` (0-based) starts.
        case beginCell = "B"
        /// `E:<cell>`: cell `cell` ended.
        case endCell = "E"
        /// `P:<cell>`: a recorded body started in this cell (the time limits pause).
        case bodyStarted = "P"
        /// `U:<cell>`: the body ended.
        case bodyEnded = "U"
        /// `G:<cell>:<done>:<total>:<message>`: progress of long work.
        case progress = "G"
        /// `I:<k>`: inline value `k` of the prose starts.
        case beginInline = "I"
        /// `J:<k>`: inline value `k` was evaluated.
        case endInline = "J"
    }

    public static let start: UInt8 = 0x02
    public static let stop: UInt8 = 0x03
    /// The longest marker, STX and ETX included (a progress message is cut to fit).
    public static let maximumLength = 512
    /// The longest progress message a marker carries, in bytes.
    public static let maximumMessageLength = 300

    /// The marker text.
    public static func text(_ kind: Kind, token: String, _ fields: [String]) -> String {
        "\u{2}\(opening(token: token))\(kind.rawValue):\(fields.joined(separator: ":"))\u{3}"
    }

    /// What every marker of a run starts with after STX: `FOLIO:<token>:`.
    public static func opening(token: String) -> String { "FOLIO:\(token):" }

    /// A new random token: 32 hexadecimal digits.
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let value = UInt32.random(in: 0...UInt32.max, using: &generator)
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 8 - digits.count) + digits
        }.joined()
    }
}
