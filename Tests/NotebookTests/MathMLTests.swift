import Testing
@testable import Notebook

/// Exact MathML for each TeX construct the book uses. Expected strings were written by hand from
/// the MathML Core element definitions (mfrac, munderover, msubsup, mover accent, mtable).
@Suite("TeX to MathML")
struct MathMLTests {
    private func inline(_ tex: String) -> String { MathML.render(tex, display: false) }
    private func display(_ tex: String) -> String { MathML.render(tex, display: true) }

    @Test("identifiers, numbers and operators become mi, mn and mo")
    func atoms() {
        #expect(inline("x + 3.5 = y") == "<math><mi>x</mi><mo>+</mo><mn>3.5</mn><mo>=</mo><mi>y</mi></math>")
        #expect(inline("a-b") == "<math><mi>a</mi><mo>−</mo><mi>b</mi></math>")
        #expect(inline("KL") == "<math><mi>K</mi><mi>L</mi></math>")
    }

    @Test("display math is a block math element")
    func displayAttribute() {
        #expect(display("x") == "<math display=\"block\"><mi>x</mi></math>")
    }

    @Test("\\frac gives mfrac, with rows for several nodes")
    func fraction() {
        #expect(inline(#"\frac{1}{m}"#) == "<math><mfrac><mn>1</mn><mi>m</mi></mfrac></math>")
        #expect(inline(#"\frac{a+b}{2}"#)
            == "<math><mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mn>2</mn></mfrac></math>")
        #expect(inline(#"\frac12"#) == "<math><mfrac><mn>1</mn><mn>2</mn></mfrac></math>")
    }

    @Test("sums take limits below and above in display, at the side inline")
    func sumLimits() {
        #expect(display(#"\sum_{j=1}^m x"#) == "<math display=\"block\"><munderover><mo>∑</mo><mrow><mi>j</mi><mo>=</mo><mn>1</mn></mrow><mi>m</mi></munderover><mi>x</mi></math>")
        #expect(inline(#"\sum_{j=1}^m x"#) == "<math><msubsup><mo>∑</mo><mrow><mi>j</mi><mo>=</mo><mn>1</mn></mrow><mi>m</mi></msubsup><mi>x</mi></math>")
        #expect(display(#"\prod_i p_i"#) == "<math display=\"block\"><munder><mo>∏</mo><mi>i</mi></munder><msub><mi>p</mi><mi>i</mi></msub></math>")
    }

    @Test("limits inside a fraction follow text style, as in TeX")
    func limitsInFraction() {
        #expect(display(#"\frac{\sum_i a}{n}"#) == "<math display=\"block\"><mfrac><mrow><msub><mo>∑</mo><mi>i</mi></msub><mi>a</mi></mrow><mi>n</mi></mfrac></math>")
    }

    @Test("subscripts and superscripts, in either order, and primes")
    func scripts() {
        #expect(inline("x_k^j") == "<math><msubsup><mi>x</mi><mi>k</mi><mi>j</mi></msubsup></math>")
        #expect(inline("x^j_k") == "<math><msubsup><mi>x</mi><mi>k</mi><mi>j</mi></msubsup></math>")
        #expect(inline("p_{ij}") == "<math><msub><mi>p</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub></math>")
        #expect(inline("x^{-1}") == "<math><msup><mi>x</mi><mrow><mo form=\"prefix\" lspace=\"0\" rspace=\"0\">−</mo><mn>1</mn></mrow></msup></math>")
        #expect(inline("x^10") == "<math><msup><mi>x</mi><mn>1</mn></msup><mn>0</mn></math>")
        #expect(inline("f'") == "<math><msup><mi>f</mi><mo>′</mo></msup></math>")
        #expect(inline("f''^2") == "<math><msup><mi>f</mi><mrow><mo>″</mo><mn>2</mn></mrow></msup></math>")
        #expect(inline("{}^2") == "<math><msup><mrow></mrow><mn>2</mn></msup></math>")
    }

    @Test("lower-case Greek is italic, upper-case Greek upright")
    func greek() {
        #expect(inline(#"\mu_k \sigma"#) == "<math><msub><mi>μ</mi><mi>k</mi></msub><mi>σ</mi></math>")
        #expect(inline(#"\Sigma \gamma \beta \varepsilon"#) == "<math><mi mathvariant=\"normal\">Σ</mi><mi>γ</mi><mi>β</mi><mi>ε</mi></math>")
    }

    @Test("\\partial in a derivative")
    func partial() {
        #expect(inline(#"\frac{\partial C}{\partial y_i}"#) == "<math><mfrac><mrow><mi>∂</mi><mi>C</mi></mrow><mrow><mi>∂</mi><msub><mi>y</mi><mi>i</mi></msub></mrow></mfrac></math>")
    }

    /// `\widehat` uses U+0302 (combining circumflex): math fonts stretch it over the whole base,
    /// where `^` stayed narrow over x_k^j in Chromium (seen in a screenshot with DejaVu Math).
    @Test("\\hat and \\widehat are accents over their argument")
    func hats() {
        #expect(inline(#"\hat{y}"#) == "<math><mover accent=\"true\"><mi>y</mi><mo stretchy=\"false\">^</mo></mover></math>")
        #expect(inline(#"\widehat{x_k^j}"#) == "<math><mover accent=\"true\"><msubsup><mi>x</mi><mi>k</mi><mi>j</mi></msubsup><mo>&#x302;</mo></mover></math>")
        #expect(inline(#"\bar x"#) == "<math><mover accent=\"true\"><mi>x</mi><mo stretchy=\"false\">¯</mo></mover></math>")
    }

    @Test("norm bars and plain parentheses do not stretch")
    func norms() {
        #expect(inline(#"\|y_i - y_j\|^2"#) == "<math><mo stretchy=\"false\">‖</mo><msub><mi>y</mi><mi>i</mi></msub><mo>−</mo><msub><mi>y</mi><mi>j</mi></msub><msup><mo stretchy=\"false\">‖</mo><mn>2</mn></msup></math>")
        #expect(inline("(a)") == "<math><mo stretchy=\"false\">(</mo><mi>a</mi><mo stretchy=\"false\">)</mo></math>")
        #expect(inline(#"\{x\}"#) == "<math><mo stretchy=\"false\">{</mo><mi>x</mi><mo stretchy=\"false\">}</mo></math>")
    }

    @Test("\\left and \\right make a row with stretchy fences; . is no fence")
    func leftRight() {
        #expect(inline(#"\left(\frac{a}{b}\right)"#) == "<math><mrow><mo>(</mo><mfrac><mi>a</mi><mi>b</mi></mfrac><mo>)</mo></mrow></math>")
        #expect(inline(#"\left[ x \right]"#) == "<math><mrow><mo>[</mo><mi>x</mi><mo>]</mo></mrow></math>")
        #expect(inline(#"\left\{ x \right\}"#) == "<math><mrow><mo>{</mo><mi>x</mi><mo>}</mo></mrow></math>")
        #expect(inline(#"\left| x \right|"#) == "<math><mrow><mo>|</mo><mi>x</mi><mo>|</mo></mrow></math>")
        #expect(inline(#"\left. x \right|"#) == "<math><mrow><mi>x</mi><mo>|</mo></mrow></math>")
        #expect(inline(#"\left\| x \right\|"#) == "<math><mrow><mo>‖</mo><mi>x</mi><mo>‖</mo></mrow></math>")
    }

    @Test("function names are upright, spaced before an argument but not before a parenthesis")
    func functions() {
        #expect(inline(#"\log p"#) == "<math><mi>log</mi><mspace width=\"0.1667em\"/><mi>p</mi></math>")
        #expect(inline(#"\exp(x)"#) == "<math><mi>exp</mi><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></math>")
        #expect(inline(#"\max(a, b)"#) == "<math><mi>max</mi><mo stretchy=\"false\">(</mo><mi>a</mi><mo>,</mo><mi>b</mi><mo stretchy=\"false\">)</mo></math>")
        #expect(display(#"\min_i x"#) == "<math display=\"block\"><munder><mi>min</mi><mi>i</mi></munder><mspace width=\"0.1667em\"/><mi>x</mi></math>")
    }

    @Test("relations, binary operators and arrows", arguments: [
        (#"\neq"#, "≠"), (#"\leq"#, "≤"), (#"\geq"#, "≥"), (#"\approx"#, "≈"), (#"\cdot"#, "⋅"),
        (#"\times"#, "×"), (#"\in"#, "∈"), (#"\rightarrow"#, "→"), (#"\to"#, "→"),
        (#"\dots"#, "…"), (#"\ldots"#, "…"), (#"\cdots"#, "⋯"),
    ])
    func operators(tex: String, glyph: String) {
        #expect(inline("a \(tex) b") == "<math><mi>a</mi><mo>\(glyph)</mo><mi>b</mi></math>")
    }

    @Test("\\infty is an identifier")
    func infinity() {
        #expect(inline(#"n \to \infty"#) == "<math><mi>n</mi><mo>→</mo><mi>∞</mi></math>")
    }

    @Test("\\text keeps spaces and underscores; \\mathrm is upright")
    func text() {
        #expect(inline(#"4 \times \text{hidden_size}"#) == "<math><mn>4</mn><mo>×</mo><mtext>hidden_size</mtext></math>")
        #expect(inline(#"x \text{ if } y"#) == "<math><mi>x</mi><mtext>\u{A0}if\u{A0}</mtext><mi>y</mi></math>")
        #expect(inline(#"\mathrm{d}x"#) == "<math><mi mathvariant=\"normal\">d</mi><mi>x</mi></math>")
        #expect(inline(#"\mathrm{softmax}(z)"#) == "<math><mi>softmax</mi><mo stretchy=\"false\">(</mo><mi>z</mi><mo stretchy=\"false\">)</mo></math>")
    }

    @Test("\\sqrt with and without an index")
    func roots() {
        #expect(inline(#"\sqrt{x+1}"#) == "<math><msqrt><mi>x</mi><mo>+</mo><mn>1</mn></msqrt></math>")
        #expect(inline(#"\sqrt[3]{x}"#) == "<math><mroot><mi>x</mi><mn>3</mn></mroot></math>")
    }

    @Test("spacing commands become mspace")
    func spaces() {
        #expect(inline(#"a\,b\quad c"#) == "<math><mi>a</mi><mspace width=\"0.1667em\"/><mi>b</mi><mspace width=\"1em\"/><mi>c</mi></math>")
    }

    @Test("bmatrix and pmatrix are tables between brackets")
    func matrices() {
        #expect(inline(#"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"#) == "<math><mrow><mo>[</mo><mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>2</mn></mtd></mtr><mtr><mtd><mn>3</mn></mtd><mtd><mn>4</mn></mtd></mtr></mtable><mo>]</mo></mrow></math>")
        #expect(inline(#"\begin{pmatrix} a \\ b \\ \end{pmatrix}"#) == "<math><mrow><mo>(</mo><mtable><mtr><mtd><mi>a</mi></mtd></mtr><mtr><mtd><mi>b</mi></mtd></mtr></mtable><mo>)</mo></mrow></math>")
    }

    @Test("aligned pairs right and left columns in display style")
    func aligned() {
        let expected = "<math display=\"block\"><mtable displaystyle=\"true\">"
            + "<mtr><mtd columnalign=\"right\" style=\"text-align:right;padding-right:0\"><mi>a</mi></mtd>"
            + "<mtd columnalign=\"left\" style=\"text-align:left;padding-left:0\"><mo>=</mo><mi>b</mi></mtd></mtr>"
            + "<mtr><mtd columnalign=\"right\" style=\"text-align:right;padding-right:0\"></mtd>"
            + "<mtd columnalign=\"left\" style=\"text-align:left;padding-left:0\"><mo>=</mo><mi>c</mi></mtd></mtr>"
            + "</mtable></math>"
        #expect(display(#"\begin{aligned} a &= b \\ &= c \end{aligned}"#) == expected)
    }

    @Test("\\not puts a combining slash on the relation, written as a character reference")
    func negation() {
        #expect(inline(#"a \not< b"#) == "<math><mi>a</mi><mo>&lt;&#x338;</mo><mi>b</mi></math>")
    }

    @Test("binomials are fractions without a line between parentheses")
    func binomial() {
        #expect(inline(#"\binom{n}{k}"#) == "<math><mrow><mo>(</mo><mfrac linethickness=\"0\"><mi>n</mi><mi>k</mi></mfrac><mo>)</mo></mrow></math>")
    }

    @Test("\\mathbf and \\mathbb use mathematical alphanumerics")
    func fonts() {
        #expect(inline(#"\mathbf{x} \in \mathbb{R}"#) == "<math><mi>𝐱</mi><mo>∈</mo><mi>ℝ</mi></math>")
    }

    @Test("the seed's t-SNE gradient renders with no problem")
    func seedFormula() {
        let tex = #"q_{ij} = \frac{(1 + \|y_i - y_j\|^2)^{-1}}{\sum_{k \neq l} (1 + \|y_k - y_l\|^2)^{-1}}"#
        let conversion = MathML.convert(tex, display: true)
        #expect(conversion.problems.isEmpty)
        #expect(conversion.mathML.contains("<msub><mo>∑</mo><mrow><mi>k</mi><mo>≠</mo><mi>l</mi></mrow></msub>"))
        #expect(!conversion.mathML.contains("merror"))
    }

    /// Formulas of the seed assignment (batch norm, convolution, pooling, t-SNE), which the book
    /// chapters quote: each must render in full, with no error element.
    @Test("the book's formulas render without problems", arguments: [
        #"\mu_k = \frac{1}{m} \sum_{j=1}^m x_k^j"#,
        #"\sigma_k^2 = \frac{1}{m} \sum_{j=1}^m (x_k^j - \mu_k)^2"#,
        #"\widehat{x_k^j} = \frac{x_k^j - \mu_k}{\sigma_k}"#,
        #"\frac{\partial E}{\partial \gamma^k} = \widehat{x_i^k} \frac{\partial E}{\partial y_i^k}"#,
        #"= \begin{bmatrix} 3 & 11 & 14 & 11 & 3 \\ 5 & 20 & 32 & 27 & 12 \end{bmatrix}"#,
        #"(x_1^p + x_2^p + \dots + x_n^p)^{1/p}"#,
        #"p_{ij} = \frac{\exp(-\|x_i - x_j\|^2 / 2\sigma_i^2)}{\sum_{k \neq i} \exp(-\|x_i - x_k\|^2 / 2\sigma_i^2)}"#,
        #"\frac{\partial C}{\partial y_i} = \sum_j \left(\frac{\partial C}{\partial \|y_i - y_j\|} + \frac{\partial C}{\partial \|y_j - y_i\|} \right) (y_i - y_j)"#,
        #"\begin{aligned} \frac{\partial C}{\partial \|y_i - y_j\|} &= 2 \frac{p_{ij}}{q_{ij} Z} (1 + \|y_i - y_j\|^2)^{-2} \\ &= 2 (p_{ij} - q_{ij}) (1 + \|y_i - y_j\|^2)^{-1} \end{aligned}"#,
        #"KL(P||Q) = \sum_i \sum_j p_{ij} \log \frac{p_{ij}}{q_{ij}}"#,
        #"4 \times \text{hidden_size} = 4 \times 50 = 200"#,
    ])
    func bookFormulas(tex: String) {
        let conversion = MathML.convert(tex, display: true)
        #expect(conversion.problems.isEmpty)
        #expect(!conversion.mathML.contains("<merror"))
    }
}
