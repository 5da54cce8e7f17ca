import Foundation

/// A recorded run on disk: `records/<chapter>/<name>.json`. The value is any `Codable` type; the
/// envelope around it says where the value came from, so that `folio check` can tell whether it still
/// follows from the chapter.
///
/// ```json
/// { "chapter": "chapters/06-language-modelling.md", "code_hash": "…", "format": "folio-record-1",
///   "meta": { … }, "name": "lstm-1x50", "value": { … } }
/// ```
public struct RecordFile<Value: Codable>: Codable {
    /// ``RecordFile/currentFormat`` when written by this version.
    public var format: String
    public var name: String
    /// The chapter's path relative to the package root (or as given).
    public var chapter: String
    /// SHA-256 of the recording cell's code, as hex.
    public var codeHash: String
    public var value: Value
    public var meta: RecordMeta

    /// The format written today.
    public static var currentFormat: String { "folio-record-1" }

    public init(name: String, chapter: String, codeHash: String, value: Value, meta: RecordMeta) {
        format = Self.currentFormat
        self.name = name
        self.chapter = chapter
        self.codeHash = codeHash
        self.value = value
        self.meta = meta
    }

    enum CodingKeys: String, CodingKey {
        case format, name, chapter, value, meta
        case codeHash = "code_hash"
    }
}

/// Everything of a record but its value: what `folio` reads to decide whether a record is fresh.
public struct RecordHeader: Codable, Sendable {
    public var format: String
    public var name: String
    public var chapter: String
    public var codeHash: String
    public var meta: RecordMeta

    enum CodingKeys: String, CodingKey {
        case format, name, chapter, meta
        case codeHash = "code_hash"
    }
}

/// How, when and where a record was made.
public struct RecordMeta: Codable, Sendable, Equatable {
    /// ISO 8601, UTC.
    public var date: String
    /// Wall time of the body.
    public var seconds: Double
    public var machine: RecordMachine
    /// Threads the BLAS library used.
    public var threads: Int
    /// The front matter's seed, if any.
    public var seed: UInt64?
    public var folioVersion: String
    /// The git commit of the package when the record was made, if known.
    public var commit: String?
    /// SHA-256 of each declared data set's files, by data set name.
    public var data: [String: String]

    public init(date: String, seconds: Double, machine: RecordMachine, threads: Int, seed: UInt64?,
                folioVersion: String, commit: String?, data: [String: String]) {
        self.date = date
        self.seconds = seconds
        self.machine = machine
        self.threads = threads
        self.seed = seed
        self.folioVersion = folioVersion
        self.commit = commit
        self.data = data
    }

    enum CodingKeys: String, CodingKey {
        case date, seconds, machine, threads, seed, commit, data
        case folioVersion = "folio_version"
    }

    /// `recorded 2026-12-02 on AMD EPYC, 2 cores, in 16 min`.
    public var provenance: String {
        "recorded \(date.prefix(10)) on \(machine.cpu), \(machine.cores) \(machine.cores == 1 ? "core" : "cores"), in \(Self.duration(seconds))"
    }

    /// `0.4 s`, `12 s`, `16 min`, `2 h 5 min`.
    public static func duration(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.1f s", seconds) }
        if seconds < 120 { return "\(Int(seconds.rounded())) s" }
        let minutes = Int((seconds / 60).rounded())
        return minutes < 120 ? "\(minutes) min" : "\(minutes / 60) h \(minutes % 60) min"
    }
}

/// The machine a record was made on.
public struct RecordMachine: Codable, Sendable, Equatable {
    /// CPU model, shortened (`AMD EPYC`).
    public var cpu: String
    /// Online cores.
    public var cores: Int
    /// The BLAS kernels in use (`OpenBLAS 0.3.21 Zen`).
    public var blas: String

    public init(cpu: String, cores: Int, blas: String) {
        self.cpu = cpu
        self.cores = cores
        self.blas = blas
    }
}

/// JSON as records are written: pretty-printed with sorted keys (a re-record diffs well), slashes
/// unescaped, and the non-finite floats as strings so every Float and Double round-trips.
public enum RecordCoding {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// Where decoding failed, in words: `value.epochs[3].valid_ppl: expected a number, found a string`.
    public static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            var text = ""
            for key in context.codingPath {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "the top level" : text
        }
        switch error {
        case let .keyNotFound(key, context):
            let at = path(context)
            return "field '\(key.stringValue)' is missing" + (context.codingPath.isEmpty ? "" : " in \(at)")
        case let .typeMismatch(type, context):
            return "\(path(context)): expected \(describeType(type)); \(context.debugDescription)"
        case let .valueNotFound(type, context):
            return "\(path(context)): expected \(describeType(type)), found null"
        case let .dataCorrupted(context):
            return context.codingPath.isEmpty ? "not valid JSON: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)"
                : "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func describeType(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type, is Int.Type, is UInt64.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default: return "\(type)"
        }
    }
}
