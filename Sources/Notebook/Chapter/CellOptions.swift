/// The words after `swift` in a cell's info string: ```` ```swift id=setup hidden timeout=30 ````.
public struct CellOptions: Equatable, Sendable, Codable {
    /// A name for the cell: HTML anchor and name in diagnostics.
    public var id: String?
    /// Run, but do not show the source in the report.
    public var hidden = false
    /// Show, but neither compile nor run.
    public var norun = false
    /// The cell must fail to compile; its diagnostics are its output.
    public var compileError = false
    /// A time limit in seconds for this cell alone.
    public var timeout: Double?
    /// Show the source folded (a `<details>` the reader opens), for long helper cells.
    public var fold = false
    /// A cell the student edits (needs an `id=`); `// BEGIN SOLUTION` … `// END SOLUTION` in it is the
    /// part `folio release` replaces by a stub.
    public var exercise = false
    /// Checks that `folio release` removes: students do not see them; `folio grade` runs them.
    public var hiddenTest = false
    /// The points the cell's checks are worth together (an output block with its own `points=` apart);
    /// without it each check is worth 1.
    public var points: Double?

    /// The option words a cell accepts, for error messages.
    public static let knownOptions = ["id=NAME", "hidden", "norun", "compile-error", "fold", "timeout=SECONDS",
                                      "exercise", "hidden-test", "points=N"]

    /// Options given one by one (all off by default).
    public init(id: String? = nil, hidden: Bool = false, norun: Bool = false, compileError: Bool = false,
                timeout: Double? = nil, fold: Bool = false) {
        self.id = id
        self.hidden = hidden
        self.norun = norun
        self.compileError = compileError
        self.timeout = timeout
        self.fold = fold
    }

    private enum CodingKeys: String, CodingKey { case id, hidden, norun, compileError, timeout, fold, exercise, hiddenTest, points }

    /// Decodes options stored by an earlier version too (`fold` absent: false).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        hidden = try container.decode(Bool.self, forKey: .hidden)
        norun = try container.decode(Bool.self, forKey: .norun)
        compileError = try container.decode(Bool.self, forKey: .compileError)
        timeout = try container.decodeIfPresent(Double.self, forKey: .timeout)
        fold = try container.decodeIfPresent(Bool.self, forKey: .fold) ?? false
        exercise = try container.decodeIfPresent(Bool.self, forKey: .exercise) ?? false
        hiddenTest = try container.decodeIfPresent(Bool.self, forKey: .hiddenTest) ?? false
        points = try container.decodeIfPresent(Double.self, forKey: .points)
    }

    /// Reads the option words; `path` and `line` locate errors.
    public init(words: [String], path: String, line: Int) throws(ChapterError) {
        for word in words {
            let (key, value) = splitOption(word)
            switch (key, value) {
            case ("hidden", nil): hidden = true
            case ("norun", nil): norun = true
            case ("compile-error", nil): compileError = true
            case ("fold", nil): fold = true
            case ("exercise", nil): exercise = true
            case ("hidden-test", nil): hiddenTest = true
            case ("points", let value?): points = try parsePoints(value, path: path, line: line)
            case ("id", let value?):
                guard !value.isEmpty, value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    throw .badOptionValue(path: path, line: line, option: "id",
                                          reason: "'\(value)' is not a name (letters, digits, '-' and '_')")
                }
                if value.hasPrefix("cell-"), value.count > 5, value.dropFirst(5).allSatisfy(\.isNumber) {
                    throw .badOptionValue(path: path, line: line, option: "id",
                                          reason: "'\(value)' is the anchor of a cell without an id; choose another name")
                }
                id = value
            case ("timeout", let value?):
                guard let seconds = Double(value), seconds.isFinite, seconds > 0 else {
                    throw .badOptionValue(path: path, line: line, option: "timeout",
                                          reason: "'\(value)' is not a positive number of seconds")
                }
                timeout = seconds
            default:
                throw .unknownOption(path: path, line: line, option: word, block: "swift")
            }
        }
        if exercise && id == nil {
            throw .badExercise(path: path, line: line, reason: "an exercise cell needs an id=NAME: grading matches submissions by it")
        }
        if exercise && hiddenTest {
            throw .badExercise(path: path, line: line, reason: "a cell is either an exercise or a hidden test, not both")
        }
    }
}

/// The words after `output` in an expected-output block's info string: ```` ```output rtol=1e-3 ````.
public struct OutputOptions: Equatable, Sendable, Codable {
    /// Relative tolerance for numbers.
    public var rtol: Double = 1e-4
    /// Absolute tolerance for numbers.
    public var atol: Double = 1e-6
    /// Compare the text exactly (numbers as text, white space as written).
    public var exact = false
    /// The points this block's check is worth when graded (default: its cell's share, else 1).
    public var points: Double?

    /// The option words an output block accepts, for error messages.
    public static let knownOptions = ["rtol=X", "atol=X", "exact", "points=N"]

    public init(rtol: Double = 1e-4, atol: Double = 1e-6, exact: Bool = false) {
        self.rtol = rtol
        self.atol = atol
        self.exact = exact
    }

    /// Reads the option words; `path` and `line` locate errors.
    public init(words: [String], path: String, line: Int) throws(ChapterError) {
        for word in words {
            let (key, value) = splitOption(word)
            switch (key, value) {
            case ("exact", nil): exact = true
            case ("points", let value?): points = try parsePoints(value, path: path, line: line)
            case ("rtol", let value?), ("atol", let value?):
                guard let tolerance = Double(value), tolerance.isFinite, tolerance >= 0 else {
                    throw .badOptionValue(path: path, line: line, option: key,
                                          reason: "'\(value)' is not a tolerance (a number >= 0)")
                }
                if key == "rtol" { rtol = tolerance } else { atol = tolerance }
            default:
                throw .unknownOption(path: path, line: line, option: word, block: "output")
            }
        }
    }
}

/// The value of `points=N`: a number ≥ 0.
private func parsePoints(_ value: String, path: String, line: Int) throws(ChapterError) -> Double {
    guard let points = Double(value), points.isFinite, points >= 0 else {
        throw .badOptionValue(path: path, line: line, option: "points", reason: "'\(value)' is not a number of points (a number >= 0)")
    }
    return points
}

/// `key=value` → (key, value); a bare word → (word, nil).
private func splitOption(_ word: String) -> (String, String?) {
    guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
    return (String(word[..<equals]), String(word[word.index(after: equals)...]))
}
