// swift-tools-version:6.0
import PackageDescription

// The modules, lowest first (see docs/DESIGN.md, "Modules"):
//   CGLPKShim      the only code that includes <glpk.h>
//   BraidSolver    linear and mixed-integer models, GLPK through the shim, the interior point,
//                  min-cost flow; no word of the funding domain
//   BraidPolicy    the rule language, policy files, eligibility, money
//   BraidScenario  what the user gives: scenarios, rosters, what-ifs; the plan as a value; uses
//                  BraidSolver's min-cost flow (priority seats, cap coverage), never a solver
//   BraidPlanner   the optimisation: formulation, decomposition, proofs, rounding, sweeps
//   CXLSXWriter    libxlsxwriter (Excel workbooks), used by one file of BraidReports
//   BraidReports   every output format, compare and verify; never imports BraidPlanner, so the
//                  auditor is independent of the optimiser by construction
//   BraidBatch     `braid batch` and `braid merge`: a manifest's jobs, all or one shard of them
//                  on a scheduler, and the shards gathered into the files one machine writes
//   BraidWorkbench the planner's workbench (`braid serve`): a local web app on Hummingbird that
//                  shows what the planner and the reports compute, and computes nothing of its own
//   braid          the command line: parsing, exit codes, signals, atomic writes
let package = Package(
    name: "Braid",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "braid", targets: ["braid"]),
        .library(name: "BraidSolver", targets: ["BraidSolver"]),
        .library(name: "BraidPolicy", targets: ["BraidPolicy"]),
        .library(name: "BraidScenario", targets: ["BraidScenario"]),
        .library(name: "BraidPlanner", targets: ["BraidPlanner"]),
        .library(name: "BraidReports", targets: ["BraidReports"]),
        .library(name: "BraidWorkbench", targets: ["BraidWorkbench"]),
        .library(name: "BraidBatch", targets: ["BraidBatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
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
            name: "BraidScenario",
            dependencies: [
                "BraidPolicy", "BraidSolver", .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .target(
            name: "BraidPlanner",
            dependencies: [
                "BraidScenario", "BraidSolver", "BraidPolicy", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Excel workbooks out, through libxlsxwriter (Debian's libxlsxwriter-dev); only
        // BraidReports/Workbook/Workbook.swift imports it.
        .systemLibrary(
            name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .target(name: "BraidReports", dependencies: ["BraidScenario", "BraidPolicy", "CXLSXWriter"]),
        // The workbench: Hummingbird 2 (HTTP), swift-mustache (templates), GRDB (run history).
        .target(
            name: "BraidWorkbench",
            dependencies: [
                "BraidPlanner", "BraidReports", "BraidScenario", "BraidPolicy",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]),
        // Batches: the jobs of a manifest, shards and merging; SHA-256 from swift-crypto.
        .target(
            name: "BraidBatch",
            dependencies: [
                "BraidPlanner", "BraidReports", "BraidScenario", "BraidPolicy",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .executableTarget(
            name: "braid",
            dependencies: [
                "BraidPlanner", "BraidReports", "BraidScenario", "BraidPolicy", "BraidSolver", "BraidWorkbench",
                "BraidBatch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Fixtures and helpers the test targets share (public API only, no Testing import).
        .target(
            name: "BraidTestSupport",
            dependencies: ["BraidScenario", "BraidPlanner", "BraidReports", "BraidSolver", "BraidPolicy"],
            path: "Tests/Support"),
        .testTarget(name: "BraidSolverTests", dependencies: ["BraidSolver"]),
        .testTarget(name: "BraidPolicyTests", dependencies: ["BraidPolicy"]),
        .testTarget(
            name: "BraidScenarioTests",
            dependencies: ["BraidScenario", "BraidPlanner", "BraidReports", "BraidTestSupport"]),
        .testTarget(
            name: "BraidPlannerTests",
            dependencies: ["BraidPlanner", "BraidScenario", "BraidReports", "BraidSolver", "BraidTestSupport"]),
        .testTarget(
            name: "BraidReportsTests",
            dependencies: ["BraidReports", "BraidPlanner", "BraidScenario", "BraidTestSupport"]),
        .testTarget(
            name: "BraidWorkbenchTests",
            dependencies: [
                "BraidWorkbench", "BraidScenario", "BraidPolicy", "BraidPlanner", "BraidReports", "BraidTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(
            name: "BraidCLITests",
            dependencies: [
                "braid", "BraidScenario", "BraidPlanner", "BraidReports", "BraidSolver", "BraidPolicy",
                "BraidTestSupport", "BraidBatch",
            ]),
    ],
    swiftLanguageModes: [.v6]
)
