import ArgumentParser

extension Folio {
    /// `folio new` (scaffold; the runner issue fills it in).
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "new", abstract: "Not built yet.")
        func run() throws { throw ValidationError("folio new is not built yet") }
    }
}
