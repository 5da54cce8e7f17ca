/// Counts the passes over Markdown text that should each happen once per chapter (cmark parses, math
/// protections), so that a test can check that parsing and rendering a chapter does each once.
final class MarkdownPassCounter: Sendable {
    private let counts = Locked((parses: 0, protections: 0))

    init() {}

    /// The cmark parses counted so far.
    var parses: Int { counts.withLock { $0.parses } }
    /// The math protections counted so far.
    var protections: Int { counts.withLock { $0.protections } }

    func countParse() { counts.withLock { $0.parses += 1 } }
    func countProtection() { counts.withLock { $0.protections += 1 } }
}

/// Where the counting goes: nowhere unless a test binds a counter for its own task.
enum MarkdownPasses {
    @TaskLocal static var counter: MarkdownPassCounter?
}
