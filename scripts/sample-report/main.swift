// Builds output/sample.html from the report building blocks (math, highlighting, CSS, plots),
// so that they can be looked at in a browser before the runner uses them. See ../make-sample-report.
import CCmark
import Foundation

let outputPath = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "output/sample.html"

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

func markdownToHTML(_ markdown: String) -> String {
    let protected = MathMarkdown.protect(markdown)
    let raw = cmark_markdown_to_html(protected.markdown, protected.markdown.utf8.count, CMARK_OPT_DEFAULT)!
    defer { free(raw) }
    return protected.restore(html: String(cString: raw))
}

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

let page = """
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Batch normalization — Folio sample</title><style>\(ReportStylesheet.css)</style></head>
<body><div class="page">
<nav class="toc"><a class="book-title" href="index.html">Deep learning, checked</a><ol>
<li><a class="current" href="#">1. Batch normalization</a><ol><li><a href="#">The convolution</a></li><li><a href="#">The t-SNE gradient</a></li></ol></li>
<li><a href="#">2. Convolution</a></li><li><a href="#">3. Pooling</a></li><li><a href="#">4. t-SNE</a></li></ol></nav>
<main>
<header class="chapter-header"><p class="summary"><span class="badge pass">12 passed</span> <span class="badge fail">1 failed</span> <span class="badge not-run">2 not run</span></p></header>
\(markdownToHTML(chapter))
<section class="cell" id="cell-bn"><div class="cell-meta"><span>bn</span><span>0.42 s</span></div>
<pre class="source"><code>\(SwiftHighlighter.highlight(code))</code></pre>
<pre class="output">mean = [3.0, 4.0], shape = 4x2</pre>
<div class="check"><span class="badge pass">pass</span> output matches (rtol 1e-4)</div></section>
<section class="cell failed"><pre class="source"><code>\(SwiftHighlighter.highlight("print(conv2d(image, filter).scalars)"))</code></pre>
<div class="check"><span class="badge fail">fail</span> expected output differs
<pre class="expected">[158.0, 183.0, <span class="diff-del">172.0</span>]</pre><pre class="actual">[158.0, 183.0, <span class="diff-ins num-mismatch">171.5</span>]</pre></div></section>
<section class="cell" id="figures"><details class="long-output"><summary>40 lines of output</summary><pre class="output">\(longOutput)</pre></details>
<div class="rich-output">\(lineChart)</div><div class="rich-output">\(scatterChart)</div>
<div class="rich-output">\(heat)</div><div class="rich-output">\(signed)</div><div class="rich-output">\(table)</div></section>
<section class="cell not-run"><pre class="source"><code>\(SwiftHighlighter.highlight("let model = LSTM(inputSize: 200, hiddenSize: 200)"))</code></pre>
<div class="check"><span class="badge not-run">not run</span> an earlier cell failed</div></section>
<nav class="pager"><a class="prev" href="#">Introduction</a><a class="next" href="#">Convolution</a></nav>
</main></div></body></html>
"""
// A second page with the figures first, so that a 2400-pixel screenshot shows them all.
let figuresPage = """
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Figures — Folio sample</title><style>\(ReportStylesheet.css)</style></head>
<body><div class="page"><nav class="toc"><a class="book-title" href="index.html">Deep learning, checked</a></nav><main>
<h2>Heatmaps and a table</h2><div class="rich-output">\(heat)</div><div class="rich-output">\(signed)</div>
<div class="rich-output">\(table)</div>
<section class="cell not-run"><pre class="source"><code>\(SwiftHighlighter.highlight("let model = LSTM(inputSize: 200, hiddenSize: 200)"))</code></pre>
<div class="check"><span class="badge not-run">not run</span> an earlier cell failed</div></section>
<details class="long-output" open><summary>40 lines of output</summary><pre class="output">\(longOutput.split(separator: "\n").prefix(6).joined(separator: "\n"))</pre></details>
<div class="rich-output">\(scatterChart)</div>
<nav class="pager"><a class="prev" href="#">Introduction</a><a class="next" href="#">Convolution</a></nav>
</main></div></body></html>
"""

func writeAtomically(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
    try text.write(to: temporary, atomically: false, encoding: .utf8)
    guard rename(temporary.path, url.path) == 0 else { fatalError("cannot write \(path)") }
    print(path)
}

try writeAtomically(page, to: outputPath)
try writeAtomically(figuresPage, to: outputPath.replacingOccurrences(of: ".html", with: "-figures.html"))
