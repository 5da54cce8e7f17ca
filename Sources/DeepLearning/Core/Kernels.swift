/// The loops behind elementwise operations: unary maps, broadcasting binary maps, and the sum that
/// undoes a broadcast (used by every backward of a broadcasting operation).
enum Kernels {
    /// `op(x)` for every element, in parallel for large inputs.
    @inline(__always)
    static func map(_ x: [Float], _ op: (Float) -> Float) -> [Float] {
        let n = x.count
        if n == 0 { return [] }
        return [Float](unsafeUninitializedCapacity: n) { out, initialized in
            x.withUnsafeBufferPointer { px in
                let po = out.baseAddress!, pi = px.baseAddress!
                Parallel.forEachChunk(n) { range in
                    for i in range { po[i] = op(pi[i]) }
                }
            }
            initialized = n
        }
    }

    /// `op(x, y)` for every pair of elements of two same-sized arrays, in parallel for large inputs.
    @inline(__always)
    static func zip(_ x: [Float], _ y: [Float], _ op: (Float, Float) -> Float) -> [Float] {
        let n = x.count
        precondition(y.count == n, "internal: zip of \(x.count) and \(y.count) elements")
        if n == 0 { return [] }
        return [Float](unsafeUninitializedCapacity: n) { out, initialized in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeBufferPointer { py in
                    let po = out.baseAddress!, pa = px.baseAddress!, pb = py.baseAddress!
                    Parallel.forEachChunk(n) { range in
                        for i in range { po[i] = op(pa[i], pb[i]) }
                    }
                }
            }
            initialized = n
        }
    }

    /// `op(a, b)` with NumPy/PyTorch broadcasting; `shape` is the broadcast shape of the two.
    @inline(__always)
    static func broadcast(
        _ a: [Float], _ aShape: [Int], _ b: [Float], _ bShape: [Int], to shape: [Int],
        _ op: (Float, Float) -> Float
    ) -> [Float] {
        let n = Shape.count(shape)
        if n == 0 { return [] }
        // Equal counts mean equal shapes up to leading 1s: the same row-major layout.
        if a.count == n && b.count == n { return zip(a, b, op) }
        if b.count == 1 && a.count == n {
            let scalar = b[0]
            return map(a) { op($0, scalar) }
        }
        if a.count == 1 && b.count == n {
            let scalar = a[0]
            return map(b) { op(scalar, $0) }
        }
        let rank = shape.count
        let stridesA = Shape.broadcastStrides(aShape, to: shape)
        let stridesB = Shape.broadcastStrides(bShape, to: shape)
        let inner = rank == 0 ? 1 : shape[rank - 1]
        let innerA = rank == 0 ? 0 : stridesA[rank - 1]
        let innerB = rank == 0 ? 0 : stridesB[rank - 1]
        let outer = inner == 0 ? 0 : n / inner
        return [Float](unsafeUninitializedCapacity: n) { out, initialized in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    let po = out.baseAddress!, xa = pa.baseAddress!, xb = pb.baseAddress!
                    Parallel.forEachChunk(outer, costPerItem: inner) { rows in
                        var walker = OuterWalker(shape: shape, strides: [stridesA, stridesB], start: rows.lowerBound)
                        for row in rows {
                            let base = row * inner
                            let offA = walker.offsets[0], offB = walker.offsets[1]
                            if innerA == 1 && innerB == 1 {
                                for j in 0..<inner { po[base + j] = op(xa[offA + j], xb[offB + j]) }
                            } else if innerA == 1 {
                                let vb = xb[offB]
                                for j in 0..<inner { po[base + j] = op(xa[offA + j], vb) }
                            } else if innerB == 1 {
                                let va = xa[offA]
                                for j in 0..<inner { po[base + j] = op(va, xb[offB + j]) }
                            } else {
                                for j in 0..<inner { po[base + j] = op(xa[offA + j * innerA], xb[offB + j * innerB]) }
                            }
                            walker.advance()
                        }
                    }
                }
            }
            initialized = n
        }
    }

    /// Sums `gradient` (laid out in the broadcast shape `shape`) down to `targetShape`: the backward of
    /// broadcasting a tensor of `targetShape` up to `shape`.
    static func sumToShape(_ gradient: [Float], from shape: [Int], to targetShape: [Int]) -> [Float] {
        if shape == targetShape { return gradient }
        if shape.count == 2 && (targetShape == [shape[1]] || targetShape == [1, shape[1]]) {
            // A bias's gradient: the column sums of (rows, columns).
            return gradient.withUnsafeBufferPointer { columnSums($0.baseAddress!, rows: shape[0], columns: shape[1]) }
        }
        let targetCount = Shape.count(targetShape)
        if targetCount == 1 {
            var total: Float = 0
            for value in gradient { total += value }
            return [total]
        }
        let rank = shape.count
        let strides = Shape.broadcastStrides(targetShape, to: shape)
        let inner = shape[rank - 1]
        let innerStride = strides[rank - 1]
        let outer = inner == 0 ? 0 : gradient.count / inner
        var result = [Float](repeating: 0, count: targetCount)
        result.withUnsafeMutableBufferPointer { pr in
            gradient.withUnsafeBufferPointer { pg in
                let r = pr.baseAddress!, g = pg.baseAddress!
                var walker = OuterWalker(shape: shape, strides: [strides], start: 0)
                for row in 0..<outer {
                    let base = row * inner, offset = walker.offsets[0]
                    if innerStride == 1 {
                        for j in 0..<inner { r[offset + j] += g[base + j] }
                    } else {
                        var sum: Float = 0
                        for j in 0..<inner { sum += g[base + j] }
                        r[offset] += sum
                    }
                    walker.advance()
                }
            }
        }
        return result
    }

    /// dst (columns × rows) = srcᵀ for a row-major src (rows × columns): 8 × 8 tiles transposed in
    /// registers (`transposed8x8`), the edges that do not fill a tile element by element.
    static func transpose(_ src: UnsafePointer<Float>, rows: Int, columns: Int, into dst: UnsafeMutablePointer<Float>) {
        let fullRows = rows & ~7, fullColumns = columns & ~7
        for r0 in stride(from: 0, to: fullRows, by: 8) {
            for c0 in stride(from: 0, to: fullColumns, by: 8) {
                let tile = transposed8x8(src + r0 * columns + c0, stride: columns)
                for c in 0..<8 {
                    UnsafeMutableRawPointer(dst + (c0 + c) * rows + r0).storeBytes(of: tile[c], as: SIMD8<Float>.self)
                }
            }
        }
        for r in 0..<rows {
            let firstColumn = r < fullRows ? fullColumns : 0
            for c in firstColumn..<columns { dst[c * rows + r] = src[r * columns + c] }
        }
    }

    /// The 8 × 8 tile at `source` (rows `stride` floats apart), transposed: three perfect unshuffles of
    /// its 64 elements (row k of a round = the even elements of rows 2k, 2k+1 of the last one; row 4+k
    /// their odd elements) rotate each element's 6-bit index by 3, which swaps row and column.
    @inline(__always)
    private static func transposed8x8(_ source: UnsafePointer<Float>, stride: Int) -> InlineArray<8, SIMD8<Float>> {
        var rows = InlineArray<8, SIMD8<Float>>(repeating: .zero)
        for r in 0..<8 { rows[r] = UnsafeRawPointer(source + r * stride).loadUnaligned(as: SIMD8<Float>.self) }
        for _ in 0..<3 {
            var next = rows
            for k in 0..<4 {
                let pair = SIMD16(lowHalf: rows[2 * k], highHalf: rows[2 * k + 1])
                next[k] = pair.evenHalf
                next[4 + k] = pair.oddHalf
            }
            rows = next
        }
        return rows
    }

    /// Sums of the columns of a (rows, columns) row-major matrix: each row added into the totals, 8
    /// columns at a time (the totals, one row's width, stay in cache).
    static func columnSums(_ matrix: UnsafePointer<Float>, rows: Int, columns: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: columns) { buffer, initialized in
            let sums = buffer.baseAddress!
            sums.initialize(repeating: 0, count: columns)
            let vectorColumns = columns & ~7
            for r in 0..<rows {
                let row = matrix + r * columns
                var j = 0
                while j < vectorColumns {
                    let total = UnsafeRawPointer(sums + j).loadUnaligned(as: SIMD8<Float>.self)
                        + UnsafeRawPointer(row + j).loadUnaligned(as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(sums + j).storeBytes(of: total, as: SIMD8<Float>.self)
                    j += 8
                }
                while j < columns {
                    sums[j] += row[j]
                    j += 1
                }
            }
            initialized = columns
        }
    }

    /// The values of a tensor of `shape` broadcast (copied) to `targetShape`.
    static func expand(_ values: [Float], from shape: [Int], to targetShape: [Int]) -> [Float] {
        if shape == targetShape { return values }
        return broadcast(values, shape, [0], [], to: targetShape) { x, _ in x }
    }
}

/// Walks the rows (all dimensions but the last) of a row-major shape in order and keeps, for several
/// strided operands, the offset of the current row's first element.
struct OuterWalker {
    let shape: [Int]
    let strides: [[Int]]
    var counter: [Int]
    var offsets: [Int]

    /// Starts at row `start` (a row index over the outer dimensions).
    init(shape: [Int], strides: [[Int]], start: Int) {
        self.shape = shape
        self.strides = strides
        let outerRank = Swift.max(shape.count - 1, 0)
        counter = [Int](repeating: 0, count: outerRank)
        offsets = [Int](repeating: 0, count: strides.count)
        var rest = start
        for d in stride(from: outerRank - 1, through: 0, by: -1) {
            counter[d] = rest % shape[d]
            rest /= shape[d]
            for k in 0..<strides.count { offsets[k] += counter[d] * strides[k][d] }
        }
    }

    /// Moves to the next row.
    @inline(__always)
    mutating func advance() {
        var d = counter.count - 1
        while d >= 0 {
            counter[d] += 1
            for k in 0..<offsets.count { offsets[k] += strides[k][d] }
            if counter[d] < shape[d] { return }
            for k in 0..<offsets.count { offsets[k] -= strides[k][d] * shape[d] }
            counter[d] = 0
            d -= 1
        }
    }
}
