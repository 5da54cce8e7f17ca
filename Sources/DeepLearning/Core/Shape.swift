/// Shape arithmetic shared by the operations: element counts, strides and broadcasting.
enum Shape {
    /// The number of elements a shape holds.
    static func count(_ shape: [Int]) -> Int { shape.reduce(1, *) }

    /// Row-major strides (in elements) of a contiguous tensor of this shape.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for dim in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[dim] = running
            running *= shape[dim]
        }
        return strides
    }

    /// The broadcast shape of two shapes (NumPy/PyTorch rules: align on the right; sizes must be equal
    /// or one of them 1), or `nil` when they do not broadcast.
    static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = Swift.max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 {
                result[i] = da
            } else if da == 1 {
                result[i] = db
            } else {
                return nil
            }
        }
        return result
    }

    /// Strides to read a tensor of shape `shape` as if it had the (broadcast) shape `target`:
    /// 0 along dimensions that are broadcast, row-major strides elsewhere.
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(shape)
        let offset = target.count - shape.count
        return (0..<target.count).map { i in
            i < offset || shape[i - offset] == 1 ? 0 : own[i - offset]
        }
    }
}
