import ArgumentParser
import Foundation

/// The arguments `check`, `render` and `watch` share.
struct ChapterPathArguments: ParsableArguments {
    @Argument(help: "Chapter files or folders (a folder means its *.md files). Default: chapters/")
    var paths: [String] = []

    @Flag(help: "Succeed when the paths hold no chapter (and, for check, when the chapters hold no check).")
    var allowEmpty = false
}

/// `--jobs`, shared by `check` and `render`.
struct JobsOption: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Chapters to run at the same time.",
        discussion: "One more than the cores unless given. When more chapters run than there are cores, each chapter program gets one thread."))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount + 1

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }
}
