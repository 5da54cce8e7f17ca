extension LanguageModel {
    /// One step of truncated backpropagation through time, as pytorch/examples' `train()` body:
    /// forward from the (detached) state, cross-entropy (`loss`), backward, gradient norm clipped to `clip`,
    /// then p ← p − lr·∂p through `optimizer`. Returns the loss and the state detached for the next chunk.
    public func trainStep(
        input: [Int], targets: [Int], steps: Int, state: State?, optimizer: SGD, clip: Float
    ) -> (loss: Float, state: State) {
        let batchSize = input.count / steps
        zeroGrad()
        let (loss, newState) = self.loss(input, targets: targets, steps: steps, batchSize: batchSize, state: state?.detached())
        let value = loss.item
        loss.backward()
        clipGradNorm(parameters(), maxNorm: clip)
        optimizer.step()
        return (value, newState.detached())
    }

    /// The mean cross-entropy per token over `data` in evaluation mode without recording gradients
    /// (pytorch/examples' `evaluate`: each chunk weighted by its length, divided by rows − 1).
    public func evaluate(_ data: BatchifiedText, bptt: Int) -> Float {
        let wasTraining = isTraining
        eval()
        defer { train(wasTraining) }
        var total: Double = 0
        var state: State? = nil
        noGrad {
            for start in data.chunkStarts(bptt: bptt) {
                let chunk = data.chunk(at: start, bptt: bptt)
                let (loss, next) = self.loss(
                    chunk.input, targets: chunk.targets, steps: chunk.steps, batchSize: data.batchSize, state: state)
                state = next
                total += Double(chunk.steps) * Double(loss.item)
            }
        }
        return Float(total / Double(Swift.max(data.rows - 1, 1)))
    }
}
