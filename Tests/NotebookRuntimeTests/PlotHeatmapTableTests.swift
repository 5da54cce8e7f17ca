import Testing
@testable import NotebookRuntime
import DeepLearning

/// Heatmaps (colors, printed values, color bar) and HTML tables.
@Suite("Plots: heatmaps and tables")
struct PlotHeatmapTableTests {
    /// The seed's 3×3 convolution output.
    let convolution: [[Double]] = [[158, 183, 172], [229, 237, 238], [195, 232, 244]]

    @Test("positive values use viridis from its first color to its last")
    func sequentialColors() {
        let map = Heatmap(convolution)
        #expect(map.color(of: 158) == "#440154")
        #expect(map.color(of: 244) == "#fde725")
    }

    @Test("values of both signs use a diverging map centred on white at zero")
    func divergingColors() {
        let map = Heatmap([[-2.0, 0], [1, 2]])
        #expect(map.colorRange.diverging)
        #expect(map.color(of: 0) == "#f7f7f7")
        #expect(map.color(of: -2) == "#2166ac")
        #expect(map.color(of: 2) == "#b2182b")
    }

    @Test("small matrices print their values with readable text colors, and have a color bar")
    func printedValues() {
        let svg = Heatmap(convolution, title: "conv").svg
        #expect(svg.contains("fill=\"#ffffff\">158</text>"))  // white on dark purple
        #expect(svg.contains("fill=\"#1f2328\">244</text>"))  // dark on yellow
        #expect(svg.components(separatedBy: "<g class=\"cells\">")[1].components(separatedBy: "</g>")[0].components(separatedBy: "<rect").count - 1 == 9)
        #expect(svg.contains("<title>[2, 1] = 232</title>"))
        for tick in ["160", "200", "240"] { #expect(svg.contains(">\(tick)</text>")) }
    }

    @Test("values can be hidden, labels given, and text is escaped")
    func options() {
        let svg = Heatmap([[1.0, 2]], title: "a<b", rowLabels: ["row&1"], columnLabels: ["x", "y"], showValues: false).svg
        #expect(!svg.contains("class=\"values\""))
        #expect(svg.contains(">row&amp;1</text>"))
        #expect(svg.contains(">a&lt;b</text>"))
    }

    @Test("a tensor is shown as the matrix of its last dimension")
    func tensorRows() {
        let image = Tensor(shape: [1, 1, 2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(matrixRows(of: image) == [[1, 2, 3], [4, 5, 6]])
    }

    @Test("tables escape cells and right-align numeric columns")
    func table() {
        let html = HTMLTable([["lstm", "1.25"], ["<gru>", "nan"]], header: ["model", "loss"]).html
        #expect(html == "<table class=\"folio-table\"><thead><tr><th>model</th><th class=\"numeric\">loss</th></tr></thead><tbody><tr><td>lstm</td><td class=\"numeric\">1.25</td></tr><tr><td>&lt;gru&gt;</td><td class=\"numeric\">nan</td></tr></tbody></table>")
    }

    @Test("cell values print as integers, four significant digits, or scientific")
    func valueFormat() {
        #expect(SVGFormat.value(158) == "158")
        #expect(SVGFormat.value(0.123456) == "0.1235")
        #expect(SVGFormat.value(-12.5) == "-12.5")
        #expect(SVGFormat.value(1.5e-7) == "1.50e-07")
        #expect(SVGFormat.value(.nan) == "nan")
    }
}
