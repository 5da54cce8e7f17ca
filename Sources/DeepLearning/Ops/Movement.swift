// Movement: reshape, transpose/permute, slicing, indexing, concatenation, stacking, squeeze.
// Every tensor is contiguous, so these copy (except reshape, which shares storage copy-on-write).

extension Tensor {
    /// The same elements in a new shape; one size may be −1 and is inferred (`tensor.reshape`).
    /// Backward: the gradient reshaped back.
    public func reshape(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        precondition(inferred.count <= 1, "reshape: only one size may be -1, got \(newShape)")
        if let index = inferred.first {
            let known = newShape.filter { $0 != -1 }.reduce(1, *)
            precondition(
                known > 0 && count % known == 0,
                "reshape: cannot view shape \(shape) (\(count) elements) as \(newShape)")
            resolved[index] = count / known
        }
        precondition(
            Shape.count(resolved) == count,
            "reshape: cannot view shape \(shape) (\(count) elements) as \(newShape)")
        let inputShape = shape
        return Tensor.result(shape: resolved, scalars: scalars, operation: "reshape", inputs: [self]) { g in
            [Tensor(shape: inputShape, scalars: g.scalars)]
        }
    }

    /// The same as `reshape` (all tensors are contiguous), PyTorch's `view`.
    public func view(_ newShape: [Int]) -> Tensor { reshape(newShape) }

    /// Flattens dimensions `startDim...endDim` into one (`torch.flatten`).
    public func flatten(startDim: Int = 0, endDim: Int = -1) -> Tensor {
        if rank == 0 { return reshape([1]) }
        let start = normalizedDimension(startDim), end = normalizedDimension(endDim)
        let merged = shape[start...end].reduce(1, *)
        return reshape(Array(shape[..<start]) + [merged] + Array(shape[(end + 1)...]))
    }

    /// The tensor itself: storage is always contiguous. Kept for PyTorch code that calls it.
    public func contiguous() -> Tensor { self }

    /// Reorders dimensions: result dimension i is input dimension `order[i]` (`tensor.permute`).
    /// Backward: permute the gradient by the inverse order.
    public func permute(_ order: [Int]) -> Tensor {
        let order = order.map { normalizedDimension($0) }
        precondition(
            order.count == rank && Set(order).count == rank,
            "permute: \(order) is not a permutation of the \(rank) dimensions of shape \(shape)")
        let outShape = order.map { shape[$0] }
        let inStrides = Shape.strides(shape)
        let readStrides = order.map { inStrides[$0] }
        let values = Tensor.gather(scalars, shape: outShape, strides: readStrides)
        var inverse = [Int](repeating: 0, count: order.count)
        for (i, d) in order.enumerated() { inverse[d] = i }
        return Tensor.result(shape: outShape, scalars: values, operation: "permute", inputs: [self]) { g in
            [g.permute(inverse)]
        }
    }

    /// Swaps two dimensions (`tensor.transpose(d0, d1)`).
    public func transpose(_ dim0: Int, _ dim1: Int) -> Tensor {
        var order = Array(0..<rank)
        order.swapAt(normalizedDimension(dim0), normalizedDimension(dim1))
        return permute(order)
    }

    /// The transpose of a matrix (`tensor.t()`); vectors are returned as they are.
    public func t() -> Tensor {
        precondition(rank <= 2, "t() expects a tensor of rank at most 2, got shape \(shape)")
        return rank < 2 ? self : transpose(0, 1)
    }

    /// The transpose of a matrix, as a property (`tensor.T`).
    public var T: Tensor { t() }

    /// Reads `values` (a contiguous tensor) through `strides` into a new contiguous tensor of `shape`.
    static func gather(_ values: [Float], shape: [Int], strides: [Int]) -> [Float] {
        let n = Shape.count(shape)
        if n == 0 { return [] }
        if shape.isEmpty { return values }
        let inner = shape[shape.count - 1], innerStride = strides[strides.count - 1]
        return [Float](unsafeUninitializedCapacity: n) { out, initialized in
            values.withUnsafeBufferPointer { source in
                let x = source.baseAddress!, y = out.baseAddress!
                Parallel.forEachChunk(n / inner, costPerItem: inner) { rows in
                    var walker = OuterWalker(shape: shape, strides: [strides], start: rows.lowerBound)
                    for row in rows {
                        let base = row * inner, offset = walker.offsets[0]
                        for j in 0..<inner { y[base + j] = x[offset + j * innerStride] }
                        walker.advance()
                    }
                }
            }
            initialized = n
        }
    }

    /// Elements `start..<end` along `dim` (`tensor[..., start:end, ...]`). Backward: the gradient placed
    /// back into zeros.
    public func slice(dim: Int, start: Int, end: Int) -> Tensor {
        let d = normalizedDimension(dim)
        let n = shape[d]
        let lower = start < 0 ? start + n : start
        let upper = Swift.min(end < 0 ? end + n : end, n)
        precondition(
            lower >= 0 && lower <= upper,
            "slice: range \(start)..<\(end) is out of bounds for dimension \(dim) of shape \(shape)")
        let (outer, _, inner) = splitAround(d)
        let length = upper - lower
        var outShape = shape
        outShape[d] = length
        let x = scalars
        var y = [Float]()
        y.reserveCapacity(outer * length * inner)
        for o in 0..<outer {
            y.append(contentsOf: x[((o * n + lower) * inner)..<((o * n + upper) * inner)])
        }
        let inputShape = shape
        return Tensor.result(shape: outShape, scalars: y, operation: "slice", inputs: [self]) { g in
            var gx = [Float](repeating: 0, count: outer * n * inner)
            let gv = g.scalars
            for o in 0..<outer {
                let from = o * length * inner, to = (o * n + lower) * inner
                for i in 0..<(length * inner) { gx[to + i] = gv[from + i] }
            }
            return [Tensor(shape: inputShape, scalars: gx)]
        }
    }

    /// `length` elements from `start` along `dim` (`tensor.narrow`).
    public func narrow(dim: Int, start: Int, length: Int) -> Tensor {
        slice(dim: dim, start: start, end: start + length)
    }

    /// The sub-tensor at `index` along `dim`, that dimension removed (`tensor.select`).
    public func select(dim: Int, index: Int) -> Tensor {
        let d = normalizedDimension(dim)
        let i = index < 0 ? index + shape[d] : index
        precondition(i >= 0 && i < shape[d], "index \(index) is out of range for dimension \(dim) of shape \(shape)")
        return slice(dim: d, start: i, end: i + 1).squeeze(dim: d)
    }

    /// The sub-tensor at `index` along the first dimension (`tensor[i]`).
    public subscript(_ index: Int) -> Tensor { select(dim: 0, index: index) }

    /// The element at a full index (`tensor[i, j]` for a matrix), as a tensor of rank `rank − indices.count`.
    public subscript(_ first: Int, _ rest: Int...) -> Tensor {
        var result = self[first]
        for index in rest { result = result[index] }
        return result
    }

    /// Rows `range` along the first dimension (`tensor[a:b]`).
    public subscript(_ range: Range<Int>) -> Tensor {
        slice(dim: 0, start: range.lowerBound, end: range.upperBound)
    }

    /// Removes dimension `dim` if its size is 1 (`tensor.squeeze(dim)`).
    public func squeeze(dim: Int) -> Tensor {
        let d = normalizedDimension(dim)
        guard shape[d] == 1 else { return self }
        var newShape = shape
        newShape.remove(at: d)
        return reshape(newShape)
    }

    /// Removes every dimension of size 1 (`tensor.squeeze()`).
    public func squeeze() -> Tensor { reshape(shape.filter { $0 != 1 }) }

    /// Inserts a dimension of size 1 at `dim` (`tensor.unsqueeze(dim)`); negative counts from the end
    /// of the result.
    public func unsqueeze(dim: Int) -> Tensor {
        let d = dim < 0 ? dim + rank + 1 : dim
        precondition(d >= 0 && d <= rank, "unsqueeze: dimension \(dim) is out of range for shape \(shape)")
        var newShape = shape
        newShape.insert(1, at: d)
        return reshape(newShape)
    }

    /// The tensor broadcast (copied) to `targetShape` (`tensor.expand`). Backward: summed back.
    public func expand(_ targetShape: [Int]) -> Tensor {
        precondition(
            Shape.broadcast(shape, targetShape) == targetShape,
            "expand: shape \(shape) cannot be broadcast to \(targetShape)")
        let inputShape = shape
        let values = Kernels.expand(scalars, from: shape, to: targetShape)
        return Tensor.result(shape: targetShape, scalars: values, operation: "expand", inputs: [self]) { g in
            [Tensor(shape: inputShape, scalars: Kernels.sumToShape(g.scalars, from: targetShape, to: inputShape))]
        }
    }

    /// Joins tensors along an existing dimension (`torch.cat`). All other sizes must agree.
    /// Backward: the gradient cut back into pieces.
    public static func cat(_ tensors: [Tensor], dim: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "cat needs at least one tensor")
        let first = tensors[0]
        let d = first.normalizedDimension(dim)
        for t in tensors {
            var a = t.shape, b = first.shape
            precondition(a.count == b.count, "cat: shapes \(first.shape) and \(t.shape) have different ranks")
            a[d] = 0
            b[d] = 0
            precondition(a == b, "cat: shapes \(first.shape) and \(t.shape) differ outside dimension \(dim)")
        }
        let outer = first.shape[..<d].reduce(1, *)
        let inner = first.shape[(d + 1)...].reduce(1, *)
        let sizes = tensors.map { $0.shape[d] }
        let total = sizes.reduce(0, +)
        var outShape = first.shape
        outShape[d] = total
        var y = [Float]()
        y.reserveCapacity(outer * total * inner)
        for o in 0..<outer {
            for (t, size) in zip(tensors, sizes) {
                y.append(contentsOf: t.scalars[(o * size * inner)..<((o + 1) * size * inner)])
            }
        }
        let shapes = tensors.map(\.shape)
        return result(shape: outShape, scalars: y, operation: "cat", inputs: tensors) { g in
            let gv = g.scalars
            var pieces = sizes.map { [Float](repeating: 0, count: outer * $0 * inner) }
            for o in 0..<outer {
                var offset = o * total * inner
                for (k, size) in sizes.enumerated() {
                    let length = size * inner
                    for i in 0..<length { pieces[k][o * length + i] = gv[offset + i] }
                    offset += length
                }
            }
            return zip(shapes, pieces).map { Tensor(shape: $0, scalars: $1) }
        }
    }

    /// Joins same-shaped tensors along a new dimension (`torch.stack`).
    public static func stack(_ tensors: [Tensor], dim: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "stack needs at least one tensor")
        for t in tensors {
            precondition(t.shape == tensors[0].shape, "stack: shapes \(tensors[0].shape) and \(t.shape) differ")
        }
        return cat(tensors.map { $0.unsqueeze(dim: dim) }, dim: dim < 0 ? dim + tensors[0].rank + 1 : dim)
    }

    /// Splits into pieces of `size` along `dim` (the last may be smaller), as `torch.split`.
    public func split(_ size: Int, dim: Int = 0) -> [Tensor] {
        let n = shape[normalizedDimension(dim)]
        return stride(from: 0, to: n, by: size).map { slice(dim: dim, start: $0, end: Swift.min($0 + size, n)) }
    }

    /// Splits into `chunks` nearly equal pieces along `dim`, as `torch.chunk`.
    public func chunk(_ chunks: Int, dim: Int = 0) -> [Tensor] {
        let n = shape[normalizedDimension(dim)]
        return split((n + chunks - 1) / chunks, dim: dim)
    }
}

/// Joins tensors along an existing dimension (`torch.cat`).
public func cat(_ tensors: [Tensor], dim: Int = 0) -> Tensor { Tensor.cat(tensors, dim: dim) }
/// Joins same-shaped tensors along a new dimension (`torch.stack`).
public func stack(_ tensors: [Tensor], dim: Int = 0) -> Tensor { Tensor.stack(tensors, dim: dim) }
