import Testing
@testable import Notebook

@Suite("Comparing outputs")
struct OutputComparisonTests {
    let standard = OutputComparison()

    @Test("numbers are tokens of their own: ints, decimals, exponents, nan, inf, signs")
    func tokenizer() {
        let tokens = OutputTokenizer.tokens(of: "a=-1.5e-3, [2, +.5] nan -inf Infinity 7.")
        let numbers = tokens.compactMap { token -> String? in
            if case .number = token.kind { return token.text } else { return nil }
        }
        #expect(numbers == ["-1.5e-3", "2", "+.5", "nan", "-inf", "Infinity", "7."])
        #expect(tokens.first == OutputToken(kind: .text, text: "a", line: 0))
    }

    @Test("a digit glued to letters is a word, and a minus after a word is not a sign")
    func words() {
        let tokens = OutputTokenizer.tokens(of: "x1 12abc x-1 banana")
        #expect(tokens.filter { $0.kind != .space }.map(\.text) == ["x1", "12abc", "x", "-", "1", "banana"])
    }

    @Test("numbers within atol + rtol*|expected| match", arguments: [
        ("1.00005", "1", true),        // |d| = 5e-5 <= 1e-6 + 1e-4
        ("1.0002", "1", false),        // 2e-4 > 1.01e-4
        ("0.0000005", "0", true),      // atol
        ("0.00001", "0", false),
        ("158.0", "158", true),
        ("1e3", "1000", true),
        ("-2.5E-1", "-0.25", true),
        ("0.25", "-0.25", false),       // sign matters
        ("+3", "3", true),
        ("nan", "NaN", true),
        ("nan", "0", false),
        ("inf", "inf", true),
        ("-inf", "inf", false),
        ("1e308", "inf", false),
    ])
    func numbers(actual: String, expected: String, matches: Bool) {
        #expect(standard.matches(actual: actual, expected: expected) == matches)
    }

    @Test("text tokens compare exactly")
    func text() {
        #expect(standard.matches(actual: "loss: 0.5 done", expected: "loss: 0.5 done"))
        #expect(!standard.matches(actual: "Loss: 0.5", expected: "loss: 0.5"))
        #expect(!standard.matches(actual: "loss 0.5", expected: "loss: 0.5"))
    }

    @Test("runs of white space are equal; leading and trailing white space is ignored")
    func whiteSpace() {
        #expect(standard.matches(actual: "1   2\n3\n", expected: "1 2 3"))
        #expect(standard.matches(actual: "\n  [1, 2]\n\n", expected: "[1, 2]"))
        #expect(!standard.matches(actual: "12", expected: "1 2"))
    }

    @Test("white space only separates tokens: padding, or none, is no mismatch")
    func padding() {
        // `show` right-aligns columns; an author may have written them left-aligned or unpadded.
        #expect(standard.matches(actual: "[[ 3, 11],\n [10, 25]]", expected: "[[3 , 11],\n [10, 25]]"))
        #expect(standard.matches(actual: "[[ 3, 11], [10, 25]]", expected: "[[3, 11],\n\n[10, 25]]"))
        #expect(standard.matches(actual: "a\n\n\nb  \n", expected: "a\nb"))
        #expect(!standard.matches(actual: "[[ 3, 11]]", expected: "[[3, 12]]"))
        #expect(standard.firstMismatch(actual: "[ 3, 11]", expected: "[3, 12]")?.actual?.text == "11")
        // The diff pairs tokens across padding, so only the differing number is marked.
        let diff = OutputDiff(actual: "[ 3, 11]", expected: "[3, 12]", options: OutputOptions())
        #expect(diff.lines == [.expected("[3, 12]", marked: [4..<6]), .actual("[ 3, 11]", marked: [5..<7])])
    }

    @Test("missing or extra output is a mismatch at the right place")
    func lengths() {
        let short = standard.firstMismatch(actual: "1 2", expected: "1 2\n3")
        #expect(short?.expected?.text == "3")
        #expect(short?.expected?.line == 1)
        #expect(short?.actual == nil)
        let long = standard.firstMismatch(actual: "1 2 3", expected: "1 2")
        #expect(long?.actual?.text == "3")
        #expect(long?.expected == nil)
    }

    @Test("rtol and atol options change the tolerance")
    func tolerances() {
        #expect(OutputComparison(options: OutputOptions(rtol: 1e-2)).matches(actual: "1.005", expected: "1"))
        #expect(!OutputComparison(options: OutputOptions(rtol: 0, atol: 0)).matches(actual: "1.0000001", expected: "1"))
        #expect(OutputComparison(options: OutputOptions(rtol: 0, atol: 0.1)).matches(actual: "0.05", expected: "0"))
    }

    @Test("exact compares the text itself")
    func exact() {
        let exact = OutputComparison(options: OutputOptions(exact: true))
        #expect(exact.matches(actual: "1.0 a\n", expected: "1.0 a"))
        #expect(!exact.matches(actual: "1.00 a", expected: "1.0 a"))
        #expect(!exact.matches(actual: "1.0  a", expected: "1.0 a"))
        #expect(exact.firstMismatch(actual: "1.00 a", expected: "1.0 a")?.actual?.text == "1.00")
        // Trailing spaces of a line are invisible (and editors strip them); leading ones are not.
        #expect(exact.matches(actual: "a  \nb\t\n\n", expected: "a\nb"))
        #expect(!exact.matches(actual: " a", expected: "a"))
        #expect(!exact.matches(actual: "a\n\nb", expected: "a\nb"))
    }

    @Test("the diff marks only the numbers that differ, in terminal text and in HTML")
    func diff() {
        let diff = OutputDiff(actual: "loss 1\n[1, 5, 3]\n", expected: "loss 1\n[1, 2, 3]", options: OutputOptions())
        #expect(diff.lines == [
            .same("loss 1"),
            .expected("[1, 2, 3]", marked: [4..<5]),
            .actual("[1, 5, 3]", marked: [4..<5]),
        ])
        #expect(diff.terminalText(style: PlainTerminalStyle()) == "  loss 1\n- [1, 2, 3]\n      ^\n+ [1, 5, 3]\n      ^\n")
        #expect(diff.terminalText(style: CursorStyle()).contains("[1, \u{1B}[1;31m5\u{1B}[0m, 3]"))
        #expect(diff.html == """
        <span class="diff-same">  loss 1</span>
        <span class="diff-expected">- [1, <mark>2</mark>, 3]</span>
        <span class="diff-actual">+ [1, <mark>5</mark>, 3]</span>
        """)
    }

    @Test("a line only in the output is marked whole")
    func extraLine() {
        let diff = OutputDiff(actual: "a\nb <c>", expected: "a", options: OutputOptions())
        #expect(diff.lines == [.same("a"), .actual("b <c>", marked: [0..<5])])
        #expect(diff.html.contains("<mark>b &lt;c&gt;</mark>"))
    }
}
