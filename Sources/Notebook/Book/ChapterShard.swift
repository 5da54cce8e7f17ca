/// The I-th of N disjoint parts of a run's chapters (`--shard I/N`), so that a CI matrix of N jobs
/// covers the book: every chapter is in exactly one part, and every machine computes the same parts
/// without seeing the others. Without durations, the sorted chapter paths are dealt round-robin; with
/// the durations of an earlier run (`--durations FILE`), the longest chapters are placed first, each
/// on the part with the least work so far (chapters that file lacks count as its median).
public struct ChapterShard: Sendable, Equatable {
    /// 1-based.
    public var index: Int
    public var count: Int
    /// Seconds per chapter path, from an earlier `--json`.
    public var durations: [String: Double]?

    public init(index: Int, count: Int, durations: [String: Double]? = nil) {
        self.index = index
        self.count = count
        self.durations = durations
    }

    /// Reads `I/N` with 1 ≤ I ≤ N.
    public static func parse(_ text: String) throws(ChapterShardError) -> (index: Int, count: Int) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
            throw .malformed(text)
        }
        return (index, count)
    }

    /// The chapters of this part, in the order given.
    public func select(_ paths: [String]) -> [String] {
        let parts = Self.assign(paths, count: count, durations: durations)
        return paths.filter { parts[$0] == index }
    }

    /// The part (1…count) of each path.
    static func assign(_ paths: [String], count: Int, durations: [String: Double]?) -> [String: Int] {
        let sorted = Array(Set(paths)).sorted()
        guard let durations else {
            return Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($0.element, $0.offset % count + 1) })
        }
        let known = sorted.compactMap { durations[$0] }.filter { $0.isFinite && $0 >= 0 }.sorted()
        let fallback = known.isEmpty ? 1 : known[known.count / 2]
        func seconds(_ path: String) -> Double { durations[path].flatMap { $0.isFinite && $0 >= 0 ? $0 : nil } ?? fallback }
        let longestFirst = sorted.sorted { (seconds($0), $1) > (seconds($1), $0) }
        var loads = Array(repeating: 0.0, count: count)
        var parts: [String: Int] = [:]
        for path in longestFirst {
            let lightest = loads.indices.min { loads[$0] < loads[$1] }!
            loads[lightest] += seconds(path)
            parts[path] = lightest + 1
        }
        return parts
    }
}

/// A `--shard` value that is not `I/N` with 1 ≤ I ≤ N.
public enum ChapterShardError: Error, CustomStringConvertible, Equatable {
    case malformed(String)

    public var description: String {
        switch self {
        case .malformed(let text): return "--shard must be I/N with 1 ≤ I ≤ N, like 1/2; got '\(text)'"
        }
    }
}
