import Foundation
import Testing
@testable import Notebook

/// Seeded random mutations of a real chapter through the parser, the runner's comparison of outputs,
/// program generation and the page: nothing crashes or hangs, and every chapter the parser refuses is a
/// ``ChapterError`` (the command line's exit 2) whose message starts with `file:line:` (issue 14).
@Suite("Chapter fuzzing")
struct ChapterFuzzTests {
    static let mutations = 300
    static let path = "chapters/01-batch-normalization.md"

    /// Snippets that have broken folio or could: fences, front matter, math, markers, control bytes.
    static let snippets = [
        "```", "````", "```swift", "```swift id=x", "```swift\tid=y\thidden", "```swift id=cell-3", "```swift timeout=0",
        "```swift bogus", "```output", "```output rtol=-1", "```output\texact", "---", "title: $\\frac{a}{", "timeout: abc",
        "data: ../x", "data: nosuchset", "seed: -4", "$$", "$" + String(repeating: "{", count: 400) + "$",
        "$" + String(repeating: "\\frac", count: 300) + "$", "\\begin{bmatrix} a & b \\\\", "\\end{aligned}", "`{swift} `",
        "`{swift} 1 +`", "\u{2}FOLIO:E:0\u{3}", "\u{2}", "recorded(\"bad name\") { 1 }", "recorded(\"x\") { 1 }", "\t", "\r",
        "\u{0}", "\u{1B}[31m", "&<>\"'", "# Heading", "## Setup", "<!--folio-block-3-->", "<!--folio-inline-0-->", "> > >",
        "- [ ] item", "    indented code", "\\", "$x_a_b$", "1e-400 nan inf -0.0", "é漢🙂",
    ]

    @Test("300 seeded mutations of a chapter: typed errors with file:line, or a chapter that compares and renders")
    func mutations() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let original = try String(contentsOf: root.appendingPathComponent(Self.path), encoding: .utf8)
        #expect(throws: Never.self) { try MarkdownChapterParser.parse(source: original, path: Self.path) }
        let runner = ChapterRunner(toolchain: Toolchain(binDirectory: "/nonexistent", moduleDirectory: "/nonexistent", packageRoot: root.path,
                                                        headerDirectories: []),
                                   cacheDirectory: NSTemporaryDirectory() + "folio-fuzz-\(UUID().uuidString)")
        var generator = SeededMutationGenerator(seed: 14)
        var refused = 0, accepted = 0
        let started = Date()
        for round in 0..<Self.mutations {
            let text = Self.mutate(original, with: &generator)
            let caseStarted = Date()
            do {
                let chapter = try MarkdownChapterParser.parse(source: text, path: Self.path)
                accepted += 1
                exercise(chapter, runner: runner, generator: &generator)
            } catch {
                refused += 1
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
                #expect(error.path == Self.path, "round \(round)")
                #expect((1...max(1, lines + 1)).contains(error.line), "round \(round): line \(error.line) of \(lines)")
                #expect(error.description.hasPrefix("\(Self.path):\(error.line): "), "round \(round): \(error.description)")
                #expect(!error.message.isEmpty)
            }
            #expect(Date().timeIntervalSince(caseStarted) < 10, "round \(round) took \(Date().timeIntervalSince(caseStarted)) s")
        }
        #expect(refused >= 20 && accepted >= 20, "both kinds are exercised: \(refused) refused, \(accepted) accepted")
        #expect(Date().timeIntervalSince(started) < 300)
    }

    /// The runner's comparison (against the expected text, and against a mutated copy), the program
    /// text and the page of a chapter that parsed.
    func exercise(_ chapter: Chapter, runner: ChapterRunner, generator: inout SeededMutationGenerator) {
        var cells: [CellResult] = []
        for cell in chapter.cells {
            var result = CellResult(index: cell.index, status: .ran, output: cell.expected?.text ?? "", seconds: 0.01)
            if let expected = cell.expected {
                let same = runner.compareOutput(of: cell, expected: expected, actual: expected.text)
                #expect(same.passed, "an output block matches its own text: \(same.label)")
                let changed = Self.mutate(expected.text, with: &generator)
                let check = runner.compareOutput(of: cell, expected: expected, actual: changed)
                #expect(check.passed || check.line >= expected.fenceLine, "\(check.label)")
                _ = runner.compareDiagnostics(of: cell, expected: expected, diagnostics: Diagnostic.parse(changed))
                result.checks = [check]
            }
            cells.append(result)
        }
        _ = ProgramGenerator.program(cells: chapter.cells, inlineValues: chapter.inlineValues, path: chapter.path)
        let result = ChapterResult(path: chapter.path, title: chapter.title, cells: cells, seconds: 1, compileSeconds: 0)
        let page = ChapterPage.render(chapter: chapter, result: result)
        #expect(page.html.hasSuffix("</html>\n"))
    }

    /// One to five random edits: delete, duplicate or swap lines, insert a snippet, change a character,
    /// or cut the text short.
    static func mutate(_ text: String, with generator: inout SeededMutationGenerator) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0...generator.next(below: 5) {
            let line = generator.next(below: lines.count)
            switch generator.next(below: 7) {
            case 0: if lines.count > 1 { lines.remove(at: line) }
            case 1: lines.insert(lines[line], at: line)
            case 2: lines.swapAt(line, generator.next(below: lines.count))
            case 3, 4: lines.insert(snippets[generator.next(below: snippets.count)], at: line)
            case 5:
                var characters = Array(lines[line])
                let replacement = Character(Unicode.Scalar(UInt8(generator.next(below: 128))))
                if characters.isEmpty { characters = [replacement] } else { characters[generator.next(below: characters.count)] = replacement }
                lines[line] = String(characters)
            default: lines = Array(lines.prefix(max(1, line)))
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// A small seeded generator (Knuth's 64-bit linear congruential one, high bits): the same seed gives
/// the same mutations on every machine, which is all a fuzz test needs.
struct SeededMutationGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    /// A number in `0..<bound` (bound ≥ 1).
    mutating func next(below bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(max(1, bound)))
    }
}
