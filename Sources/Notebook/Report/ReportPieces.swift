import Foundation

/// The two build-time transforms a report page delegates: math in prose and Swift highlighting.
///
/// ``standard`` (what `folio render` uses) converts `$…$` / `$$…$$` to MathML with
/// ``MathMarkdown`` and highlights cells with ``SwiftHighlighter``; ``plain`` leaves math as text
/// and only escapes code, so that tests of the page's structure read simply.
public struct ReportPieces: Sendable {
    /// Replaces the math of Markdown by placeholders that Markdown leaves alone (line numbers kept).
    public var protectMath: @Sendable (_ markdown: String) -> MathProtection
    /// Swift source → HTML (escaped, with `<span>`s for highlighting).
    public var highlightSwift: @Sendable (_ code: String) -> String

    public init(protectMath: @escaping @Sendable (String) -> MathProtection,
                highlightSwift: @escaping @Sendable (String) -> String) {
        self.protectMath = protectMath
        self.highlightSwift = highlightSwift
    }

    /// Math left as written, code escaped without colours.
    public static let plain = ReportPieces(
        protectMath: { MathProtection(markdown: $0, restoreHTML: { $0 }, restoreText: { $0 }, warnings: []) },
        highlightSwift: { HTML.escape($0) })

    /// MathML for math, highlighted Swift: what `folio render` uses.
    public static let standard = ReportPieces(
        protectMath: { MathProtection(MathMarkdown.protect($0)) },
        highlightSwift: { SwiftHighlighter.highlight($0) })

    /// HTML for a line of plain text that may hold math (a title, a heading): escaped, with its
    /// formulas as MathML.
    public func textHTML(_ text: String) -> String {
        let protection = protectMath(text)
        return protection.restoreHTML(HTML.escape(protection.markdown))
    }
}

/// Markdown with its math hidden, and how to put the math back.
public struct MathProtection: Sendable {
    /// The Markdown to hand to cmark; line N is line N of the input.
    public var markdown: String
    /// Replaces the placeholders in HTML made from `markdown` by the formulas' HTML.
    public var restoreHTML: @Sendable (_ html: String) -> String
    /// Replaces the placeholders in plain text taken from `markdown` by the formulas' TeX source.
    public var restoreText: @Sendable (_ text: String) -> String
    /// Formulas that could not be rendered in full.
    public var warnings: [MathWarning]

    public init(markdown: String, restoreHTML: @escaping @Sendable (String) -> String,
                restoreText: @escaping @Sendable (String) -> String, warnings: [MathWarning]) {
        self.markdown = markdown
        self.restoreHTML = restoreHTML
        self.restoreText = restoreText
        self.warnings = warnings
    }

    /// The protection `MathMarkdown.protect` made: MathML in HTML, TeX in text, one warning per problem.
    public init(_ protected: ProtectedMarkdown) {
        self.init(markdown: protected.markdown,
                  restoreHTML: { protected.restore(html: $0) },
                  restoreText: { protected.restoreText($0) },
                  warnings: protected.spans.flatMap { span in
                      span.problems.map { MathWarning(line: span.line, tex: span.tex, problem: $0.description) }
                  })
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
