// A consumer of EMLab's library product, as a user writes one: draw a
// mixture with known truth, fit it by EM from the quantile start, check the
// truth is recovered, and time 50 fixed iterations.
//   consumer [--count N] [--no-timing]     N values (default 10^6)
import EMLab
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("dependent package: \(message)\n".utf8))
    exit(1)
}

let arguments = Array(CommandLine.arguments.dropFirst())
let count = arguments.firstIndex(of: "--count").flatMap { $0 + 1 < arguments.count ? Int(arguments[$0 + 1]) : nil } ?? 1_000_000
let timing = !arguments.contains("--no-timing")
guard count >= 1000 else { fail("--count takes at least 1000 values") }

let truth = try GaussianMixture(weights: [0.3, 0.7], means: [0, 4], standardDeviations: [1, 1.5])
let data = truth.sample(count: count, using: try RandomSource(seed: 2024)).values

// 1. A default fit recovers the truth: each mean within ten standard errors,
//    σ_k/√(π_k n) at most 1.5/√(0.3 n) (0.027 at n = 10^6, 0.19 at 20,000).
let tolerance = 10 * 1.5 / (0.3 * Double(count)).squareRoot()
let start = try Initialization.quantile.start(data: data, componentCount: 2, random: RandomSource(seed: 1))
let fit = ExpectationMaximization.fit(data: data, start: start, configuration: EMConfiguration())
guard fit.converged else { fail("the fit did not converge: \(fit.stopReason)") }
for (estimate, target) in zip(fit.mixture.means, truth.means) where abs(estimate - target) > tolerance {
    fail("mean \(estimate) is not within \(tolerance) of the truth \(target)")
}
print(
    "fit: means \(fit.mixture.means.map { String(format: "%.4f", $0) }), "
        + "weights \(fit.mixture.weights.map { String(format: "%.4f", $0) }), \(fit.iterations) iterations")

// 2. Speed as a user's release build sees it: 50 fixed iterations (51 E-steps).
guard timing else { exit(0) }
let fixed = EMConfiguration(stoppingRule: .fixedIterations(50))
var best = Double.infinity
for _ in 0..<5 {
    let clock = ContinuousClock()
    let elapsed = clock.measure { _ = ExpectationMaximization.fit(data: data, start: start, configuration: fixed) }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    best = min(best, seconds)
}
print(String(format: "speed: %.2f ns per sample per iteration (best of 5; N = ", best * 1e9 / 51 / Double(count)) + "\(count), K = 2)")
