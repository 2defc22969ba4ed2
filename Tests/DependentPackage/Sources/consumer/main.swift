// A consumer of EMLab's library product, as a user writes one: draw a
// mixture with known truth, fit it by EM from the quantile start, check the
// truth is recovered, and time 50 fixed iterations on 10^6 points.
import EMLab
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("dependent package: \(message)\n".utf8))
    exit(1)
}

let truth = try GaussianMixture(weights: [0.3, 0.7], means: [0, 4], standardDeviations: [1, 1.5])
let data = truth.sample(count: 1_000_000, using: try RandomSource(seed: 2024)).values

// 1. A default fit recovers the truth (the standard errors at n = 10^6 are
//    ~0.002 for the means; 0.02 is ten of them).
let start = try Initialization.quantile.start(data: data, componentCount: 2, random: RandomSource(seed: 1))
let fit = ExpectationMaximization.fit(data: data, start: start, configuration: EMConfiguration())
guard fit.converged else { fail("the fit did not converge: \(fit.stopReason)") }
for (estimate, target) in zip(fit.mixture.means, truth.means) where abs(estimate - target) > 0.02 {
    fail("mean \(estimate) is not within 0.02 of the truth \(target)")
}
print(
    "fit: means \(fit.mixture.means.map { String(format: "%.4f", $0) }), "
        + "weights \(fit.mixture.weights.map { String(format: "%.4f", $0) }), \(fit.iterations) iterations")

// 2. Speed as a user's release build sees it: 50 fixed iterations (51 E-steps).
let fixed = EMConfiguration(stoppingRule: .fixedIterations(50))
var best = Double.infinity
for _ in 0..<5 {
    let clock = ContinuousClock()
    let elapsed = clock.measure { _ = ExpectationMaximization.fit(data: data, start: start, configuration: fixed) }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    best = min(best, seconds)
}
print(String(format: "speed: %.2f ns per sample per iteration (best of 5; N = 10^6, K = 2)", best * 1e9 / 51 / 1e6))
