extension RecurrentState: LanguageModelState {
    /// Columns `range` of h and c, (layers, n, H) each.
    public func columns(_ range: Range<Int>) -> RecurrentState? {
        RecurrentState(hidden: hidden.batchColumns(range), cell: cell?.batchColumns(range))
    }

    /// The parts' h and c side by side along the batch dimension.
    public static func joiningColumns(_ parts: [RecurrentState]) -> RecurrentState? {
        guard let first = parts.first else { return nil }
        return RecurrentState(
            hidden: Tensor.joiningBatchColumns(parts.map(\.hidden)),
            cell: first.cell == nil ? nil : Tensor.joiningBatchColumns(parts.map { $0.cell! }))
    }
}

extension Tensor {
    /// Columns `range` of dimension 1 of a (L, N, …) tensor, as a new leaf (L, n, …): no graph.
    func batchColumns(_ range: Range<Int>) -> Tensor {
        let outer = shape[0], batch = shape[1], width = shape.dropFirst(2).reduce(1, *)
        precondition(range.lowerBound >= 0 && range.upperBound <= batch, "columns \(range) of a batch of \(batch)")
        var values = [Float]()
        values.reserveCapacity(outer * range.count * width)
        for l in 0..<outer {
            let start = (l * batch + range.lowerBound) * width
            values.append(contentsOf: scalars[start..<(start + range.count * width)])
        }
        var newShape = shape
        newShape[1] = range.count
        return Tensor(shape: newShape, scalars: values)
    }

    /// (L, nᵢ, …) tensors side by side along dimension 1 → (L, Σnᵢ, …), as a new leaf: no graph.
    static func joiningBatchColumns(_ parts: [Tensor]) -> Tensor {
        let outer = parts[0].shape[0], width = parts[0].shape.dropFirst(2).reduce(1, *)
        var values = [Float]()
        values.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for l in 0..<outer {
            for part in parts {
                let n = part.shape[1]
                values.append(contentsOf: part.scalars[(l * n * width)..<((l + 1) * n * width)])
            }
        }
        var newShape = parts[0].shape
        newShape[1] = parts.reduce(0) { $0 + $1.shape[1] }
        return Tensor(shape: newShape, scalars: values)
    }
}
