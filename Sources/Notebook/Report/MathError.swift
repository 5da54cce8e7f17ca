/// Why (part of) a TeX formula could not be rendered. Shown in the report (as the `title` of an
/// `<merror>`) and available to the runner for `file:line` warnings.
public enum MathError: Error, Equatable, CustomStringConvertible {
    /// A command the converter does not know, e.g. `\foo`.
    case unknownCommand(String)
    /// A `{` without its `}`.
    case missingCloseBrace
    /// A `}` without its `{`.
    case unexpectedCloseBrace
    /// A command that needs an argument found none, e.g. `\frac{a}` at the end.
    case missingArgument(command: String)
    /// `_` or `^` with nothing after it.
    case missingScript(String)
    /// Two subscripts (`x_a_b`) or two superscripts on one base.
    case doubleScript(String)
    /// `\left` without `\right`.
    case missingRight
    /// `\right` without `\left`.
    case unexpectedRight
    /// What follows `\left`, `\right`, `\middle` or `\big` is not a delimiter.
    case badDelimiter(String)
    /// `\begin{name}` of an environment the converter does not know.
    case unknownEnvironment(String)
    /// `\begin{name}` without `\end{name}`.
    case missingEnd(String)
    /// `\end{found}` where `\end{expected}` was due, or with no `\begin`.
    case mismatchedEnd(expected: String?, found: String)
    /// `&` or `\\` outside an environment that has columns and rows.
    case misplacedAlignment(String)
    /// Groups, arguments or styles nested deeper than ``MathParser/maximumDepth`` (no textbook formula
    /// does; the limit keeps the recursive parser within its stack).
    case tooDeep(limit: Int)

    public var description: String {
        switch self {
        case .unknownCommand(let name): return "unknown TeX command \\\(name)"
        case .missingCloseBrace: return "a { is never closed by }"
        case .unexpectedCloseBrace: return "a } has no matching {"
        case .missingArgument(let command): return "\\\(command) is missing an argument"
        case .missingScript(let mark): return "\(mark) is not followed by a subscript or superscript"
        case .doubleScript(let mark): return "two \(mark) on one base; use braces, e.g. {x_a}_b"
        case .missingRight: return "\\left has no matching \\right"
        case .unexpectedRight: return "\\right has no matching \\left"
        case .badDelimiter(let text): return "'\(text)' is not a delimiter"
        case .unknownEnvironment(let name): return "unknown environment \(name)"
        case .missingEnd(let name): return "\\begin{\(name)} has no \\end{\(name)}"
        case .mismatchedEnd(let expected, let found):
            if let expected { return "\\end{\(found)} closes \\begin{\(expected)}" }
            return "\\end{\(found)} has no matching \\begin"
        case .misplacedAlignment(let text): return "\(text) is only allowed inside an environment such as aligned or bmatrix"
        case .tooDeep(let limit): return "the formula nests groups, arguments or styles more than \(limit) deep"
        }
    }
}
