import Testing
@testable import NotebookRuntime

@Suite("NotebookRuntime")
struct NotebookRuntimeTests {
    @Test("show prints a 1-D tensor as a row and a 2-D tensor as aligned rows")
    func matrices() {
        #expect(formatTensor(shape: [3], scalars: [1, 2.5, -3]) == "[1, 2.5, -3]")
        #expect(formatTensor(shape: [2, 2], scalars: [158, 3, 0.5, 12]) == "[[158, 3  ],\n [0.5, 12 ]]")
        #expect(formatTensor(shape: [], scalars: [7]) == "7")
    }

    @Test("show prints higher tensors as 2-D slices headed by their leading indices")
    func slices() {
        #expect(formatTensor(shape: [2, 1, 2], scalars: [1, 2, 3, 4]) == "[0, :, :] =\n[[1, 2]]\n\n[1, :, :] =\n[[3, 4]]")
    }

    @Test("closeness is |a - e| <= atol + rtol*|e|, nan only with nan")
    func closeness() {
        #expect(isClose(1.00005, 1, rtol: 1e-4, atol: 1e-6))
        #expect(!isClose(1.0002, 1, rtol: 1e-4, atol: 1e-6))
        #expect(isClose(.nan, .nan, rtol: 0, atol: 0))
        #expect(!isClose(.nan, 0, rtol: 1, atol: 1))
        #expect(!isClose(.infinity, -.infinity, rtol: 1, atol: 1))
    }

    @Test("numbers print whole when whole, else in shortest round-trip form")
    func numbers() {
        #expect(formatNumber(Float(158)) == "158")
        #expect(formatNumber(Float(1) / 3) == "0.33333334")
        #expect(formatNumber(Double.nan) == "nan")
    }

    @Test("side-channel JSON strings escape quotes, backslashes and control characters")
    func json() {
        #expect(SideChannel.jsonString("a\"b\\c\nd\u{1}") == "\"a\\\"b\\\\c\\nd\\u0001\"")
    }
}
