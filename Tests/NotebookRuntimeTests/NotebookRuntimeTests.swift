import Testing
import FolioProtocol
@testable import NotebookRuntime

@Suite("NotebookRuntime")
struct NotebookRuntimeTests {
    @Test("show prints a 1-D tensor as a row and a 2-D tensor as aligned rows")
    func matrices() {
        #expect(formatTensor(shape: [3], scalars: [1, 2.5, -3]) == "[1, 2.5, -3]")
        #expect(formatTensor(shape: [2, 2], scalars: [158, 3, 0.5, 12]) == "[[158,   3],\n [0.5,  12]]")
        #expect(formatTensor(shape: [3, 2], scalars: [1, -2, 30, 4, 5, 6]) == "[[ 1, -2],\n [30,  4],\n [ 5,  6]]")
        #expect(formatTensor(shape: [], scalars: [7]) == "7")
        #expect(formatTensor(shape: [0, 3], scalars: []) == "[]")
    }

    @Test("show abbreviates tensors of more than 1000 elements like PyTorch: 3 edge items and ...")
    func abbreviated() {
        // torch.arange(2000.).reshape(40, 50) prints rows 0-2, ..., rows 37-39, each as 3 values ... 3 values.
        let matrix = formatTensor(shape: [40, 50], scalars: (0..<2000).map(Float.init))
        #expect(matrix == """
        [[   0,    1,    2, ...,   47,   48,   49],
         [  50,   51,   52, ...,   97,   98,   99],
         [ 100,  101,  102, ...,  147,  148,  149],
         ...,
         [1850, 1851, 1852, ..., 1897, 1898, 1899],
         [1900, 1901, 1902, ..., 1947, 1948, 1949],
         [1950, 1951, 1952, ..., 1997, 1998, 1999]]
        """)
        #expect(formatTensor(shape: [1001], scalars: (0..<1001).map(Float.init)) == "[0, 1, 2, ..., 998, 999, 1000]")
        // 1000 elements exactly are printed whole.
        #expect(!formatTensor(shape: [1000], scalars: (0..<1000).map(Float.init)).contains("..."))
        // A 3-D tensor: leading slices 0-2, one ..., 7-9, each slice itself abbreviated.
        let cube = formatTensor(shape: [10, 10, 11], scalars: (0..<1100).map(Float.init))
        #expect(cube.components(separatedBy: "\n\n").count == 7)
        #expect(cube.hasPrefix("[0, :, :] =\n[[   0,    1,    2, ...,    8,    9,   10],"))
        #expect(cube.contains("\n\n...\n\n[7, :, :] ="))
        #expect(cube.hasSuffix("[1089, 1090, 1091, ..., 1097, 1098, 1099]]"))
    }

    @Test("show prints higher tensors as 2-D slices headed by their leading indices")
    func slices() {
        #expect(formatTensor(shape: [2, 1, 2], scalars: [1, 2, 3, 4]) == "[0, :, :] =\n[[1, 2]]\n\n[1, :, :] =\n[[3, 4]]")
    }

    @Test("closeness is |a - e| <= atol + rtol*|e|, nan only with nan")
    func closeness() {
        #expect(Closeness.agree(1.00005, 1, rtol: 1e-4, atol: 1e-6))
        #expect(!Closeness.agree(1.0002, 1, rtol: 1e-4, atol: 1e-6))
        #expect(Closeness.agree(.nan, .nan, rtol: 0, atol: 0))
        #expect(!Closeness.agree(.nan, 0, rtol: 1, atol: 1))
        #expect(!Closeness.agree(.infinity, -.infinity, rtol: 1, atol: 1))
    }

    @Test("numbers print whole when whole, else in shortest round-trip form")
    func numbers() {
        #expect(formatNumber(Float(158)) == "158")
        #expect(formatNumber(Float(1) / 3) == "0.33333334")
        #expect(formatNumber(Double.nan) == "nan")
    }
}
