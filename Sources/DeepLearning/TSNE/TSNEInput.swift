/// A validated t-SNE input: N rows of D finite values, stored row-major.
struct TSNEInput {
    var points: TSNEPoints
    var count: Int { points.count }

    init(_ rows: [[Double]]) throws {
        let dimension = rows.first?.count ?? 0
        var values: [Double] = []
        values.reserveCapacity(rows.count * dimension)
        for (r, row) in rows.enumerated() {
            guard row.count == dimension else {
                throw TSNEError.raggedInput(row: r, length: row.count, expected: dimension)
            }
            values.append(contentsOf: row)
        }
        try self.init(flat: values, count: rows.count, dimension: dimension)
    }

    init(_ rows: [[Float]]) throws {
        try self.init(rows.map { $0.map(Double.init) })
    }

    init(flat values: [Double], count: Int, dimension: Int) throws {
        guard values.count == count * dimension, count >= 0, dimension >= 0 else {
            throw TSNEError.flatSizeMismatch(elements: values.count, count: count, dimension: dimension)
        }
        for (index, value) in values.enumerated() where !value.isFinite {
            throw TSNEError.nonFiniteInput(row: index / max(dimension, 1), column: index % max(dimension, 1))
        }
        points = TSNEPoints(values: values, count: count, dimension: dimension)
    }
}
