import Foundation

extension LanguageModelTrainer {
    /// Records an epoch, logs main.py's end-of-epoch lines, keeps the weights when validation improved
    /// and otherwise divides the learning rate by 4.
    func endEpoch(_ epoch: Int, pass: Pass, validLoss: Float, seconds: Double) {
        epochs.append(LanguageModelEpoch(
            epoch: epoch, trainPerplexity: Foundation.exp(pass.lossSum / Double(Swift.max(pass.tokens, 1))),
            validPerplexity: Foundation.exp(Double(validLoss)), lr: Double(optimizer.lr), seconds: seconds,
            tokensPerSecond: Double(pass.tokens) / Swift.max(pass.seconds, 1e-9)))
        let rule = String(repeating: "-", count: 89)
        log?(rule)
        log?(String(
            format: "| end of epoch %3d | time: %5.2fs | valid loss %5.2f | valid ppl %8.2f",
            epoch, seconds, validLoss, Foundation.exp(Double(validLoss))))
        log?(rule)
        if let best, !(validLoss < best.loss) {
            // Anneal the learning rate if no improvement has been seen on the validation set.
            optimizer.lr /= 4
        } else {
            best = (validLoss, model.parameterValues())
        }
        progress?(Double(steps), Double(totalSteps), String(
            format: "epoch %d/%d · valid ppl %.1f", epoch, config.epochs, Foundation.exp(Double(validLoss))))
    }

    /// Puts the best weights back and tests them (when an epoch ended), then analyses the model.
    func finish() -> LanguageModelRun {
        var testPerplexity: Double? = nil
        let rule = String(repeating: "=", count: 89)
        if let best {
            model.loadParameterValues(best.weights)
            let testLoss = evaluate(testData)
            testPerplexity = Foundation.exp(Double(testLoss))
            log?(rule)
            log?(String(format: "| End of training | test loss %5.2f | test ppl %8.2f", testLoss, testPerplexity!))
            log?(rule)
        } else {
            log?("| Stopped after \(steps) training steps, before the end of the first epoch: no test")
        }
        var run = LanguageModelRun(
            config: config, parameterCount: model.parameterCount, epochs: epochs, testPerplexity: testPerplexity,
            stepLosses: losses.stepLosses, intervalLosses: losses.intervalLosses, blas: BLASConfiguration.summary,
            threads: BLAS.threadCount)
        analyse(into: &run)
        return run
    }
}
