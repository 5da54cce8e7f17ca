import NotebookRuntime

/// How chapter cells call the chart commands. Never run (each call would emit HTML); compiling it
/// proves that the common call shapes type-check and are unambiguous, with Float and Double.
func plotCommandsTypeCheck(losses: [Float], epochs: [Double], tensor: Tensor) {
    plot([1.0, 2, 3])
    plot(losses, title: "loss", xLabel: "step", yLabel: "loss")
    plot(epochs, epochs.map { $0 * 2 }, label: "double")
    plot(series: [("train", epochs, epochs), ("valid", epochs, epochs.map { $0 + 1 })], title: "curves")
    plot(series: [("train", losses, losses)])
    plot(tensor)
    scatter(x: losses, y: losses)
    scatter(x: epochs, y: epochs, classes: [0, 1, 1], labels: ["a", "b", "c"], title: "map")
    scatter(x: epochs, y: epochs, classes: ["cat", "dog", "dog"])
    scatter(tensor, classes: [1, 2])
    heatmap([[1.0, 2], [3, 4]], title: "conv")
    heatmap([[Float(1), 2]], showValues: false, colorMap: .diverging)
    heatmap(tensor)
    table([["lstm", "1.5"]], header: ["model", "loss"])
    table([["lstm", 1.5, 200]], header: ["model", "loss", "hidden"])
}
