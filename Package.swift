// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Braid",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "braid", targets: ["braid"]),
        .library(name: "BraidCore", targets: ["BraidCore"]),
        .library(name: "BraidSolver", targets: ["BraidSolver"]),
        .library(name: "BraidPolicy", targets: ["BraidPolicy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // The only code that includes <glpk.h>. It needs its own linkedLibrary: a C target that
        // includes glpk.h does not pick up autolinking from a Swift importer (checked on Debian 12).
        .target(
            name: "CGLPKShim",
            linkerSettings: [.linkedLibrary("glpk")]
        ),
        .target(name: "BraidSolver", dependencies: ["CGLPKShim"]),
        .target(name: "BraidPolicy", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(
            name: "BraidCore",
            dependencies: ["BraidSolver", "BraidPolicy", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "braid",
            dependencies: ["BraidCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "BraidSolverTests", dependencies: ["BraidSolver"]),
        .testTarget(name: "BraidPolicyTests", dependencies: ["BraidPolicy"]),
        .testTarget(name: "BraidCoreTests", dependencies: ["BraidCore"]),
        .testTarget(name: "BraidCLITests", dependencies: ["braid", "BraidCore"]),
    ],
    swiftLanguageModes: [.v6]
)
