import DeepLearning
import Foundation

/// Saving / restoring a trained network's weights (the networks are the `LanguageModel`s of
/// DeepLearning, built from `LanguageModelConfig.makeModel`, and trained by `LanguageModelRun.train`).
enum Model {
    /// The valid `--model` values: pytorch/examples' spelling, then the assignment's other models.
    static var choices: [String] { LanguageModelArchitecture.allCases.map(\.rawValue) }

    /// Why weights could not be saved or restored.
    enum CheckpointError: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case mismatch(path: String, reason: String)
        case unwritable(path: String, reason: String)

        var description: String {
            switch self {
            case let .unreadable(path, reason): return "\(path): cannot read the checkpoint: \(reason)"
            case let .mismatch(path, reason): return "\(path): the checkpoint does not fit this model: \(reason)"
            case let .unwritable(path, reason): return "\(path): cannot write the checkpoint: \(reason)"
            }
        }
    }

    /// Writes every named parameter (name, shape, Float32 values, little-endian) to `path` atomically
    /// (`AtomicWrite`).
    static func save(_ model: Module, to path: String) throws {
        var data = Data("FOLIO-LM-1\n".utf8)
        for (name, tensor) in model.namedParameters() {
            data.append(Data("\(name) \(tensor.shape.map(String.init).joined(separator: ","))\n".utf8))
            tensor.scalars.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        do { try AtomicWrite.write(data, to: path) } catch {
            throw CheckpointError.unwritable(path: path, reason: error.reason)
        }
    }

    /// Restores the parameters saved by `save(_:to:)` into `model`.
    static func load(_ model: Module, from path: String) throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CheckpointError.unreadable(path: path, reason: error.localizedDescription)
        }
        let bytes = [UInt8](data)
        var offset = 0
        func line() throws -> String {
            guard let end = bytes[offset...].firstIndex(of: 10) else {
                throw CheckpointError.unreadable(path: path, reason: "truncated header at byte \(offset)")
            }
            defer { offset = end + 1 }
            return String(decoding: bytes[offset..<end], as: UTF8.self)
        }
        guard try line() == "FOLIO-LM-1" else { throw CheckpointError.unreadable(path: path, reason: "not a train-lm checkpoint") }
        for (name, tensor) in model.namedParameters() {
            let header = try line()
            let expected = "\(name) \(tensor.shape.map(String.init).joined(separator: ","))"
            guard header == expected else {
                throw CheckpointError.mismatch(path: path, reason: "found '\(header)', expected '\(expected)'")
            }
            let byteCount = tensor.count * MemoryLayout<Float>.size
            guard offset + byteCount <= bytes.count else {
                throw CheckpointError.unreadable(path: path, reason: "truncated values of \(name)")
            }
            tensor.scalars = bytes[offset..<(offset + byteCount)].withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            offset += byteCount
        }
    }
}
