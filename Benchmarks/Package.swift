// swift-tools-version: 6.0
//
// EMLab benchmarks — a separate package so the main build and CI never compile it.
//
//   emlab-benchmarks  the timing executable (run with `swift run -c release emlab-benchmarks`)
//   CReferenceKernel  the yardstick: the same fused E-step pass in plain C, -O3 -march=native, IEEE (no fast-math)
import PackageDescription

let package = Package(
    name: "EMLabBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "EMLab", path: "../"),
    ],
    targets: [
        .target(
            name: "CReferenceKernel",
            cSettings: [.unsafeFlags(["-O3", "-march=native"])],
            linkerSettings: [.linkedLibrary("m")]
        ),
        .executableTarget(
            name: "emlab-benchmarks",
            dependencies: [
                "CReferenceKernel",
                .product(name: "EMLab", package: "EMLab"),
            ]
        ),
    ]
)
