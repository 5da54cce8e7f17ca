/// The CSV gradebook of `folio grade`: one row per submission, in the order graded.
///
/// Columns: `submission`, one column per part of the key (`setup` for the checks before the first
/// exercise, when there are any, then each exercise id), `total`, `maximum`, `seconds`, `note` (why a
/// submission scored zero without running, or which exercises broke and had the key's code put in).
public enum Gradebook {
    /// The whole file, with a header line.
    public static func csv(_ grades: [SubmissionGrade], key: GradingKey) -> String {
        let header = ["submission"] + key.parts.map { $0 ?? "setup" } + ["total", "maximum", "seconds", "note"]
        var rows = [header]
        for grade in grades {
            rows.append([grade.submission] + grade.parts.map { format($0.points) }
                        + [format(grade.total), format(grade.maximum), String(format: "%.1f", grade.seconds), note(for: grade)])
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// Why points are missing beyond wrong answers: the submission's problem, or its broken parts.
    public static func note(for grade: SubmissionGrade) -> String {
        if let problem = grade.problem { return problem.description }
        return grade.parts.compactMap { part in part.failure.map { "\(part.exercise ?? "setup"): \($0.label)" } }.joined(separator: "; ")
    }

    /// `2`, `1.5`, `0.333`: points without trailing zeros.
    public static func format(_ points: Double) -> String {
        var text = String(format: "%.3f", points)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180); text that a
    /// spreadsheet would take for a formula (`=…`, `+…`, `-…`, `@…`, not a number) gets a leading `'`.
    static func field(_ raw: String) -> String {
        let text = raw.first.map { "=+-@".contains($0) } == true && Double(raw) == nil ? "'" + raw : raw
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
