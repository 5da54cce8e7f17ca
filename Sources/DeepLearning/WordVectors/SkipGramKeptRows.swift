/// The rows of fastText's input table that a skip-gram run ever reads or writes, and every word's rows
/// renumbered into them.
///
/// The table has a row per dictionary word and per n-gram bucket (2 million buckets by default), but
/// only the buckets that the n-grams of some word hash to are ever used: training reads and moves
/// the rows of the words in the text, which are all dictionary words, and the run's vectors are the
/// means of the rows of dictionary words and of the words it keeps. On the Penn Treebank's training
/// text the dictionary's words use 77,366 of the 2,009,859 rows (3.8%): a model holding only these
/// (`SkipGramModel(inputRows:keeping:…)`) starts from the same values in 31 MB instead of 804 MB, and
/// the run is the same.
struct SkipGramKeptRows {
    /// The kept rows of the full table, ascending.
    let rows: [Int]
    /// Each dictionary word's input rows (`SkipGramDictionary.inputRows`), as positions in `rows`.
    let wordRows: [[Int]]
    /// The input rows of each extra word (`SkipGramDictionary.rows(of:)`), as positions in `rows`.
    let extraRows: [[Int]]

    /// The rows of every dictionary word and of each of `extraWords`.
    init(dictionary: SkipGramDictionary, extraWords: [String]) {
        let extra = extraWords.map { dictionary.rows(of: $0) }
        rows = Array(Set(dictionary.inputRows.joined()).union(extra.joined())).sorted()
        var position = [Int: Int](minimumCapacity: rows.count)
        for (index, row) in rows.enumerated() { position[row] = index }
        wordRows = dictionary.inputRows.map { $0.map { position[$0]! } }
        extraRows = extra.map { $0.map { position[$0]! } }
    }
}
