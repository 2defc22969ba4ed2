// swift-tools-version: 6.0
//
// EMLab — a laboratory for the EM algorithm on one-dimensional Gaussian mixtures.
//
// Targets by role:
//   CGSL        a system-library shim over GNU GSL (pkg-config `gsl`)
//   CEMKernels  the E-step's vector kernels in C, dispatched by CPU features at run time
//   EMLab       the library, its folders in pipeline order (each depends only on those before it):
//               Support/ Random/ Mixture/ Fitting/ Inference/ Documents/ Study/ Reporting/
//               (EMLab.docc/Architecture.md says what each holds and where a new capability goes)
//   emlab       the command-line tool: one file per subcommand, plus the option groups and
//               argument types they share
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "EMLab",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "EMLab", targets: ["EMLab"]),
        .executable(name: "emlab", targets: ["emlab"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // The study report page and the EM animation: HTML built by a typed DSL, markdown rendered by Ink.
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0")
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        // The E-step's vector kernels, compiled at several x86-64 levels and
        // chosen at run time (Fitting/EStepKernel.swift says why).
        .target(name: "CEMKernels", linkerSettings: [.linkedLibrary("m")]),
        .target(
            name: "EMLab",
            dependencies: [
                "CGSL",
                "CEMKernels",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Ink", package: "Ink")
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "emlab",
            dependencies: ["EMLab", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        // What the test suites share: running the built `emlab` (Tool), scratch folders.
        .target(name: "EMLabTestSupport", path: "Tests/EMLabTestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "EMLabTests",
            dependencies: ["EMLab", "CEMKernels", "EMLabTestSupport"],
            // The tests' own code is compiled unoptimised even in release (`make
            // test`): optimising it took about 80 s of the release build (38 s
            // without) and the suite ran no faster, since what the tests exercise
            // (the library, the kernels, the `emlab` tool) is still optimised. And
            // in batch mode rather than as one whole module, so that both cores
            // compile it (88 s → 55 s alone on a 2-core machine): unoptimised,
            // whole-module compilation gains nothing. A test target is in no
            // product, so a package that depends on EMLab by version still
            // accepts it (Tests/DependentPackage checks that).
            swiftSettings: swiftSettings + [
                .unsafeFlags(["-Onone", "-no-whole-module-optimization", "-enable-batch-mode"], .when(configuration: .release))
            ]
        )
    ]
)
