import Testing
@testable import NotebookRuntime

/// Nice axis ticks: steps of 1, 2 or 5 × 10^k, covering the data, labelled without binary noise.
@Suite("Plots: nice scales")
struct PlotNiceScaleTests {
    @Test("0…10 with five ticks steps by 2")
    func integers() {
        let scale = NiceScale(minimum: 0, maximum: 10, targetTicks: 5)
        #expect(scale.step == 2)
        #expect(scale.ticks == [0, 2, 4, 6, 8, 10])
        #expect(scale.ticks.map(scale.label) == ["0", "2", "4", "6", "8", "10"])
    }

    @Test("the axis widens to whole steps around the data, and decimals print cleanly")
    func decimals() {
        let scale = NiceScale(minimum: 0.03, maximum: 0.97, targetTicks: 5)
        #expect(scale.step == 0.2)
        #expect(scale.lower == 0)
        #expect(scale.upper == 1)
        #expect(scale.ticks.map(scale.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test("negative ranges have no minus zero")
    func negative() {
        let scale = NiceScale(minimum: -3.2, maximum: 7.7, targetTicks: 5)
        #expect(scale.ticks == [-4, -2, 0, 2, 4, 6, 8])
        #expect(scale.label(scale.ticks[2]) == "0")
    }

    @Test("a constant series gets a range around its value; no data gives 0…1")
    func degenerate() {
        let constant = NiceScale(minimum: 5, maximum: 5, targetTicks: 5)
        #expect(constant.lower <= 4.5 && constant.upper >= 5.5)
        let none = NiceScale(minimum: .nan, maximum: .infinity)
        #expect(none.lower == 0 && none.upper == 1)
    }

    @Test("integer steps never go below 1")
    func integerSteps() {
        #expect(NiceScale(minimum: 0, maximum: 2, targetTicks: 6).step == 0.2)
        #expect(NiceScale(minimum: 0, maximum: 2, targetTicks: 6, integerSteps: true).ticks == [0, 1, 2])
    }

    @Test("large magnitudes use scientific labels")
    func large() {
        let scale = NiceScale(minimum: 0, maximum: 3e7, targetTicks: 3)
        #expect(scale.label(1e7) == "1.0e+07")
    }

    @Test("ticks inside a range do not widen it (color bars)")
    func inside() {
        #expect(NiceScale.ticks(inside: 158, 244, targetTicks: 5) == [160, 180, 200, 220, 240])
    }

    @Test("positions map linearly, up being smaller pixel y")
    func positions() {
        let scale = NiceScale(minimum: 0, maximum: 10, targetTicks: 5)
        #expect(scale.position(of: 5, from: 370, to: 14) == 192)
        #expect(scale.position(of: 0, from: 34, to: 620) == 34)
    }
}
