import ArgumentParser

extension Folio {
    /// `folio render` (scaffold; the runner issue fills it in).
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "render", abstract: "Not built yet.")
        func run() throws { throw ValidationError("folio render is not built yet") }
    }
}
