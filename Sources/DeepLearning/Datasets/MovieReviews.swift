import Foundation

/// One sentence of the movie-review snippets (Hutto & Gilbert 2014, from Pang & Lee's reviews).
public struct MovieReview: Sendable, Equatable {
    /// The identifier in the file.
    public var id: String
    /// Mean human sentiment rating, −4 (most negative) … 4 (most positive).
    public var score: Double
    /// The sentence, as written in the file.
    public var text: String
    /// 1 when the score is positive, 0 otherwise (37 of the 10,605 sentences score exactly 0 and
    /// count as negative; `isNeutral` marks them).
    public var label: Int { score > 0 ? 1 : 0 }
    /// Whether the score is exactly 0 (such a sentence counts as negative in `label`).
    public var isNeutral: Bool { score == 0 }
}

/// The movie-review sentences: TSV lines `id <TAB> score <TAB> sentence`, CRLF line ends.
public enum MovieReviews {
    /// Reads `data/mr/reviews.tsv` (see `DataLocation`).
    public static func load() throws -> [MovieReview] {
        try load(from: DataLocation.url(dataSet: "mr", file: "reviews.tsv"))
    }

    /// Reads a reviews file; blank lines are skipped, "\r\n" and "\n" both end a line.
    public static func load(from url: URL) throws -> [MovieReview] {
        let text = try readDatasetText(url, dataSet: "mr")
        var reviews: [MovieReview] = []
        var lineNumber = 0
        for line in DatasetText.lines(text) {
            lineNumber += 1
            if line.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else {
                throw DatasetError.malformedLine(path: url.path, line: lineNumber, reason: "expected id, score and sentence separated by tabs")
            }
            guard let score = Double(DatasetText.trimmed(fields[1])) else {
                throw DatasetError.malformedLine(path: url.path, line: lineNumber, reason: "score '\(fields[1])' is not a number")
            }
            reviews.append(MovieReview(
                id: String(fields[0]), score: score, text: String(DatasetText.trimmed(fields[2]))))
        }
        return reviews
    }
}
