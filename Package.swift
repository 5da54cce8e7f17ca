// swift-tools-version:6.0
import Foundation
import PackageDescription

/// DeepLearning's vector loops (exp in softmax, logSoftmax, crossEntropy, …) take 1.35–1.9× less CPU
/// time when compiled for AVX2 with fused multiply-add (BENCHMARKS.md). Swift has no per-function target
/// attribute, so the module is compiled for Haswell-class CPUs when the build machine is one: x86-64
/// Linux whose /proc/cpuinfo lists every feature `-target-cpu haswell` uses. The binaries then need
/// such a CPU, like `-march=native`. `FOLIO_GENERIC_CPU=1` at build time keeps the x86-64 baseline
/// (use a fresh `--scratch-path`: the evaluated manifest may be cached).
let buildMachineIsHaswellClass: Bool = {
    #if arch(x86_64) && os(Linux)
    if ProcessInfo.processInfo.environment["FOLIO_GENERIC_CPU"] == "1" { return false }
    guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return false }
    let flags = Set(flagsLine.split(separator: " ").map(String.init))
    let haswellFeatures = ["avx", "avx2", "fma", "bmi1", "bmi2", "f16c", "movbe", "abm", "popcnt", "xsave"]
    return haswellFeatures.allSatisfy(flags.contains)
    #else
    return false
    #endif
}()
let deepLearningCPUSettings: [SwiftSetting] =
    buildMachineIsHaswellClass ? [.unsafeFlags(["-target-cpu", "haswell"]), .define("DEEPLEARNING_FMA")] : []

let package = Package(
    name: "Folio",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "folio", targets: ["folio"]),
        .executable(name: "train-lm", targets: ["train-lm"]),
        .executable(name: "folio-bench", targets: ["folio-bench"]),
        // Chapters link these two at run time, so they are dynamic libraries built beside `folio`.
        .library(name: "DeepLearning", type: .dynamic, targets: ["DeepLearning"]),
        .library(name: "NotebookRuntime", type: .dynamic, targets: ["NotebookRuntime"]),
        .library(name: "Notebook", targets: ["Notebook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The HTTP server of `folio watch --serve` (static files and a live-reload websocket): small, no SwiftNIO.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        // Front matter as real YAML (quoted strings, escapes, lists), as Quarto and Jekyll authors write it.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Only for `swift package generate-documentation` (DocC); no target depends on it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark", pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(
            name: "COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        // Built with -O (not -Ounchecked): shape errors are preconditions and must fire in release.
        .target(
            name: "DeepLearning", dependencies: ["COpenBLAS", "FolioProtocol"],
            swiftSettings: deepLearningCPUSettings),
        // What folio and a chapter program say to each other: environment names, record files, markers.
        .target(name: "FolioProtocol"),
        .target(name: "NotebookRuntime", dependencies: ["DeepLearning", "FolioProtocol"]),
        .target(name: "Notebook", dependencies: ["CCmark", "FolioProtocol", .product(name: "Yams", package: "Yams")]),
        .executableTarget(
            name: "folio",
            dependencies: ["Notebook", "FolioProtocol", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "FlyingFox", package: "FlyingFox")]),
        .executableTarget(
            name: "train-lm",
            dependencies: ["DeepLearning", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "folio-bench",
            dependencies: ["DeepLearning", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "DeepLearningTests", dependencies: ["DeepLearning"]),
        .testTarget(name: "NotebookRuntimeTests", dependencies: ["NotebookRuntime", "FolioProtocol"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "FolioProtocol"]),
        .testTarget(name: "FolioEndToEndTests", dependencies: ["Notebook"]),
    ],
    swiftLanguageModes: [.v5]
)
