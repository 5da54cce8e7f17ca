// The mean of the embedding rows of each bag of indices, PyTorch's `F.embedding_bag(mode="mean")`:
// the bag of words of the previous sentence in the context language model.
//
//   bags: B lists of indices, weight (V, D) → y (B, D),   y[b] = (1/|bag b|) Σ_{i ∈ bag b} weight[i]
//   (an empty bag gives a row of zeros, as in PyTorch)
// Backward:  ∂weight[i] += ∂y[b] / |bag b|  for every occurrence of i in bag b

/// The mean embedding row of each bag: (B, D) for B bags over weight (V, D); an empty bag gives zeros.
/// See the notes at the top of the file.
public func meanEmbedding(_ bags: [[Int]], weight: Tensor) -> Tensor {
    precondition(weight.rank == 2, "meanEmbedding: weight must be (V, D), got \(weight.shape)")
    let vocabulary = weight.shape[0], width = weight.shape[1]
    for bag in bags {
        for index in bag {
            precondition(index >= 0 && index < vocabulary, "meanEmbedding: index \(index) is out of range for \(vocabulary) rows")
        }
    }
    let table = weight.scalars
    var y = [Float](repeating: 0, count: bags.count * width)
    for (b, bag) in bags.enumerated() where !bag.isEmpty {
        let scale = 1 / Float(bag.count)
        for index in bag { for j in 0..<width { y[b * width + j] += table[index * width + j] } }
        for j in 0..<width { y[b * width + j] *= scale }
    }
    return Tensor.result(shape: [bags.count, width], scalars: y, operation: "meanEmbedding", inputs: [weight]) { g in
        let gv = g.scalars
        var gw = [Float](repeating: 0, count: vocabulary * width)
        for (b, bag) in bags.enumerated() where !bag.isEmpty {
            let scale = 1 / Float(bag.count)
            for index in bag { for j in 0..<width { gw[index * width + j] += gv[b * width + j] * scale } }
        }
        return [Tensor(shape: [vocabulary, width], scalars: gw)]
    }
}
