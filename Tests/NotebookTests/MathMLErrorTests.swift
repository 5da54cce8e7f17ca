import Testing
@testable import Notebook

/// Unsupported or malformed TeX shows up as a visible error and never takes other text with it.
@Suite("TeX to MathML: errors and escaping")
struct MathMLErrorTests {
    @Test("an unknown command is a local merror showing its source; the rest renders")
    func unknownCommand() {
        let conversion = MathML.convert(#"a + \foo{b}"#, display: false)
        #expect(conversion.mathML == "<math><mi>a</mi><mo>+</mo><merror title=\"unknown TeX command \\foo\"><mtext>\\foo</mtext></merror><mi>b</mi></math>")
        #expect(conversion.problems == [.unknownCommand("foo")])
    }

    @Test("malformed input shows the whole source as one merror with the reason", arguments: [
        (#"\frac{a"#, MathError.missingCloseBrace),
        ("a}", .unexpectedCloseBrace),
        (#"\left( x"#, .missingRight),
        (#"x \right)"#, .unexpectedRight),
        (#"\left< x \right>"#, .badDelimiter("<")),
        (#"\begin{foo} x \end{foo}"#, .unknownEnvironment("foo")),
        (#"\begin{bmatrix} x"#, .missingEnd("bmatrix")),
        (#"\begin{bmatrix} x \end{pmatrix}"#, .mismatchedEnd(expected: "bmatrix", found: "pmatrix")),
        ("x_a_b", .doubleScript("subscripts")),
        ("x^", .missingScript("^")),
        (#"\frac{a}"#, .missingArgument(command: "frac")),
    ])
    func malformed(tex: String, error: MathError) {
        let conversion = MathML.convert(tex, display: false)
        let escapedSource = tex.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        let escapedMessage = error.description.replacingOccurrences(of: "<", with: "&lt;")
        #expect(conversion.mathML == "<math><merror title=\"\(escapedMessage)\"><mtext>\(escapedSource)</mtext></merror></math>")
        #expect(conversion.problems.last == error)
    }

    @Test("& and \\\\ outside a table are local errors")
    func misplacedAlignment() {
        let conversion = MathML.convert(#"a & b"#, display: true)
        #expect(conversion.mathML.contains("<merror title=\"&amp; is only allowed inside an environment such as aligned or bmatrix\"><mtext>&amp;</mtext></merror><mi>b</mi>"))
    }

    @Test("<, > and & are escaped in operators, text and errors")
    func escaping() {
        #expect(MathML.render("a < b > c", display: false) == "<math><mi>a</mi><mo>&lt;</mo><mi>b</mi><mo>&gt;</mo><mi>c</mi></math>")
        #expect(MathML.render(#"\text{a<b & "c"}"#, display: false) == "<math><mtext>a&lt;b &amp; &quot;c&quot;</mtext></math>")
        #expect(MathML.render(#"\text{R\&D}"#, display: false) == "<math><mtext>R&amp;D</mtext></math>")
        #expect(MathML.render(#"\<"#, display: false) == "<math><merror title=\"unknown TeX command \\&lt;\"><mtext>\\&lt;</mtext></merror></math>")
    }

    @Test("a lone backslash at the end does not crash")
    func trailingBackslash() {
        #expect(MathML.render("x\\", display: false) == "<math><mi>x</mi><mi>\\</mi></math>")
    }

    @Test("empty input gives an empty math element")
    func empty() {
        #expect(MathML.render("", display: false) == "<math></math>")
        #expect(MathML.render("  ", display: true) == "<math display=\"block\"></math>")
    }
}

/// Every prefix of real formulas (the shapes a half-typed formula takes while an author edits a
/// chapter under `folio watch`) renders to well-formed MathML without crashing.
@Suite("TeX to MathML: robustness")
struct MathMLRobustnessTests {
    static let formulas = [
        #"\widehat{x_k^j} = \frac{x_k^j - \mu_k}{\sqrt{\sigma_k^2 + \epsilon}}"#,
        #"\begin{aligned} a &= \left( \sum_{k \neq l} p_{kl} \right)^{-1} \\ &= \text{done}_1 \end{aligned}"#,
        #"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix} \cdot \hat{y}' \|x\|_2^2 \sqrt[3]{8} \binom{n}{k} \foo"#,
    ]

    /// Whether every element opened in `xml` is closed in order (self-closing tags aside).
    static func isWellFormed(_ xml: String) -> Bool {
        var stack: [Substring] = []
        var rest = xml[...]
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return false }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasSuffix("/") { continue }
            let name = tag.split(separator: " ").first ?? ""
            if name.hasPrefix("/") {
                guard stack.popLast() == name.dropFirst() else { return false }
            } else {
                stack.append(name)
            }
        }
        return stack.isEmpty
    }

    @Test("every prefix renders to a well-formed math element", arguments: formulas)
    func prefixes(formula: String) {
        for length in 0...formula.count {
            let prefix = String(formula.prefix(length))
            for display in [false, true] {
                let mathML = MathML.render(prefix, display: display)
                #expect(mathML.hasPrefix("<math") && mathML.hasSuffix("</math>"), "\(prefix)")
                #expect(Self.isWellFormed(mathML), "\(prefix)")
            }
        }
    }

    @Test("the well-formedness check rejects crossed and unclosed tags")
    func checkerCanFail() {
        #expect(Self.isWellFormed("<math><mi>x</mi><mspace width=\"1em\"/></math>"))
        #expect(!Self.isWellFormed("<math><mi>x</math></mi>"))
        #expect(!Self.isWellFormed("<math><mrow>"))
    }
}
