/// Markers around an inline value of the prose (`` `{swift} expression` ``) in a chapter program's
/// standard output (``ProtocolMarker``): a trap or a time-out between them is charged to the inline
/// value, at its prose line.
public enum InlineValueMarker {
    /// `I:<k>`: inline value `k` (0-based, in chapter order) starts.
    public static func begin(_ index: Int, token: String) -> String { ProtocolMarker.text(.beginInline, token: token, [String(index)]) }
    /// `J:<k>`: inline value `k` was evaluated.
    public static func end(_ index: Int, token: String) -> String { ProtocolMarker.text(.endInline, token: token, [String(index)]) }
}
