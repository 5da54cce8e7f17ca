/// The training losses a `LanguageModelRun` keeps, gathered one step at a time at the cost of a few
/// additions: the first `recordedSteps` losses, the means of whole blocks of
/// `LanguageModelRun.interval` steps, and the mean since the last progress report.
struct TrainingLossRecord {
    let recordedSteps: Int
    private(set) var stepLosses: [Float] = []
    private(set) var intervalLosses: [Float] = []
    private var intervalSum: Double = 0
    private var intervalCount = 0
    private var progressSum: Double = 0
    private var progressCount = 0

    init(recordedSteps: Int) {
        self.recordedSteps = recordedSteps
        stepLosses.reserveCapacity(recordedSteps)
    }

    /// Adds the loss of the next training step.
    mutating func add(_ loss: Float) {
        if stepLosses.count < recordedSteps { stepLosses.append(loss) }
        intervalSum += Double(loss)
        intervalCount += 1
        if intervalCount == LanguageModelRun.interval {
            intervalLosses.append(Float(intervalSum / Double(intervalCount)))
            intervalSum = 0
            intervalCount = 0
        }
        progressSum += Double(loss)
        progressCount += 1
    }

    /// The mean loss of the steps since the last call (nil when there were none), and starts anew.
    mutating func takeProgressMean() -> Double? {
        defer { progressSum = 0; progressCount = 0 }
        return progressCount > 0 ? progressSum / Double(progressCount) : nil
    }
}
