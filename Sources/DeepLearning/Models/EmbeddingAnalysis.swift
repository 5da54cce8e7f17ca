/// What a `LanguageModelRun` keeps of a model's input embedding (the encoder's rows): the nearest
/// words of query words by cosine, the ranks of the query words among each other, and the rows of the
/// most frequent words for a map.
struct EmbeddingAnalysis {
    var neighbours: [String: [LanguageModelNeighbour]] = [:]
    var queryRanks: [String: [String: Int]] = [:]
    var mapWords: [String] = []
    var mapVectors: [[Float]] = []

    /// Analyses `weight` (V, D) row-major, with row i the vector of `vocabulary[i]`.
    ///
    /// - Parameters:
    ///   - queries: words to report on; those not in the vocabulary are left out (and repeats).
    ///   - trainTokens: the training text, whose counts order the words for the map.
    ///   - mapWords: how many of the most frequent words to keep rows for (ties: first seen first).
    init(weight: [Float], dimension: Int, vocabulary: Vocabulary, queries: [String], trainTokens: [Int], mapWords: Int) {
        var known: [Int] = []
        for word in queries {
            if let index = vocabulary.index(of: word), !known.contains(index) { known.append(index) }
        }
        let table = CosineTable(weight: weight, dimension: dimension)
        for query in known {
            let order = table.order(from: query)  // every other word, nearest first
            var rankOf = [Int: Int]()
            for (position, index) in order.enumerated() { rankOf[index] = position + 1 }
            let word = vocabulary[query]
            neighbours[word] = order.prefix(LanguageModelRun.neighbourCount).enumerated().map { position, index in
                LanguageModelNeighbour(word: vocabulary[index], cosine: table.cosine(query, index), rank: position + 1)
            }
            var ranks: [String: Int] = [:]
            for other in known where other != query { ranks[vocabulary[other]] = rankOf[other] }
            queryRanks[word] = ranks
        }
        var mapIndices = Self.mostFrequent(trainTokens, vocabularySize: vocabulary.count, count: mapWords)
        for query in known where !mapIndices.contains(query) { mapIndices.append(query) }
        self.mapWords = mapIndices.map { vocabulary[$0] }
        mapVectors = mapIndices.map { Array(weight[($0 * dimension)..<(($0 + 1) * dimension)]) }
    }

    /// The `count` indices that occur most often in `tokens`, most frequent first, ties by index.
    static func mostFrequent(_ tokens: [Int], vocabularySize: Int, count: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: vocabularySize)
        for token in tokens { counts[token] += 1 }
        let sorted = counts.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        return Array(sorted.prefix(count))
    }
}

/// Cosines between the rows of an embedding, (V, D) row-major, with the row norms computed once.
struct CosineTable {
    let weight: [Float]
    let dimension: Int
    let norms: [Double]

    init(weight: [Float], dimension: Int) {
        self.weight = weight
        self.dimension = dimension
        norms = (0..<(weight.count / dimension)).map { row in
            (0..<dimension).reduce(0.0) { $0 + Double(weight[row * dimension + $1]) * Double(weight[row * dimension + $1]) }
                .squareRoot()
        }
    }

    /// cos(row a, row b), or 0 when either row is zero.
    func cosine(_ a: Int, _ b: Int) -> Double {
        guard norms[a] > 0 && norms[b] > 0 else { return 0 }
        var dot = 0.0
        for k in 0..<dimension { dot += Double(weight[a * dimension + k]) * Double(weight[b * dimension + k]) }
        return dot / (norms[a] * norms[b])
    }

    /// Every row but `query`, by decreasing cosine to it; equal cosines by increasing index.
    func order(from query: Int) -> [Int] {
        let cosines = norms.indices.map { cosine(query, $0) }
        return norms.indices.filter { $0 != query }
            .sorted { cosines[$0] != cosines[$1] ? cosines[$0] > cosines[$1] : $0 < $1 }
    }
}
