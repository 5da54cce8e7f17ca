/// Looks up rows of `weight` (`F.embedding`).
///
/// Shapes: indices of shape S (row-major `indices`), weight (V, D) → S + [D].
/// Backward: the gradient rows are added into a (V, D) zero matrix at their indices (repeated indices
/// accumulate), except at `paddingIndex`, whose row gets no gradient (PyTorch's `padding_idx`: a row
/// that starts at zero stays zero under SGD).
public func embedding(_ indices: [Int], shape: [Int]? = nil, weight: Tensor, paddingIndex: Int? = nil) -> Tensor {
    precondition(weight.rank == 2, "embedding: weight must be (numEmbeddings, embeddingDim), got \(weight.shape)")
    let indexShape = shape ?? [indices.count]
    precondition(
        indexShape.reduce(1, *) == indices.count,
        "embedding: index shape \(indexShape) does not hold \(indices.count) indices")
    let vocabulary = weight.shape[0], width = weight.shape[1]
    for index in indices {
        precondition(index >= 0 && index < vocabulary, "embedding: index \(index) is out of range for \(vocabulary) rows")
    }
    let table = weight.scalars
    let output = [Float](unsafeUninitializedCapacity: indices.count * width) { out, initialized in
        table.withUnsafeBufferPointer { pw in
            for (row, index) in indices.enumerated() {
                (out.baseAddress! + row * width).update(from: pw.baseAddress! + index * width, count: width)
            }
        }
        initialized = indices.count * width
    }
    return Tensor.result(shape: indexShape + [width], scalars: output, operation: "embedding", inputs: [weight]) { g in
        var gw = [Float](repeating: 0, count: vocabulary * width)
        let gv = g.scalars
        gw.withUnsafeMutableBufferPointer { pw in
            for (row, index) in indices.enumerated() where index != paddingIndex {
                let target = pw.baseAddress! + index * width
                for j in 0..<width { target[j] += gv[row * width + j] }
            }
        }
        return [Tensor(shape: [vocabulary, width], scalars: gw)]
    }
}

/// Looks up rows of `weight` for a tensor of whole-number indices; the result has shape indices.shape + [D].
public func embedding(_ indices: Tensor, weight: Tensor) -> Tensor {
    embedding(indices.scalars.map { Int($0) }, shape: indices.shape, weight: weight)
}
