import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Notebook

@Suite("JUnit report")
struct JUnitReportTests {
    @Test("checks are test cases, failures carry expected and actual; malformed chapters are errors")
    func suites() throws {
        let result = ChapterResult(
            path: "chapters/a&b.md", title: "A", cells: [CellResult(index: 0, status: .ran, checks: [
                CheckResult(kind: .output, passed: true, cell: 0, line: 4, label: "output of cell 1"),
                CheckResult(kind: .code, passed: false, cell: 0, line: 7, label: "<loss> fell", expected: "1", actual: "2"),
            ])], seconds: 1.5, compileSeconds: 1)
        let xml = JUnitReport.xml([result], errors: [(path: "chapters/bad.md", message: "chapters/bad.md:3: unknown swift option 'x'")])
        #expect(xml.contains("<testsuites name=\"folio\" tests=\"3\" failures=\"1\" errors=\"1\">"))
        #expect(xml.contains("<testsuite name=\"chapters/a&amp;b.md\" tests=\"2\" failures=\"1\" time=\"1.500\">"))
        #expect(xml.contains("name=\"chapters/a&amp;b.md:7: &lt;loss&gt; fell\""))
        #expect(xml.contains("expected:\n1\nactual:\n2\n</failure>"))
        #expect(xml.contains("<error message=\"chapters/bad.md:3: unknown swift option &#39;x&#39;\" type=\"malformed\"/>"))
        // Well-formed XML: Foundation's parser reads it to the end.
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    }
}
