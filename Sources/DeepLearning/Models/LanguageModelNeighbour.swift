/// A word near a query word in a language model's input embedding (JSON keys `word`, `cosine`, `rank`).
public struct LanguageModelNeighbour: Codable, Equatable, Sendable {
    /// The neighbouring word.
    public var word: String
    /// Cosine of the angle between its embedding row and the query's (0 when either row is zero).
    public var cosine: Double
    /// 1 for the nearest word other than the query itself, 2 for the next, ….
    public var rank: Int

    /// A neighbour `word` at cosine similarity `cosine`, the `rank`-th nearest (from 1).
    public init(word: String, cosine: Double, rank: Int) {
        self.word = word
        self.cosine = cosine
        self.rank = rank
    }
}
