// Renders a sample chapter page (and index.html) with the report code itself (ChapterPage,
// BookRenderer, math, highlighting, stylesheet, plots) and a made-up result, without compiling or
// running any cell: a quick way to look at the page. See ../make-sample-report.
import Foundation

let outputFolder = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "output/sample"

let chapter = #"""
# Batch normalization

For a mini-batch of $m$ inputs, the mean of feature $k$ is $\mu_k$ and the normalized input is
$\widehat{x_k^j}$. Prices like $5 and $6 stay text, and `code with $x$` stays code.

$$\mu_k = \frac{1}{m} \sum_{j=1}^m x_k^j \qquad \sigma_k^2 = \frac{1}{m} \sum_{j=1}^m (x_k^j - \mu_k)^2$$

$$\widehat{x_k^j} = \frac{x_k^j - \mu_k}{\sqrt{\sigma_k^2 + \epsilon}}, \quad y_k^j = \gamma_k \widehat{x_k^j} + \beta_k$$

## The convolution of the assignment

$$\begin{bmatrix} 158 & 183 & 172 \\ 229 & 237 & 238 \\ 195 & 232 & 244 \end{bmatrix}$$

## The t-SNE gradient

$$
\begin{aligned}
\frac{\partial C}{\partial \|y_i - y_j\|} &= 2 \frac{p_{ij}}{q_{ij} Z} (1 + \|y_i - y_j\|^2)^{-2} - 2 \frac{1}{Z} (1 + \|y_i - y_j\|^2)^{-2} \\
&= 2 (p_{ij} - q_{ij}) (1 + \|y_i - y_j\|^2)^{-1}
\end{aligned}
$$

where $q_{ij} = \frac{(1 + \|y_i - y_j\|^2)^{-1}}{\sum_{k \neq l} (1 + \|y_k - y_l\|^2)^{-1}}$ and
$KL(P\|Q) = \sum_i \sum_j p_{ij} \log \frac{p_{ij}}{q_{ij}}$. LP pooling is
$\left(x_1^p + \dots + x_n^p\right)^{1/p}$, with $4 \times \text{hidden_size} = 200$.
An unknown command shows up like this: $a + \foo{b}$.
"""#

let code = #"""
/// Normalizes each feature of a batch, as in training mode.
@discardableResult
func batchNorm(_ x: [[Float]], epsilon: Float = 1e-5) -> [[Float]] {
    let m = Float(x.count)  // batch size
    let mean = x.reduce(into: [Float](repeating: 0, count: x[0].count)) { sum, row in
        for (k, v) in row.enumerated() { sum[k] += v / m }
    }
    print("mean = \(mean), shape = \(x.count)x\(x[0].count)")
    return x.map { row in zip(row, mean).map { ($0 - $1) / (1 + epsilon).squareRoot() } }
}
"""#

let epochs = (1...20).map(Double.init)
let train = epochs.map { 5.8 * exp(-$0 / 6) + 1.1 }
let valid = epochs.map { 5.9 * exp(-$0 / 7) + 1.5 + 0.004 * $0 * $0 }
let lineChart = LineChart(series: [PlotSeries("train", x: epochs, y: train), PlotSeries("valid", x: epochs, y: valid)],
                          title: "Learning curves", xLabel: "epoch", yLabel: "loss").svg

var generator = SystemRandomNumberGenerator()
var xs: [Double] = [], ys: [Double] = [], classes: [String] = [], labels: [String] = []
let centres: [(Double, Double)] = [(-20, 10), (15, 18), (5, -15), (-10, -20), (25, -2)]
for (cls, centre) in centres.enumerated() {
    for i in 0..<40 {
        let angle = Double(i) * 2.4, radius = Double(i % 7) * 1.3
        xs.append(centre.0 + radius * cos(angle)); ys.append(centre.1 + radius * sin(angle))
        classes.append(String(cls)); labels.append(i == 0 ? ["king", "paris", "three", "<run>", "blue"][cls] : "")
    }
}
_ = generator
let scatterChart = ScatterChart(x: xs, y: ys, classes: classes, labels: labels, title: "t-SNE map (synthetic)",
                                xLabel: "dimension 1", yLabel: "dimension 2").svg
let heat = Heatmap([[158.0, 183, 172], [229, 237, 238], [195, 232, 244]], title: "conv2d output").svg
let signed = Heatmap([[-1.0, 0, 1], [-2, 0, 2], [-1, 0, 1]], title: "Sobel filter").svg
let table = HTMLTable([["LSTM", "200", "114.3"], ["GRU", "200", "121.9"], ["RNN <tanh>", "200", "142.0"]],
                      header: ["model", "hidden", "valid ppl"]).html

let longOutput = (1...40).map { "epoch \($0): loss \(String(format: "%.4f", train[min($0, 20) - 1]))" }.joined(separator: "\n")


let failingCode = "print(conv2d(image, filter).scalars)\n"
let notRunCode = "let model = LSTM(inputSize: 200, hiddenSize: 200)\n"
let markdown = "---\ntitle: Batch normalization (sample)\nauthor: Folio\n---\n" + chapter
    + "\n\n## Cells\n\n```swift id=bn\n" + code + "\n```\n\n```swift id=conv\n" + failingCode + "```\n```output\n[158.0, 183.0, 172.0]\n```\n\n"
    + "```swift id=figures\nplot(series: curves)\n```\n\n```swift id=lstm\n" + notRunCode + "```\n"
let parsed = try MarkdownChapterParser.parse(source: markdown, path: "chapters/sample.md")
let conv = parsed.cells[1]
let result = ChapterResult(path: parsed.path, title: parsed.title, cells: [
    CellResult(index: 0, status: .ran, output: "mean = [3.0, 4.0], shape = 4x2\n", seconds: 0.42),
    CellResult(index: 1, status: .ran, output: "[158.0, 183.0, 171.5]\n", checks: [
        CheckResult(kind: .output, passed: false, cell: 1, line: conv.expected?.fenceLine ?? conv.fenceLine, label: "output of cell 'conv'",
                    expected: "[158.0, 183.0, 172.0]\n", actual: "[158.0, 183.0, 171.5]\n"),
    ], seconds: 0.03),
    CellResult(index: 2, status: .ran, output: longOutput + "\n", html: [lineChart, scatterChart, heat, signed, table], seconds: 1.7),
    CellResult(index: 3, status: .notRun),
], seconds: 2.2, compileSeconds: 0)

for path in try BookRenderer(outputFolder: outputFolder).write([(parsed, result)]) { print(path) }
