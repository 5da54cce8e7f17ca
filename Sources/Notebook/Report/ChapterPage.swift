import Foundation

/// Links from a chapter page to its neighbours and the index.
public struct ChapterNavigation: Sendable {
    public var previous: (title: String, file: String)?
    public var next: (title: String, file: String)?
    public var index = "index.html"
    public init(previous: (title: String, file: String)? = nil, next: (title: String, file: String)? = nil) {
        self.previous = previous
        self.next = next
    }
}

/// A rendered chapter page and what its author should hear about (bad math), with `file:line`.
public struct RenderedChapterPage: Sendable {
    /// The whole HTML document.
    public var html: String
    /// One line per formula that renders with a visible error: `path:line: warning: …`.
    public var warnings: [String]
}

/// Renders one chapter and its results as a self-contained HTML page.
public enum ChapterPage {
    /// Outputs longer than this many lines are folded in a `<details>` element.
    public static let foldedOutputLines = 30

    /// The page for `chapter` with `result`. Pure: the same input gives the same text.
    public static func html(chapter: Chapter, result: ChapterResult, navigation: ChapterNavigation = ChapterNavigation(),
                            pieces: ReportPieces = .standard) -> String {
        render(chapter: chapter, result: result, navigation: navigation, pieces: pieces).html
    }

    /// The page for `chapter` with `result`, and the warnings about its math. Pure.
    public static func render(chapter: Chapter, result: ChapterResult, navigation: ChapterNavigation = ChapterNavigation(),
                              pieces: ReportPieces = .standard) -> RenderedChapterPage {
        // Math goes back before the cells go in, so that nothing a cell printed is taken for a formula.
        let (prose, formulas) = chapter.prose.html(pieces: pieces)
        var blocks: [Int: String] = [:]
        for cell in chapter.cells {
            blocks[cell.fenceLine] = cellHTML(cell, result: result.cells.indices.contains(cell.index) ? result.cells[cell.index] : nil,
                                              chapter: chapter, pieces: pieces, records: result.records)
            if let expected = cell.expected { blocks[expected.fenceLine] = "" }
        }
        let values = Dictionary(uniqueKeysWithValues: chapter.inlineValues.map { value in
            (value.index, inlineValueHTML(value, result: result.inlineValues.first { $0.index == value.index }, path: chapter.path))
        })
        let html = substituteBlockPlaceholders(in: substituteInlinePlaceholders(in: prose, values), blocks)
        let title = chapter.frontMatter.title.map(pieces.textHTMLAndWarnings)

        let summary = "<span class=\"badge pass\">\(result.passed) passed</span> "
            + "<span class=\"badge \(result.failed == 0 ? "pass" : "fail")\">\(result.failed) failed</span> · "
            + String(format: "%.2f s", result.seconds) + " · <code>\(HTML.escape(chapter.path))</code>"
        let header = title.map { "<header class=\"chapter\"><h1>\($0.html)</h1></header>\n" } ?? ""
        let metadata = chapter.frontMatter.metadata.map { "\(HTML.escape($0.key)): \(HTML.escape($0.value))" }.joined(separator: " · ")
        let toc = chapter.prose.headings.filter { $0.level >= 2 && $0.level <= 3 }.map {
            "<li class=\"level-\($0.level)\"><a href=\"#\($0.anchor)\">\(formulas.restore(html: HTML.escape($0.text)))</a></li>"
        }.joined(separator: "\n")
        let page = """
        \(HTML.documentHead(title: chapter.title, css: ReportStylesheet.css))
        <body>
        <div class="page\(toc.isEmpty ? " single" : "")">
        \(navigationHTML(navigation, position: "top"))
        \(toc.isEmpty ? "" : "<aside class=\"toc\"><strong>Contents</strong>\n<ul>\n\(toc)\n</ul></aside>")
        <main>
        \(header)<p class="summary">\(summary)\(metadata.isEmpty ? "" : "<br>" + metadata)</p>
        \(html)
        </main>
        \(navigationHTML(navigation, position: "bottom"))
        </div>
        </body>
        </html>

        """
        var warnings = formulas.warnings.map { $0.message(path: chapter.path) }
        if let title {
            warnings += title.warnings.map { "\(chapter.path):\(frontMatterLine(of: "title", in: chapter.source)): warning: \($0)" }
        }
        return RenderedChapterPage(html: page, warnings: warnings)
    }

    /// The line of `key:` in the front matter (1 when not found).
    private static func frontMatterLine(of key: String, in source: String) -> Int {
        for (offset, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated().prefix(200)
        where line.trimmingWhitespace.hasPrefix(key + ":") {
            return offset + 1
        }
        return 1
    }

    private static func navigationHTML(_ navigation: ChapterNavigation, position: String) -> String {
        let previous = navigation.previous.map { "<a rel=\"prev\" href=\"\(HTML.escape($0.file))\">← \(HTML.escape($0.title))</a>" } ?? "<span></span>"
        let next = navigation.next.map { "<a rel=\"next\" href=\"\(HTML.escape($0.file))\">\(HTML.escape($0.title)) →</a>" } ?? "<span></span>"
        return "<nav class=\"chapters \(position)\">\(previous)<a href=\"\(navigation.index)\">All chapters</a>\(next)</nav>"
    }

    /// One cell: its source (unless hidden), what it printed, and a badge per check.
    static func cellHTML(_ cell: Cell, result: CellResult?, chapter: Chapter, pieces: ReportPieces, records: [RecordOutcome] = []) -> String {
        let status = result?.status ?? .notRun
        let failed = result?.checks.contains { !$0.passed } ?? false
        var classes = ["cell"]
        if failed { classes.append("failed") }
        if status == .notRun { classes.append("notrun") }
        var html = "<section class=\"\(classes.joined(separator: " "))\" id=\"\(HTML.escape(cell.anchor))\">\n"
        html += "<div class=\"cell-head\"><a href=\"#\(HTML.escape(cell.anchor))\">\(HTML.escape(cell.options.id ?? "[\(cell.index + 1)]"))</a>"
        switch status {
        case .notRun: html += "<span class=\"badge notrun\">not run</span>"
        case .norun: html += "<span class=\"badge norun\">norun</span>"
        case .compileErrorCell: html += "<span class=\"badge norun\">compile-error</span>"
        case .timedOut: html += "<span class=\"badge fail\">timed out</span>"
        case .crashed: html += "<span class=\"badge fail\">crashed</span>"
        case .compileFailed: html += "<span class=\"badge fail\">does not compile</span>"
        case .stopped: html += "<span class=\"badge fail\">stopped: record unusable</span>"
        case .ran: break
        }
        if let seconds = result?.seconds { html += "<span class=\"time\" title=\"run time\">\(durationText(seconds))</span>" }
        html += "</div>\n"
        if !cell.options.hidden { html += sourceHTML(cell, pieces: pieces) }
        guard let result else { return html + "</section>\n" }
        let outputFailed = result.checks.contains { $0.kind == .output && !$0.passed }
        if !result.output.isEmpty && !outputFailed {
            html += folded("<pre class=\"output\">\(HTML.escape(result.output.trimmingTrailingWhitespace))</pre>",
                           lines: result.output.trimmingTrailingWhitespace, what: "Output")
        } else if let expected = cell.expected, status == .norun || status == .notRun || (status == .compileErrorCell && result.diagnostics.isEmpty) {
            html += "<pre class=\"output expected\" title=\"expected output\">\(HTML.escape(expected.text.trimmingTrailingWhitespace))</pre>\n"
        }
        for record in records where record.cell == cell.index {
            let ok = record.status == .made || (record.status == .verified && !record.verifyFailed)
            html += "<p class=\"record \(ok ? "pass" : "fail")\" title=\"\(HTML.escape(record.path))\">\(HTML.escape(record.reportLine))</p>\n"
        }
        // Rich outputs are HTML that NotebookRuntime built (plots, tables) with their text escaped:
        // inserted as they are. Everything else a cell produced is text, escaped here.
        for fragment in result.html { html += "<div class=\"rich\">\(fragment)</div>\n" }
        if !result.diagnostics.isEmpty {
            html += "<pre class=\"diagnostics\">\(HTML.escape(result.diagnostics))</pre>\n"
        }
        let errorText = result.errorOutput.trimmingTrailingWhitespace
        if !errorText.isEmpty {
            if status == .crashed {
                html += "<details class=\"crash\" open><summary>Crash report</summary><pre class=\"stderr\">\(HTML.escape(errorText))</pre></details>\n"
            } else {
                html += folded("<pre class=\"stderr\">\(HTML.escape(errorText))</pre>", lines: errorText, what: "Standard error")
            }
        }
        if !result.checks.isEmpty {
            html += "<ul class=\"checks\">\n"
            for check in result.checks {
                // A compile failure's message is in the diagnostics just above: not shown a second time.
                let detailShown = check.kind == .compile && !result.diagnostics.isEmpty
                html += checkHTML(check, cell: cell, chapter: chapter, showsDetail: !detailShown)
            }
            html += "</ul>\n"
        }
        return html + "</section>\n"
    }

    /// An inline value in the prose: its value, as `print` wrote it (escaped); the expression marked as
    /// not run; or the expression with what went wrong.
    static func inlineValueHTML(_ value: InlineValue, result: InlineValueResult?, path: String) -> String {
        let expression = HTML.escape(value.expression)
        switch result?.status ?? .notRun {
        case .ran:
            return "<span class=\"inline-value\" title=\"\(expression)\">\(HTML.escape(result?.text ?? ""))</span>"
        case .notRun:
            return "<code class=\"inline-value notrun\" title=\"not run\">\(expression)</code>"
        case .compileFailed, .crashed, .timedOut:
            let label = result?.checks.first?.label ?? "failed"
            return "<code class=\"inline-value fail\" title=\"\(HTML.escape("\(path):\(value.line): \(label)"))\">\(expression)</code>"
                + "<span class=\"badge fail\">✗ \(HTML.escape(label))</span>"
        }
    }

    /// A cell's run time as a reader takes it in: `<1 ms`, `250 ms`, `1.25 s`.
    static func durationText(_ seconds: Double) -> String {
        if seconds < 0.0005 { return "&lt;1 ms" }
        if seconds < 0.9995 { return "\(Int((seconds * 1000).rounded())) ms" }
        return String(format: "%.2f s", seconds)
    }

    /// `pre` as it is, or folded in a `<details>` when `lines` has more than ``foldedOutputLines`` lines.
    static func folded(_ pre: String, lines text: String, what: String) -> String {
        let count = text.split(separator: "\n", omittingEmptySubsequences: false).count
        guard count > foldedOutputLines else { return pre + "\n" }
        return "<details class=\"long-output\"><summary>\(what): \(count) lines</summary>\(pre)</details>\n"
    }

    /// A cell's highlighted source; with `fold`, inside a `<details>` whose summary counts the lines.
    static func sourceHTML(_ cell: Cell, pieces: ReportPieces) -> String {
        let code = cell.code.trimmingTrailingWhitespace
        let pre = "<pre class=\"source\"><code class=\"language-swift\">\(pieces.highlightSwift(code))</code></pre>"
        guard cell.options.fold else { return pre + "\n" }
        let lines = code.isEmpty ? 0 : code.split(separator: "\n", omittingEmptySubsequences: false).count
        return "<details class=\"fold\"><summary>Code: \(lines) line\(lines == 1 ? "" : "s")</summary>\(pre)</details>\n"
    }

    /// One check's line; on failure with `showsDetail`, what was expected and what came.
    static func checkHTML(_ check: CheckResult, cell: Cell, chapter: Chapter, showsDetail: Bool = true) -> String {
        let badge = check.passed ? "<span class=\"badge pass\">✓ pass</span>" : "<span class=\"badge fail\">✗ fail</span>"
        let label = check.label.isEmpty ? (check.kind == .code ? "check" : check.kind.rawValue) : check.label
        var html = "<li class=\"check \(check.passed ? "pass" : "fail")\">\(badge) \(HTML.escape(label)) "
            + "<span class=\"where\">\(HTML.escape(chapter.path)):\(check.line)</span>"
        if !check.passed && showsDetail {
            if check.kind == .output, let expected = check.expected, let actual = check.actual,
               let options = check.outputOptions {
                html += "\n<pre class=\"diff\">\(OutputDiff(actual: actual, expected: expected, options: options).html)</pre>"
            } else if check.expected != nil || check.actual != nil {
                html += "\n<table class=\"expected-actual\">"
                if let expected = check.expected { html += "<tr><th>expected</th><td><code>\(HTML.escape(expected))</code></td></tr>" }
                if let actual = check.actual { html += "<tr><th>actual</th><td><code>\(HTML.escape(actual))</code></td></tr>" }
                html += "</table>"
            }
        }
        return html + "</li>\n"
    }
}
