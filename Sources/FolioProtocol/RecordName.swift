/// Rules for the name of a recorded run (`recorded("lstm-1x50") { … }`): it names a file, so it is made
/// of letters, digits, `-`, `_` and `.`, does not start with `.`, and is at most 100 characters.
public enum RecordName {
    /// Why `name` cannot name a record, or nil when it can.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "a record name cannot be empty" }
        if name.count > 100 { return "record name '\(name)' is longer than 100 characters" }
        if name.hasPrefix(".") { return "record name '\(name)' starts with '.'" }
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "_" || scalar == "."
        }
        return allowed ? nil : "record name '\(name)' may only hold letters, digits, '-', '_' and '.'"
    }

    /// The record's file: `<chapter folder>/records/<chapter file name without .md>/<name>.json`.
    public static func path(chapter: String, name: String) -> String {
        "\(folder(chapter: chapter))/\(name).json"
    }

    /// The folder holding a chapter's records.
    public static func folder(chapter: String) -> String {
        let parts = chapter.split(separator: "/", omittingEmptySubsequences: false)
        var base = String(parts.last ?? "")
        if base.hasSuffix(".md") { base.removeLast(3) }
        let directory = parts.count > 1 ? parts.dropLast().joined(separator: "/") : "."
        return "\(directory.isEmpty ? "/" : directory)/records/\(base)"
    }

    /// The file a program with process id `pid` writes a record to before renaming it into place:
    /// `<folder>/.<name>.json.<pid>.tmp`. `folio` removes it when it stops a program in the middle.
    public static func temporaryPath(of path: String, pid: Int32) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let folder = parts.dropLast().joined(separator: "/")
        let file = ".\(parts.last ?? "").\(pid).tmp"
        return parts.count > 1 ? "\(folder)/\(file)" : file
    }
}
