import ArgumentParser

extension Folio {
    /// `folio check` (scaffold; the runner issue fills it in).
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Not built yet.")
        func run() throws { throw ValidationError("folio check is not built yet") }
    }
}
