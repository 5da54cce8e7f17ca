import ArgumentParser

/// `folio data` (scaffold; the t-SNE/data issue fills it in).
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "data", abstract: "Not built yet.")
    func run() throws { throw ValidationError("folio data is not built yet") }
}
