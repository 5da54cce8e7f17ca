import Foundation

/// Converts TeX math (the subset textbooks use) to MathML at build time, so that a report shows
/// formulas with no script and no network.
///
/// ```swift
/// MathML.render(#"\frac{1}{m} \sum_{j=1}^m x_k^j"#, display: true)
/// // <math display="block"><mfrac><mn>1</mn><mi>m</mi></mfrac><munderover>…</munderover>…</math>
/// ```
/// Unsupported input never crashes and is never dropped: an unknown command renders as an
/// `<merror>` showing its source, and a malformed formula (an unclosed brace, `\left` without
/// `\right`) renders as one `<merror>` showing the whole source, with the reason as its title.
public enum MathML {
    /// The result of a conversion: the `<math>` element and what could not be rendered.
    public struct Conversion: Equatable, Sendable {
        /// A `<math>` element (`display="block"` for display math).
        public var mathML: String
        /// Problems found, in source order; empty when the formula rendered in full.
        public var problems: [MathError]

        /// A conversion (a test's stand-in for the converter makes its own).
        public init(mathML: String, problems: [MathError]) {
            self.mathML = mathML
            self.problems = problems
        }
    }

    /// The `<math>` element for `tex`; `display` selects block (`$$…$$`) or inline (`$…$`) math.
    public static func render(_ tex: String, display: Bool) -> String {
        convert(tex, display: display).mathML
    }

    /// Like `render`, and also returns the problems so that a caller can warn with `file:line`.
    public static func convert(_ tex: String, display: Bool) -> Conversion {
        var parser = MathParser(tex, display: display)
        do {
            let nodes = try parser.parseFormula()
            return Conversion(mathML: MathMLWriter.math(nodes, display: display), problems: parser.problems)
        } catch {
            let shown = MathNode.error(source: tex.trimmingCharacters(in: .whitespacesAndNewlines), message: error.description)
            return Conversion(mathML: MathMLWriter.math([shown], display: display), problems: parser.problems + [error])
        }
    }
}
