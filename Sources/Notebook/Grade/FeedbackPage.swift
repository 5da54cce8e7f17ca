/// The feedback page of one submission: its score per exercise, then every check that carries points,
/// passed or failed, with the usual diff for a visible output block. Hidden checks are named (their
/// cell and number) but neither their code, their label nor their values are shown. Self-contained;
/// every text is escaped.
public enum FeedbackPage {
    /// The page for `grade`, graded against `key`.
    public static func html(_ grade: SubmissionGrade, key: GradingKey) -> String {
        let title = "Feedback: \(grade.submission)"
        var body = "<h1>\(HTML.escape(title))</h1>\n<p>\(HTML.escape(key.chapter.title)) — "
            + "<strong>\(Gradebook.format(grade.total)) of \(Gradebook.format(grade.maximum)) points</strong></p>\n"
        if let problem = grade.problem {
            body += "<p class=\"problem\">Not graded: \(HTML.escape(problem.description))</p>\n"
        }
        body += summaryTable(grade)
        for part in grade.parts {
            body += section(part, checks: grade.checks.filter { $0.check.exercise == part.exercise }, key: key, ran: grade.problem == nil)
        }
        return """
        \(HTML.documentHead(title: title, css: css))
        <body>
        \(body)</body>
        </html>

        """
    }

    /// Points per part.
    static func summaryTable(_ grade: SubmissionGrade) -> String {
        var rows = ""
        for part in grade.parts {
            let note = part.failure.map { "<td class=\"fail\">\(HTML.escape($0.label))</td>" } ?? "<td></td>"
            rows += "<tr><td>\(HTML.escape(name(of: part.exercise)))</td><td class=\"points\">\(Gradebook.format(part.points)) / \(Gradebook.format(part.maximum))</td>\(note)</tr>\n"
        }
        return "<table>\n<tr><th>Part</th><th>Points</th><th>Broke</th></tr>\n\(rows)</table>\n"
    }

    /// One part's checks.
    static func section(_ part: SubmissionGrade.Part, checks: [SubmissionGrade.Scored], key: GradingKey, ran: Bool) -> String {
        var html = "<h2>\(HTML.escape(name(of: part.exercise)))</h2>\n"
        if let failure = part.failure {
            html += "<p class=\"fail\">\(HTML.escape(failure.label))"
            html += part.exercise == nil ? "</p>\n" : " — the key's code was put in its place so that the exercises after it could be scored.</p>\n"
        }
        if !part.printed.isEmpty {
            html += "<p>Your cell printed:</p>\n<pre class=\"printed\">\(HTML.escape(part.printed))</pre>\n"
        }
        html += "<ul>\n"
        var hiddenNumber = 0
        for scored in checks {
            let mark = scored.passed ? "<span class=\"pass\">✓</span>" : "<span class=\"fail\">✗</span>"
            let points = "\(Gradebook.format(scored.points))/\(Gradebook.format(scored.check.points))"
            if scored.check.hidden {
                hiddenNumber += 1
                let cell = key.chapter.cells[scored.check.id.cell]
                html += "<li>\(mark) hidden check \(hiddenNumber) (cell \(HTML.escape(cell.displayName))) <span class=\"points\">\(points)</span></li>\n"
                continue
            }
            let label = scored.result?.label ?? scored.check.label
            html += "<li>\(mark) \(HTML.escape(label)) <span class=\"points\">\(points)</span>"
            if scored.result == nil && ran { html += " <em>(not reached)</em>" }
            html += details(of: scored) + "</li>\n"
        }
        return html + "</ul>\n"
    }

    /// The diff of a failed visible check.
    static func details(of scored: SubmissionGrade.Scored) -> String {
        guard let result = scored.result, !result.passed, let expected = result.expected, let actual = result.actual else { return "" }
        if let options = result.outputOptions {
            return "\n<pre class=\"diff\">\(OutputDiff(actual: actual, expected: expected, options: options).html)</pre>"
        }
        return "\n<pre>expected: \(HTML.escape(expected))\nactual:   \(HTML.escape(actual))</pre>"
    }

    static func name(of exercise: String?) -> String {
        exercise.map { "Exercise \($0)" } ?? "Before the first exercise"
    }

    static let css = """
    body{font:16px/1.5 system-ui,sans-serif;max-width:52em;margin:2em auto;padding:0 1em;color:#222;background:#fff}
    table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}
    .pass{color:#17692f}.fail{color:#b00020}.points{color:#555;white-space:nowrap}
    pre{background:#f6f6f6;padding:.5em;overflow-x:auto}.problem{color:#b00020;font-weight:bold}
    .diff-expected{color:#b00020}.diff-actual{color:#17692f}mark{background:#fe8;color:inherit}
    @media (prefers-color-scheme:dark){body{color:#ddd;background:#111}pre{background:#222}td,th{border-color:#444}}
    """
}
