import ArgumentParser

/// The `folio` command: renders and checks Markdown chapters with Swift cells.
@main
struct Folio: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "folio",
        abstract: "Run Markdown chapters with Swift cells, check their answers, render HTML reports.",
        subcommands: [Render.self, Check.self, Watch.self, New.self, DataCommand.self])
}
