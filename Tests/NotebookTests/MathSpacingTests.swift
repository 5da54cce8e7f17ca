import Testing
@testable import Notebook

/// Spacing and sizes where TeX and MathML's defaults differ: signs, `/`, and `\big`-sized delimiters
/// that carry scripts.
@Suite("TeX spacing and sized delimiters in MathML")
struct MathSpacingTests {
    private func inline(_ tex: String) -> String { MathML.render(tex, display: false) }
    private let sign = "<mo form=\"prefix\" lspace=\"0\" rspace=\"0\">"

    @Test("a minus where an operand starts is a sign, set tight; between operands it is binary")
    func unaryMinus() {
        #expect(inline("-x") == "<math>\(sign)−</mo><mi>x</mi></math>")
        #expect(inline("a = -x") == "<math><mi>a</mi><mo>=</mo>\(sign)−</mo><mi>x</mi></math>")
        #expect(inline("(-1)") == "<math><mo stretchy=\"false\">(</mo>\(sign)−</mo><mn>1</mn><mo stretchy=\"false\">)</mo></math>")
        #expect(inline("a, -b") == "<math><mi>a</mi><mo>,</mo>\(sign)−</mo><mi>b</mi></math>")
        #expect(inline("a - b") == "<math><mi>a</mi><mo>−</mo><mi>b</mi></math>")
        #expect(inline("(a) - b") == "<math><mo stretchy=\"false\">(</mo><mi>a</mi><mo stretchy=\"false\">)</mo><mo>−</mo><mi>b</mi></math>")
        #expect(inline("x_i - 1") == "<math><msub><mi>x</mi><mi>i</mi></msub><mo>−</mo><mn>1</mn></math>")
    }

    @Test("a plus after a relation is a sign too; after a sum's limits a minus is a sign")
    func otherSigns() {
        #expect(inline("= +1") == "<math><mo>=</mo>\(sign)+</mo><mn>1</mn></math>")
        #expect(inline(#"\sum_i -x"#) == "<math><msub><mo>∑</mo><mi>i</mi></msub>\(sign)−</mo><mi>x</mi></math>")
    }

    @Test("/ is set tight, as TeX's ordinary slash: 1/n, not 1 / n")
    func slash() {
        #expect(inline("1/n") == "<math><mn>1</mn><mo stretchy=\"false\" lspace=\"0\" rspace=\"0\">/</mo><mi>n</mi></math>")
    }

    @Test("a \\Big delimiter that carries a script is the base in an mrow of its own, so it grows like its partner")
    func sizedDelimiterWithScript() {
        let size = "minsize=\"1.623em\" maxsize=\"1.623em\""
        #expect(inline(#"\Big( x \Big)^2"#)
                == "<math><mo \(size)>(</mo><mi>x</mi><msup><mrow><mo \(size)>)</mo></mrow><mn>2</mn></msup></math>")
        let big = "minsize=\"1.2em\" maxsize=\"1.2em\""
        #expect(inline(#"\bigl( x \bigr)_k"#)
                == "<math><mo \(big)>(</mo><mi>x</mi><msub><mrow><mo \(big)>)</mo></mrow><mi>k</mi></msub></math>")
    }
}
