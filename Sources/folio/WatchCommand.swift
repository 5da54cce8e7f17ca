import ArgumentParser

extension Folio {
    /// `folio watch` (scaffold; the runner issue fills it in).
    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "watch", abstract: "Not built yet.")
        func run() throws { throw ValidationError("folio watch is not built yet") }
    }
}
