import Foundation

/// The UCI optical-recognition digits as shipped with scikit-learn: 1,797 images of 8 × 8 pixels
/// with values 0…16, and their labels 0…9. The file is CSV, one image per line: 64 pixel values
/// then the label.
public struct Digits: Sendable {
    /// One row of 64 pixel values per image (row-major 8 × 8).
    public var features: [[Double]]
    /// The digit each image shows.
    public var labels: [Int]

    /// The number of images (1,797 for the full set).
    public var count: Int { labels.count }
    /// Pixels per image.
    public static let featureCount = 64

    /// The features as one row-major N × 64 Float array (for `Tensor(shape: [N, 64], scalars:)`).
    public var flatFeatures: [Float] { features.flatMap { $0.map(Float.init) } }

    /// Reads `data/digits/digits.csv` (see `DataLocation`).
    public static func load() throws -> Digits {
        try load(from: DataLocation.url(dataSet: "digits", file: "digits.csv"))
    }

    /// Reads a digits CSV file.
    public static func load(from url: URL) throws -> Digits {
        let text = try readDatasetText(url, dataSet: "digits")
        var features: [[Double]] = []
        var labels: [Int] = []
        var lineNumber = 0
        for line in DatasetText.lines(text) {
            lineNumber += 1
            let trimmed = DatasetText.trimmed(line, of: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == featureCount + 1 else {
                throw DatasetError.malformedLine(
                    path: url.path, line: lineNumber,
                    reason: "expected \(featureCount + 1) comma-separated values, found \(fields.count)")
            }
            var row: [Double] = []
            row.reserveCapacity(featureCount)
            for field in fields.dropLast() {
                guard let value = Double(DatasetText.trimmed(field)) else {
                    throw DatasetError.malformedLine(path: url.path, line: lineNumber, reason: "'\(field)' is not a number")
                }
                row.append(value)
            }
            let labelField = DatasetText.trimmed(fields.last!)
            guard let label = Int(labelField) ?? Double(labelField).flatMap({ $0 == $0.rounded() ? Int($0) : nil }) else {
                throw DatasetError.malformedLine(path: url.path, line: lineNumber, reason: "label '\(labelField)' is not an integer")
            }
            features.append(row)
            labels.append(label)
        }
        return Digits(features: features, labels: labels)
    }
}
