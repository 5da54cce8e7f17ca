/// Markers around an inline value of the prose (`` `{swift} expression` ``) in a chapter program's
/// standard output, between STX (0x02) and ETX (0x03) like the cell markers: a trap or a time-out
/// between them is charged to the inline value, at its prose line.
public enum InlineValueMarker {
    /// `FOLIO:I:<k>`: inline value `k` (0-based, in chapter order) starts.
    public static func begin(_ index: Int) -> String { "\u{2}FOLIO:I:\(index)\u{3}" }
    /// `FOLIO:J:<k>`: inline value `k` was evaluated.
    public static func end(_ index: Int) -> String { "\u{2}FOLIO:J:\(index)\u{3}" }
    /// The side-channel event that carries an inline value's text: `{"event":"inline","index":k,"text":…}`.
    public static let event = "inline"
}
