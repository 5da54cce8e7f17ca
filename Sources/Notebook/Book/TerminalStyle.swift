/// How text meant for a terminal is dressed. `Notebook` writes no escape sequence of its own: the
/// command line decides (colours on a colour terminal, ``PlainTerminalStyle`` in a log or a test).
public protocol TerminalStyle: Sendable {
    /// A passing verdict (`PASS`).
    func passed(_ text: String) -> String
    /// A failing verdict (`FAIL`).
    func failed(_ text: String) -> String
    /// The characters of a diff line that differ; nil when the style cannot mark them in place (then
    /// a line of `^` under the line points at them).
    func marked(_ text: String) -> String?
    /// What moves the cursor up over `count` lines the progress board drew and clears them (empty for none).
    func clearing(lines count: Int) -> String
}

/// Text as it is: no colour, carets under differing characters, no redrawing.
public struct PlainTerminalStyle: TerminalStyle {
    /// The plain style.
    public init() {}
    /// `text` unchanged.
    public func passed(_ text: String) -> String { text }
    /// `text` unchanged.
    public func failed(_ text: String) -> String { text }
    /// Nil: differences are shown by a caret line.
    public func marked(_ text: String) -> String? { nil }
    /// Empty: nothing is redrawn.
    public func clearing(lines count: Int) -> String { "" }
}
