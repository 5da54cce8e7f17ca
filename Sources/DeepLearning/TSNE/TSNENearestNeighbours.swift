/// The `k` nearest neighbours of every point (exact, by scanning all pairs) with squared distances,
/// ascending (ties by index). Row i of the result holds k entries, at `[i*k ..< (i+1)*k]`.
///
/// The distances come four rows by eight columns at a time (`TSNEDistanceTile`), each a sum over
/// the coordinates of (x_i,d − x_j,d)² (differences, not ‖x‖² − 2x·y + ‖y‖², so no cancellation);
/// then every row keeps its k smallest in a max-heap.
func tsneNearestNeighbours(
    _ points: TSNEPoints, k: Int, threads: Int
) -> (indices: [Int32], squaredDistances: [Double]) {
    let n = points.count
    let indices = FixedBuffer<Int32>(repeating: 0, count: n * k)
    let distances = FixedBuffer<Double>(repeating: 0, count: n * k)
    let tile = TSNEDistanceTile(points)
    let blocks = (n + TSNEDistanceTile.rows - 1) / TSNEDistanceTile.rows
    Parallel.forEachChunk(blocks, costPerItem: 4 * tsneRowCost, threads: threads, chunksPerThread: 8) { range in
        let rowDistances = FixedBuffer<Double>(uninitializedCount: TSNEDistanceTile.rows * tile.paddedCount)
        var heap = TSNENeighbourHeap(capacity: k)
        for block in range {
            let first = block * TSNEDistanceTile.rows
            tile.distances(fromRows: first, into: rowDistances.pointer)
            for r in 0..<min(TSNEDistanceTile.rows, n - first) {
                let i = first + r
                let row = rowDistances.pointer + r * tile.paddedCount
                heap.removeAll()
                for j in 0..<n where j != i { heap.offer(row[j], Int32(j)) }
                heap.sortAscending()
                for slot in 0..<k {
                    indices[i * k + slot] = heap.indices[slot]
                    distances[i * k + slot] = heap.distances[slot]
                }
            }
        }
    }
    return (indices.array, distances.array)
}

/// Squared distances from blocks of `rows` points to all points, computed from the points'
/// coordinates transposed (dimension-major, each row of N padded to a multiple of 8 with zeros).
struct TSNEDistanceTile {
    /// Points per block of rows.
    static let rows = 4
    let count: Int, dimension: Int
    /// N rounded up to a multiple of 8.
    let paddedCount: Int
    /// Row-major points (N × D) and their transpose (D × `paddedCount`).
    let points: FixedBuffer<Double>, transposed: FixedBuffer<Double>

    init(_ input: TSNEPoints) {
        count = input.count
        dimension = input.dimension
        paddedCount = (input.count + 7) / 8 * 8
        points = FixedBuffer(copying: input.values)
        transposed = FixedBuffer(repeating: 0, count: dimension * paddedCount)
        for i in 0..<count {
            for d in 0..<dimension { transposed[d * paddedCount + i] = input.values[i * dimension + d] }
        }
    }

    /// Writes ‖x_i − x_j‖² for the rows i = first ..< first + `rows` (the last row repeated past N)
    /// and every column j < `paddedCount` to `output[(i − first) · paddedCount + j]`.
    func distances(fromRows first: Int, into output: UnsafeMutablePointer<Double>) {
        let x = points.pointer, t = transposed.pointer
        let r0 = x + min(first, count - 1) * dimension, r1 = x + min(first + 1, count - 1) * dimension
        let r2 = x + min(first + 2, count - 1) * dimension, r3 = x + min(first + 3, count - 1) * dimension
        var j = 0
        while j < paddedCount {
            // 4 rows × 8 columns of sums, in eight registers of four lanes.
            var a0 = SIMD4<Double>.zero, b0 = SIMD4<Double>.zero, a1 = SIMD4<Double>.zero, b1 = SIMD4<Double>.zero
            var a2 = SIMD4<Double>.zero, b2 = SIMD4<Double>.zero, a3 = SIMD4<Double>.zero, b3 = SIMD4<Double>.zero
            for d in 0..<dimension {
                let column = UnsafeRawPointer(t + d * paddedCount + j)
                let low = column.loadUnaligned(as: SIMD4<Double>.self)
                let high = column.loadUnaligned(fromByteOffset: 32, as: SIMD4<Double>.self)
                Self.accumulate(r0[d], low, high, &a0, &b0)
                Self.accumulate(r1[d], low, high, &a1, &b1)
                Self.accumulate(r2[d], low, high, &a2, &b2)
                Self.accumulate(r3[d], low, high, &a3, &b3)
            }
            Self.store(a0, b0, to: output + j)
            Self.store(a1, b1, to: output + paddedCount + j)
            Self.store(a2, b2, to: output + 2 * paddedCount + j)
            Self.store(a3, b3, to: output + 3 * paddedCount + j)
            j += 8
        }
    }

    /// Writes the eight lanes of (low, high) from `out`.
    @inline(__always)
    private static func store(_ low: SIMD4<Double>, _ high: SIMD4<Double>, to out: UnsafeMutablePointer<Double>) {
        let raw = UnsafeMutableRawPointer(out)
        raw.storeBytes(of: low, as: SIMD4<Double>.self)
        raw.storeBytes(of: high, toByteOffset: 32, as: SIMD4<Double>.self)
    }

    /// a += (v − low)², b += (v − high)², fused where the build has FMA.
    @inline(__always)
    private static func accumulate(
        _ v: Double, _ low: SIMD4<Double>, _ high: SIMD4<Double>, _ a: inout SIMD4<Double>, _ b: inout SIMD4<Double>
    ) {
        let splat = SIMD4(repeating: v)
        let dLow = splat - low, dHigh = splat - high
        #if DEEPLEARNING_FMA
        a = a.addingProduct(dLow, dLow)
        b = b.addingProduct(dHigh, dHigh)
        #else
        a += dLow * dLow
        b += dHigh * dHigh
        #endif
    }
}

/// The k smallest (distance, index) pairs offered so far: a max-heap on the distance, whose root is
/// the worst kept. An offer equal to the root does not replace it (the earlier index stays).
struct TSNENeighbourHeap {
    private(set) var distances: [Double], indices: [Int32]
    private var size = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        distances = [Double](repeating: 0, count: capacity)
        indices = [Int32](repeating: 0, count: capacity)
    }

    mutating func removeAll() { size = 0 }

    /// Keeps (d, j) if fewer than `capacity` are kept or d is below the worst kept.
    @inline(__always)
    mutating func offer(_ d: Double, _ j: Int32) {
        if size < capacity {
            siftUp(d, j)
        } else if d < distances[0] {
            siftDown(d, j)
        }
    }

    private mutating func siftUp(_ d: Double, _ j: Int32) {
        var child = size
        size += 1
        while child > 0 {
            let parent = (child - 1) / 2
            if distances[parent] >= d { break }
            distances[child] = distances[parent]
            indices[child] = indices[parent]
            child = parent
        }
        distances[child] = d
        indices[child] = j
    }

    /// Replaces the root by (d, j) and restores the heap.
    private mutating func siftDown(_ d: Double, _ j: Int32) {
        var parent = 0
        while true {
            let left = 2 * parent + 1
            if left >= capacity { break }
            var larger = left
            if left + 1 < capacity && distances[left + 1] > distances[left] { larger = left + 1 }
            if distances[larger] <= d { break }
            distances[parent] = distances[larger]
            indices[parent] = indices[larger]
            parent = larger
        }
        distances[parent] = d
        indices[parent] = j
    }

    /// Orders the kept pairs by (distance, index), ascending (an insertion sort: k is small).
    mutating func sortAscending() {
        for a in 1..<max(size, 1) {
            let d = distances[a], j = indices[a]
            var b = a
            while b > 0 && (distances[b - 1], indices[b - 1]) > (d, j) {
                distances[b] = distances[b - 1]
                indices[b] = indices[b - 1]
                b -= 1
            }
            distances[b] = d
            indices[b] = j
        }
    }
}
