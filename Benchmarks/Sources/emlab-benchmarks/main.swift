// emlab-benchmarks — times one EM iteration of EMLab against a C yardstick,
// sampling against raw GSL, a full fit, and the per-fit overhead.
//
//   cd Benchmarks && swift run -c release emlab-benchmarks [--quick]
//
// Every figure is the median of repeated runs; setup (data, parameters,
// buffers) is outside the timed region and every result is passed to
// `consume`, which the optimiser cannot see through.
import CReferenceKernel
@_spi(Benchmarks) import EMLab
import Foundation

// MARK: - Timing helpers

nonisolated(unsafe) var sinkStorage = 0.0

/// Keeps `value` alive: an opaque call the optimiser must assume reads it.
@inline(never) func consume(_ value: Double) { if value == 1.234_567_891_234e-300 { sinkStorage += value } }

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Median wall time of one call of `body`, in ns. Calls are batched so each
/// timed sample lasts at least `minimumSample` ns; `samples` samples are
/// taken (fewer when one call alone is long, never fewer than 5), after one
/// untimed warm-up call.
func timeCall(samples: Int = 21, minimumSample: Double = 20e6, budget: Double = 6e9,
              _ body: () -> Double) -> Double {
    var start = now()
    consume(body())
    let single = max(Double(now() - start), 1)
    let batch = max(1, Int((minimumSample / single).rounded(.up)))
    let affordable = Int(budget / (single * Double(batch)))
    let count = max(5, min(samples, affordable))
    var results: [Double] = []
    results.reserveCapacity(count)
    for _ in 0..<count {
        start = now()
        for _ in 0..<batch { consume(body()) }
        results.append(Double(now() - start) / Double(batch))
    }
    return median(results)
}

func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

// MARK: - Problems

struct Problem {
    let truth: GaussianMixture
    /// The parameters the E-step is evaluated at: the truth, moved a little,
    /// so responsibilities are neither 0/1 nor uniform.
    let weights: [Double], means: [Double], sds: [Double]
}

func problem(k: Int) throws -> Problem {
    switch k {
    case 2:
        return Problem(truth: try GaussianMixture(weights: [0.3, 0.7], means: [0, 4], standardDeviations: [1, 1.5]),
                       weights: [0.4, 0.6], means: [0.5, 3.5], sds: [1.2, 1.3])
    case 5:
        return Problem(truth: try GaussianMixture(weights: [0.1, 0.2, 0.3, 0.25, 0.15], means: [-8, -3, 0, 4, 9],
                                                  standardDeviations: [1, 1.5, 1, 2, 1.2]),
                       weights: [0.2, 0.2, 0.2, 0.2, 0.2], means: [-7, -2.5, 0.5, 3, 8], sds: [1.5, 1.5, 1.5, 1.5, 1.5])
    default:
        fatalError("no problem for K = \(k)")
    }
}

let arguments = CommandLine.arguments.dropFirst()
let quick = arguments.contains("--quick")
let sizes = quick ? [10_000, 100_000, 1_000_000] : [10_000, 100_000, 1_000_000, 10_000_000]

print("# EMLab benchmarks")
print("")
print("Median of repeated runs; ns per sample per iteration unless stated. Single thread.")
print("")

// MARK: - 1. One E-step pass

print("## 1. One E-step + sufficient statistics pass (ns / sample / iteration)")
print("")
print("| K | N | EMLab fast | C kernel | C, libm per point | EMLab scalar reference | EMLab / C | reference / fast |")
print("|---|---|---|---|---|---|---|---|")
var fastAt1000 = [Int: Double]()
for k in [2, 5] {
    let p = try problem(k: k)
    let largest = sizes.max()!
    let all = p.truth.sample(count: largest, using: try RandomSource(seed: 2024)).values
    for n in sizes {
        let data = Array(all.prefix(n))
        var stats = SufficientStatistics(componentCount: k)
        var nk = [Double](repeating: 0, count: k), sk = nk, qk = nk
        let fast = timeCall { stats.accumulate(data: data, weights: p.weights, means: p.means, sds: p.sds) }
        let c = timeCall {
            emlab_c_estep(data, data.count, k, p.weights, p.means, p.sds, &nk, &sk, &qk)
        }
        let cLibm = timeCall(samples: n >= 10_000_000 ? 5 : 11) {
            emlab_c_estep_libm(data, data.count, k, p.weights, p.means, p.sds, &nk, &sk, &qk)
        }
        let reference = timeCall(samples: n >= 10_000_000 ? 5 : 11) {
            stats.accumulateReference(data: data, weights: p.weights, means: p.means, sds: p.sds)
        }
        // The three agree (the figures would mean nothing otherwise).
        let lf = stats.accumulate(data: data, weights: p.weights, means: p.means, sds: p.sds)
        let lc = emlab_c_estep(data, data.count, k, p.weights, p.means, p.sds, &nk, &sk, &qk)
        let lm = emlab_c_estep_libm(data, data.count, k, p.weights, p.means, p.sds, &nk, &sk, &qk)
        let lr = stats.accumulateReference(data: data, weights: p.weights, means: p.means, sds: p.sds)
        for other in [lf, lc, lm] {
            precondition(abs(other - lr) <= 1e-12 * abs(lr), "kernels disagree: \(lf) \(lc) \(lm) \(lr)")
        }
        let perSample = Double(n)
        print("| \(k) | 10^\(Int(log10(perSample).rounded())) | \(format(fast / perSample)) | \(format(c / perSample)) | \(format(cLibm / perSample)) | "
              + "\(format(reference / perSample)) | \(format(fast / c)) | \(format(reference / fast, 1)) |")
    }
}
print("")

// MARK: - 2. Sampling

do {
    let n = 1_000_000
    let mixture = try problem(k: 2).truth
    let source = try RandomSource(seed: 7)
    let viaEMLab = timeCall(samples: 11) {
        let sample = mixture.sample(count: n, using: source)
        return sample.values[n / 2] + Double(sample.components[n / 3])
    }
    // The same draws by hand: one gsl_rng_uniform for the component, one
    // gsl_ran_gaussian (polar) for the value, into a preallocated buffer.
    var values = [Double](repeating: 0, count: n)
    var components = [Int](repeating: 0, count: n)
    let w0 = mixture.weights[0]
    let means = mixture.means, sds = mixture.standardDeviations
    let raw = timeCall(samples: 11) {
        values.withUnsafeMutableBufferPointer { v in
            components.withUnsafeMutableBufferPointer { c in
                for i in 0..<n {
                    let k = source.uniform() < w0 ? 0 : 1
                    c[i] = k
                    v[i] = means[k] + sds[k] * source.normal()
                }
            }
        }
        return values[n / 2] + Double(components[n / 3])
    }
    print("## 2. Sampling, K = 2, N = 10^6 (mt19937, polar normals)")
    print("")
    print("| method | ns / sample | ms total | EMLab / raw |")
    print("|---|---|---|---|")
    print("| `GaussianMixture.sample(count:using:)` | \(format(viaEMLab / Double(n))) | \(format(viaEMLab / 1e6, 1)) | \(format(viaEMLab / raw)) |")
    print("| raw loop: `uniform()` + `normal()` into a buffer | \(format(raw / Double(n))) | \(format(raw / 1e6, 1)) | 1.00 |")
    print("")
}

// MARK: - 3. A full fit

print("## 3. Full fit: `ExpectationMaximization.fit`, N = 10^6, 50 fixed iterations")
print("")
print("| K | ms / fit | ns / sample / iteration | one accumulate (ns / sample) | fit / accumulate |")
print("|---|---|---|---|---|")
for k in [2, 5] {
    let p = try problem(k: k)
    let n = 1_000_000
    let data = p.truth.sample(count: n, using: try RandomSource(seed: 99)).values
    let start = GaussianMixture(unchecked: p.weights, means: p.means, standardDeviations: p.sds)
    let configuration = EMConfiguration(stoppingRule: .fixedIterations(50))
    var iterations = 0
    let fit = timeCall(samples: 7) {
        let result = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
        iterations = result.iterations
        return result.logLikelihood
    }
    precondition(iterations == 50)
    // 50 iterations are 51 E-steps (every stop is at an E-step).
    var stats = SufficientStatistics(componentCount: k)
    let one = timeCall { stats.accumulate(data: data, weights: p.weights, means: p.means, sds: p.sds) }
    let perIteration = fit / 51
    print("| \(k) | \(format(fit / 1e6, 1)) | \(format(perIteration / Double(n))) | \(format(one / Double(n))) | \(format(perIteration / one)) |")
}
print("")

// MARK: - 4. Per-fit overhead

do {
    let k = 2
    let p = try problem(k: k)
    let n = 1000
    let data = p.truth.sample(count: n, using: try RandomSource(seed: 5)).values
    let start = GaussianMixture(unchecked: p.weights, means: p.means, standardDeviations: p.sds)
    let configuration = EMConfiguration()
    let result = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
    let fit = timeCall(samples: 51) {
        ExpectationMaximization.fit(data: data, start: start, configuration: configuration).logLikelihood
    }
    var stats = SufficientStatistics(componentCount: k)
    let one = timeCall(samples: 51) { stats.accumulate(data: data, weights: p.weights, means: p.means, sds: p.sds) }
    let eSteps = result.iterations + 1
    print("## 4. Per-fit overhead, N = 1000, K = 2, default configuration")
    print("")
    print("| quantity | µs |")
    print("|---|---|")
    print("| one fit (\(result.iterations) iterations, \(eSteps) E-steps, \(result.stopReason.rawValue)) | \(format(fit / 1e3)) |")
    print("| one accumulate on the 1000 points | \(format(one / 1e3)) |")
    print("| 25 × accumulate | \(format(25 * one / 1e3)) |")
    print("| fit − 25 × accumulate | \(format((fit - 25 * one) / 1e3)) |")
    print("| fit − \(eSteps) × accumulate (overhead outside the E-steps) | \(format((fit - Double(eSteps) * one) / 1e3)) |")
    print("")
}
