// swift-tools-version:6.0
// libFuzzer harnesses for Braid's input readers. A separate package, so that the root package's
// `swift build` and `swift test` never see them. Build and run with `scripts/fuzz.sh`, which passes
// `-sanitize=fuzzer,address` to every Swift (and C) module, Braid's and Yams' included.
import PackageDescription

let package = Package(
    name: "BraidFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "Braid", path: "..")],
    targets: [
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver", .product(name: "BraidPolicy", package: "Braid")]),
        .executableTarget(
            name: "FuzzScenario",
            dependencies: ["FuzzSupport", .product(name: "BraidScenario", package: "Braid")]),
        .executableTarget(
            name: "FuzzRoster",
            dependencies: ["FuzzSupport", .product(name: "BraidScenario", package: "Braid")]),
        .executableTarget(name: "FuzzExpression", dependencies: ["FuzzSupport"]),
        .executableTarget(
            name: "FuzzArguments",
            dependencies: ["FuzzSupport", .product(name: "BraidScenario", package: "Braid")]),
        .executableTarget(
            name: "FuzzResult",
            dependencies: [
                "FuzzSupport", .product(name: "BraidScenario", package: "Braid"),
                .product(name: "BraidReports", package: "Braid"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
