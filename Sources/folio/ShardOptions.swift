import ArgumentParser
import Foundation
import Notebook

/// `--shard I/N` and `--durations FILE`, shared by `check` and `render`.
struct ShardOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Run only the I-th of N disjoint parts of the chapters (1 ≤ I ≤ N): sorted paths dealt round-robin, or balanced with --durations.",
                               valueName: "I/N"))
    var shard: String?

    @Option(help: ArgumentHelp("Balance --shard by the chapter times of an earlier `folio check --json` file.", valueName: "file"))
    var durations: String?

    func validate() throws {
        _ = try value()
    }

    /// The shard, with its durations read; a usage error for a bad value or an unreadable file.
    func value() throws -> ChapterShard? {
        guard let shard else {
            if durations != nil { throw ValidationError("--durations balances --shard: give --shard I/N too") }
            return nil
        }
        let parsed: (index: Int, count: Int)
        do { parsed = try ChapterShard.parse(shard) } catch { throw ValidationError(error.description) }
        var times: [String: Double]?
        if let durations {
            do { times = try ResultsFile.read(fileAt: durations).durations } catch { throw ValidationError("--durations \(error.description)") }
        }
        return ChapterShard(index: parsed.index, count: parsed.count, durations: times)
    }
}
