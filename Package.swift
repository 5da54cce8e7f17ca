// swift-tools-version:6.0
import PackageDescription

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
    ],
    targets: [
        .systemLibrary(
            name: "CCmark", pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(
            name: "COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        // Built with -O (not -Ounchecked): shape errors are preconditions and must fire in release.
        .target(name: "DeepLearning", dependencies: ["COpenBLAS"]),
        .target(name: "NotebookRuntime", dependencies: ["DeepLearning"]),
        .target(name: "Notebook", dependencies: ["CCmark"]),
        .executableTarget(
            name: "folio",
            dependencies: ["Notebook", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "train-lm",
            dependencies: ["DeepLearning", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "folio-bench",
            dependencies: ["DeepLearning", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "DeepLearningTests", dependencies: ["DeepLearning"]),
        .testTarget(name: "NotebookRuntimeTests", dependencies: ["NotebookRuntime"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook"]),
        .testTarget(name: "FolioEndToEndTests", dependencies: ["Notebook"]),
    ],
    swiftLanguageModes: [.v5]
)
