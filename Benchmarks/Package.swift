// swift-tools-version: 6.0
//
// EMLab benchmarks — a separate package, so the main build and CI never compile it.
//
//   emlab-benchmarks  the timing executable:
//                     `make` here, or `swift run -c release [CPU flags] emlab-benchmarks` (see README.md)
//   CReferenceKernel  the yardstick: the same fused E-step pass in C, -O3 -march=native, IEEE
//                     arithmetic (no -ffast-math). EMLAB_BENCH_C_MARCH=x86-64-v3 (say) in the
//                     environment of the build replaces `native`, for like-for-like comparisons.
import PackageDescription

let cMarch = Context.environment["EMLAB_BENCH_C_MARCH"] ?? "native"

let package = Package(
    name: "EMLabBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "EMLab", path: "../"),
    ],
    targets: [
        .target(
            name: "CReferenceKernel",
            cSettings: [
                .unsafeFlags(["-O3", "-march=\(cMarch)"]),
                .define("EMLAB_C_MARCH", to: "\"\(cMarch)\""),
            ],
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
