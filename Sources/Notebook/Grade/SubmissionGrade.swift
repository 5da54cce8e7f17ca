/// What one submission scored: per part of the key (see ``GradingKey/parts``), and per check.
public struct SubmissionGrade: Sendable {
    /// One scored check.
    public struct Scored: Sendable {
        /// The key's check.
        public var check: GradingKey.PointCheck
        /// The check as the submission's run made it; nil when it was never reached.
        public var result: CheckResult?
        /// Whether the submission passed it.
        public var passed: Bool { result?.passed ?? false }
        /// The points it earned.
        public var points: Double { passed ? check.points : 0 }
    }

    /// One part's score.
    public struct Part: Sendable {
        /// The exercise id; nil for the checks before the first exercise.
        public var exercise: String?
        /// The points earned.
        public var points: Double
        /// The points it is worth.
        public var maximum: Double
        /// What broke its checks (a crash, a time-out, a compile error, charged to its cell); for an
        /// exercise, its code was then replaced by the key's so that the exercises after it could be scored.
        public var failure: CheckResult?
        /// What the student's exercise cell printed (standard output, then standard error), capped.
        public var printed: String = ""
    }

    /// The submission's path as given.
    public var submission: String
    /// Why it scored zero without running, if it did.
    public var problem: SubmissionProblem?
    /// The score per part of the key, in the key's order.
    public var parts: [Part]
    /// Every check that carries points, in the key's order.
    public var checks: [Scored]
    /// Wall time of all its runs.
    public var seconds: Double
    /// How many times its chapter ran (1 + the exercises whose code had to be replaced).
    public var runs: Int

    /// The points earned.
    public var total: Double { parts.reduce(0) { $0 + $1.points } }
    /// The points the key is worth.
    public var maximum: Double { parts.reduce(0) { $0 + $1.maximum } }

    /// A zero for every part, with the reason.
    static func zero(_ submission: String, key: GradingKey, problem: SubmissionProblem) -> SubmissionGrade {
        SubmissionGrade(submission: submission, problem: problem,
                        parts: key.parts.map { Part(exercise: $0, points: 0, maximum: key.maximum(of: $0)) },
                        checks: key.checks.map { Scored(check: $0, result: nil) }, seconds: 0, runs: 0)
    }
}
