import Foundation

/// The two build-time transforms a report page delegates: formulas and Swift highlighting.
///
/// ``standard`` (what `folio render` uses) converts each `$…$` / `$$…$$` formula to MathML with
/// ``MathML`` and highlights cells with ``SwiftHighlighter``; ``plain`` leaves math as written and
/// only escapes code, so that tests of the page's structure read simply. The prose around the
/// formulas is the chapter's (``ChapterProse``): the parser made it, the pieces only fill it in.
public struct ReportPieces: Sendable {
    /// One formula's TeX (`display` for `$$…$$`) → its `<math>` element and problems; nil leaves the
    /// formula as written (its TeX with its dollars, escaped).
    public var convertMath: @Sendable (_ tex: String, _ display: Bool) -> MathML.Conversion?
    /// Swift source → HTML (escaped, with `<span>`s for highlighting).
    public var highlightSwift: @Sendable (_ code: String) -> String

    /// Pieces from the two transforms.
    public init(convertMath: @escaping @Sendable (String, Bool) -> MathML.Conversion?,
                highlightSwift: @escaping @Sendable (String) -> String) {
        self.convertMath = convertMath
        self.highlightSwift = highlightSwift
    }

    /// Math left as written, code escaped without colours.
    public static let plain = ReportPieces(convertMath: { _, _ in nil }, highlightSwift: { HTML.escape($0) })

    /// MathML for math, highlighted Swift: what `folio render` uses.
    public static let standard = ReportPieces(
        convertMath: { MathML.convert($0, display: $1) },
        highlightSwift: { SwiftHighlighter.highlight($0) })

    /// HTML for a line of plain text that may hold math (a title, a heading): escaped, with its
    /// formulas as MathML.
    public func textHTML(_ text: String) -> String {
        textHTMLAndWarnings(text).html
    }

    /// ``textHTML(_:)`` and the warnings about its formulas (lines count from the text's first).
    func textHTMLAndWarnings(_ text: String) -> (html: String, warnings: [MathWarning]) {
        let formulas = MathMarkdown.protect(text, convertingMath: false).converting(with: convertMath)
        return (formulas.restore(html: HTML.escape(formulas.markdown)), formulas.warnings)
    }
}

/// A formula that renders with a visible error: reported on standard error as `file:line`, never a failure.
public struct MathWarning: Equatable, Sendable, CustomStringConvertible {
    /// 1-based line of the formula's opening dollar.
    public var line: Int
    /// The formula's TeX source.
    public var tex: String
    /// What is wrong with it.
    public var problem: String

    public init(line: Int, tex: String, problem: String) {
        self.line = line
        self.tex = tex
        self.problem = problem
    }

    public var description: String { "\(problem) in math '\(tex.trimmingCharacters(in: .whitespacesAndNewlines))'" }

    /// `chapters/x.md:12: warning: unknown TeX command \foo in math 'a + \foo{b}'`.
    public func message(path: String) -> String { "\(path):\(line): warning: \(description)" }
}
