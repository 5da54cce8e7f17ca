import ArgumentParser

/// `folio-bench`: benchmarks of the DeepLearning library, printed as `key=value` lines so that a script
/// can compare them with the PyTorch peers in `bench/`.
struct FolioBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "folio-bench",
        abstract: "Benchmarks of the DeepLearning library, printed as key=value lines.",
        discussion: "Threads follow OPENBLAS_NUM_THREADS. Build with -c release.",
        subcommands: [Ops.self, LM.self])
}
