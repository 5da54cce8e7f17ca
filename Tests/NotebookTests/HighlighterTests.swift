import Foundation
import Testing
@testable import Notebook

/// Swift highlighting: exact spans for each token kind, and a lossless round trip.
@Suite("Swift highlighter")
struct HighlighterTests {
    private func highlight(_ code: String) -> String { SwiftHighlighter.highlight(code) }

    /// The text a browser shows: tags removed, the three entities the highlighter writes decoded.
    private func visibleText(_ html: String) -> String {
        let withoutTags = html.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        return withoutTags
            .replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("keywords, types, numbers and plain identifiers")
    func declarations() {
        #expect(highlight("let x: Float = 1.5e-3")
            == "<span class=\"kw\">let</span> x: <span class=\"ty\">Float</span> = <span class=\"num\">1.5e-3</span>")
        #expect(highlight("func f() -> Int { return 0x1F }")
            == "<span class=\"kw\">func</span> f() -&gt; <span class=\"ty\">Int</span> { <span class=\"kw\">return</span> <span class=\"num\">0x1F</span> }")
    }

    @Test("numbers with separators, binary and member access")
    func numbers() {
        #expect(highlight("1_000 0b1010 t.0") == "<span class=\"num\">1_000</span> <span class=\"num\">0b1010</span> t.<span class=\"num\">0</span>")
        #expect(highlight("x1 e5") == "x1 e5")
    }

    @Test("line, doc and nested block comments")
    func comments() {
        #expect(highlight("a // note <b>\n/// doc") == "a <span class=\"com\">// note &lt;b&gt;</span>\n<span class=\"com\">/// doc</span>")
        #expect(highlight("/* a /* b */ c */d") == "<span class=\"com\">/* a /* b */ c */</span>d")
    }

    @Test("a comment spanning lines is one span per line")
    func multilineComment() {
        #expect(highlight("/* a\nb */") == "<span class=\"com\">/* a</span>\n<span class=\"com\">b */</span>")
    }

    @Test("strings with escapes and interpolated code")
    func strings() {
        #expect(highlight(#"print("a \"b\" & c")"#) == "print(<span class=\"str\">\"a \\\"b\\\" &amp; c\"</span>)")
        #expect(highlight(#""loss \(loss.value(at: 3)) done""#)
            == "<span class=\"str\">\"loss \\(</span>loss.value(at: <span class=\"num\">3</span>)<span class=\"str\">) done\"</span>")
    }

    @Test("multi-line and raw strings")
    func multilineAndRaw() {
        #expect(highlight("\"\"\"\nline \"q\"\n\"\"\"") == "<span class=\"str\">\"\"\"</span>\n<span class=\"str\">line \"q\"</span>\n<span class=\"str\">\"\"\"</span>")
        #expect(highlight(##"#"a\d"#"##) == "<span class=\"str\">#\"a\\d\"#</span>")
        #expect(highlight(##"#"v=\#(x)"#"##) == "<span class=\"str\">#\"v=\\#(</span>x<span class=\"str\">)\"#</span>")
    }

    @Test("attributes and compiler directives")
    func attributes() {
        #expect(highlight("@main struct App {}") == "<span class=\"attr\">@main</span> <span class=\"kw\">struct</span> <span class=\"ty\">App</span> {}")
        #expect(highlight("#sourceLocation(file: \"a.md\", line: 3)")
            == "<span class=\"attr\">#sourceLocation</span>(file: <span class=\"str\">\"a.md\"</span>, line: <span class=\"num\">3</span>)")
    }

    @Test("back-quoted keywords are names")
    func backQuoted() {
        #expect(highlight("let `default` = 1") == "<span class=\"kw\">let</span> `default` = <span class=\"num\">1</span>")
    }

    @Test("stripping tags and unescaping gives back the input", arguments: [
        "let model = Sequential(Linear(4, 8), ReLU())\nfor epoch in 0..<10 where epoch % 2 == 0 {\n    print(\"epoch \\(epoch): \\(loss.item(), format: \"%.3f\")\") // <- & done\n}\n",
        "/* unterminated comment\n with <tags> & \"quotes\"",
        "\"unterminated string\nnext line & more",
        "\"\"\"\n  multi \\(a + \"in \\(b)\") line\n  \"\"\"\n",
        "#if DEBUG\n@discardableResult func f<T: BinaryFloatingPoint>(_ x: T) -> T { x * 2.5e+3 }\n#endif",
        "let s = ##\"raw \"# \\##(x) \"##; let c = $0 + `self`\r\nlet crlf = 1",
        "x ## # @ ` $ \\ \u{1F600} émoji 1.e5 0x1p-3",
    ])
    func roundTrip(code: String) {
        #expect(visibleText(highlight(code)) == code)
    }

    @Test("no span crosses a line break")
    func spansStayOnTheirLine() {
        let html = highlight("let a = \"\"\"\n  x\n  \"\"\" /* c\n d */")
        for line in html.split(separator: "\n") {
            #expect(line.components(separatedBy: "<span").count == line.components(separatedBy: "</span>").count)
        }
    }
}
