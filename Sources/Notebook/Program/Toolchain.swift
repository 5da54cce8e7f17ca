import Foundation

/// Where the chapter program's libraries are, and how to compile against them.
///
/// `DeepLearning` and `NotebookRuntime` are built beside the running `folio` (same bin folder, for a
/// debug or a release build): their `.so` files in the bin folder and their modules in `<bin>/Modules`.
/// The package root (nearest ancestor with `Package.swift`) provides the COpenBLAS module map that
/// every client of DeepLearning must see.
public struct Toolchain: Sendable {
    /// The folder holding `folio`, `libDeepLearning.so` and `libNotebookRuntime.so`.
    public var binDirectory: String
    /// The folder holding `DeepLearning.swiftmodule` and `NotebookRuntime.swiftmodule`.
    public var moduleDirectory: String
    /// The package's root folder.
    public var packageRoot: String
    /// Extra `-I` folders for C headers (from `pkg-config --cflags-only-I openblas`).
    public var headerDirectories: [String]

    /// Finds the libraries from the running executable's real path (`/proc/self/exe`).
    public static func locate() throws(ToolchainError) -> Toolchain {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        return try locate(binDirectory: (executable as NSString).deletingLastPathComponent)
    }

    /// Uses the libraries in `binDirectory`.
    public static func locate(binDirectory: String) throws(ToolchainError) -> Toolchain {
        let files = FileManager.default
        for library in ["libDeepLearning.so", "libNotebookRuntime.so"] where !files.fileExists(atPath: "\(binDirectory)/\(library)") {
            throw .missingLibrary(library, binDirectory)
        }
        let modules = files.fileExists(atPath: "\(binDirectory)/Modules/NotebookRuntime.swiftmodule") ? "\(binDirectory)/Modules" : binDirectory
        guard files.fileExists(atPath: "\(modules)/NotebookRuntime.swiftmodule") else {
            throw .missingModule("NotebookRuntime", binDirectory)
        }
        var root = binDirectory
        while !files.fileExists(atPath: "\(root)/Package.swift") {
            let parent = (root as NSString).deletingLastPathComponent
            guard parent != root else { throw .noPackageRoot(binDirectory) }
            root = parent
        }
        return Toolchain(binDirectory: binDirectory, moduleDirectory: modules, packageRoot: root,
                         headerDirectories: pkgConfigIncludes("openblas"))
    }

    /// The `swiftc` arguments that build `source` into `output` (or only type-check it).
    func swiftcArguments(source: String, output: String, typecheckOnly: Bool) -> [String] {
        var arguments = [Self.swiftc]
        arguments += typecheckOnly ? ["-typecheck"] : ["-o", output]
        arguments += ["-Onone", "-g", "-swift-version", "5", "-module-name", "ChapterProgram",
                      "-diagnostic-style", "llvm", "-I", moduleDirectory,
                      "-Xcc", "-fmodule-map-file=\(packageRoot)/Sources/COpenBLAS/module.modulemap"]
        for folder in headerDirectories { arguments += ["-Xcc", "-I\(folder)"] }
        if !typecheckOnly {
            // Only libNotebookRuntime: SwiftPM links the DeepLearning target into it too, so linking
            // libDeepLearning as well would give the program two copies of DeepLearning, each with its
            // own globals (the default random generator that `seed:` seeds, the grad mode), and calls
            // from NotebookRuntime would reach the other copy than the cell's own calls.
            arguments += ["-L", binDirectory, "-lNotebookRuntime", "-Xlinker", "-rpath", "-Xlinker", binDirectory]
        }
        arguments.append(source)
        return arguments
    }

    /// Names the libraries' build (sizes and modification times): part of every cache key.
    public var buildIdentity: String {
        let paths = ["libDeepLearning.so", "libNotebookRuntime.so"].map { "\(binDirectory)/\($0)" }
            + ["DeepLearning", "NotebookRuntime"].map { "\(moduleDirectory)/\($0).swiftmodule" }
            + ["/proc/self/exe"]
        return paths.map { path -> String in
            var info = stat()
            guard stat(path, &info) == 0 else { return "\(path):missing" }
            return "\(path):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }.joined(separator: "\n")
    }

    /// The compiler: `$SWIFTC` if set, else `swiftc` from PATH.
    static var swiftc: String { ProcessInfo.processInfo.environment["SWIFTC"] ?? "swiftc" }

    private static func pkgConfigIncludes(_ package: String) -> [String] {
        let process = ChildProcess(arguments: ["pkg-config", "--cflags-only-I", package], searchPath: true)
        guard let result = try? process.runCollecting(), result.ending == .exited(0) else { return [] }
        return result.output.split(whereSeparator: \.isWhitespace).compactMap { flag in
            flag.hasPrefix("-I") ? String(flag.dropFirst(2)) : nil
        }
    }
}

/// The libraries a chapter links cannot be found.
public enum ToolchainError: Error, CustomStringConvertible, Sendable {
    case missingLibrary(String, String)
    case missingModule(String, String)
    case noPackageRoot(String)

    public var description: String {
        switch self {
        case .missingLibrary(let library, let folder):
            return "\(library) is not in \(folder), beside folio: build the package (swift build -c release) and run that build's folio"
        case .missingModule(let module, let folder):
            return "the \(module) module is not in \(folder)/Modules, beside folio: build the package (swift build -c release)"
        case .noPackageRoot(let folder):
            return "no Package.swift above \(folder): run a folio built inside the Folio package"
        }
    }
}
