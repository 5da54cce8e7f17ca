/// A key chapter ready for grading: its exercises, which exercise each cell's checks belong to, and
/// the checks that carry points, with their weights, as the key's own run made them.
///
/// Ownership: a check belongs to the exercise cell nearest before its cell (the exercise cell itself
/// included), so the tests right after an exercise, visible or hidden, score it; checks before the
/// first exercise need no solution. In-code checks written inside an exercise cell carry no points
/// (a student could add their own there); its output block, which is always the key's, does.
public struct GradingKey: Sendable {
    /// Identifies a check across runs of the same key: its cell and its place among the cell's
    /// checks that carry points, in the order the run reports them (in-code checks, then the output block).
    public struct CheckID: Hashable, Sendable {
        /// The index of its cell.
        public var cell: Int
        /// Its place among the cell's checks that carry points, from 0.
        public var ordinal: Int
    }

    /// One check that carries points.
    public struct PointCheck: Sendable {
        /// Which check it is.
        public var id: CheckID
        /// The exercise it scores; nil for a check before the first exercise.
        public var exercise: String?
        /// What passing it is worth.
        public var points: Double
        /// In a `hidden-test` cell: named in feedback, never shown.
        public var hidden: Bool
        /// What the key's run called it.
        public var label: String
    }

    /// The key chapter, parsed.
    public let chapter: Chapter
    /// The exercise cells, in chapter order.
    public let exercises: [Cell]
    /// Every check that carries points, in chapter order.
    public let checks: [PointCheck]

    /// - Parameters:
    ///   - chapter: the key, parsed.
    ///   - keyRun: the result of running the key itself; every check in it must pass.
    public init(chapter: Chapter, keyRun: ChapterResult) throws(GradeError) {
        let failed = keyRun.checks.filter { !$0.passed }
        guard failed.isEmpty else {
            throw .keyFails(path: chapter.path, failures: failed.map { "\(chapter.path):\($0.line): \($0.label)" })
        }
        self.chapter = chapter
        exercises = chapter.cells.filter(\.options.exercise)
        var checks: [PointCheck] = []
        for cell in chapter.cells {
            let owner = Self.owner(ofCell: cell.index, in: chapter)
            let counted = Self.pointChecks(of: keyRun.cells[cell.index], cell: cell)
            let ownOutputPoints = cell.expected?.options.points
            let sharing = counted.filter { !($0.kind == .output && ownOutputPoints != nil) }.count
            for (ordinal, check) in counted.enumerated() {
                let points = check.kind == .output && ownOutputPoints != nil ? ownOutputPoints!
                    : cell.options.points.map { $0 / Double(max(sharing, 1)) } ?? 1
                checks.append(PointCheck(id: CheckID(cell: cell.index, ordinal: ordinal), exercise: owner, points: points,
                                         hidden: cell.options.hiddenTest, label: check.label))
            }
        }
        self.checks = checks
    }

    /// The id of the exercise that the checks of cell `index` score: the nearest exercise cell at or
    /// before it; nil before the first.
    public static func owner(ofCell index: Int, in chapter: Chapter) -> String? {
        chapter.cells[...index].last(where: \.options.exercise)?.options.id
    }

    /// The checks of a cell's result that can carry points, in the order the run reported them:
    /// output blocks always, in-code checks outside exercise cells.
    static func pointChecks(of result: CellResult, cell: Cell) -> [CheckResult] {
        result.checks.filter { check in
            check.kind == .output || (check.kind == .code && !cell.options.exercise)
        }
    }

    /// The greatest score.
    public var maximum: Double { checks.reduce(0) { $0 + $1.points } }

    /// The points of the checks before the first exercise: what a submission scores without any solution.
    public var pointsWithoutSolution: Double { checks.filter { $0.exercise == nil }.reduce(0) { $0 + $1.points } }

    /// The greatest score of one exercise (nil: the checks before the first exercise).
    public func maximum(of exercise: String?) -> Double {
        checks.filter { $0.exercise == exercise }.reduce(0) { $0 + $1.points }
    }

    /// The scored parts of the key: the checks before the first exercise (when there are any), then
    /// each exercise, by id.
    public var parts: [String?] {
        (checks.contains { $0.exercise == nil } ? [nil] : []) + exercises.map(\.options.id)
    }
}
