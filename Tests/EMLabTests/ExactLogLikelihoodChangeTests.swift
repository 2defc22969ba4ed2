import Foundation
import Testing
import CEMKernels
@_spi(Benchmarks) @testable import EMLab

@Suite struct ExactLogLikelihoodChangeTests {
    /// ℓ(θ') − ℓ(θ) summed point by point in Float80: Σ log(f'(x)/f(x)).
    static func reference(_ data: [Double], from a: GaussianMixture, to b: GaussianMixture) -> Double {
        func density(_ x: Double, _ m: GaussianMixture) -> Float80 {
            var total: Float80 = 0
            for j in 0..<m.componentCount {
                let s = Float80(m.standardDeviations[j])
                let z = (Float80(x) - Float80(m.means[j])) / s
                total += Float80(m.weights[j]) * Foundation.exp(-z * z / 2) / (s * Float80(2 * Double.pi).squareRoot())
            }
            return total
        }
        var sum: Float80 = 0
        for x in data { sum += Foundation.log(density(x, b) / density(x, a)) }
        return Double(sum)
    }

    @Test func debugFit() throws {
        let text = try String(contentsOfFile: "/tmp/d3.csv", encoding: .utf8)
        let data = text.split(separator: "\n").dropFirst().compactMap { Double($0) }
        let standard = try StandardizedFit(data: data)
        let z = standard.standardized
        let start = try Initialization.quantile.start(data: z, componentCount: 2, random: try RandomSource(seed: 1))
        let r = ExpectationMaximization.fit(data: z, start: start, configuration: EMConfiguration(stoppingRule: .logLikelihoodChange(1e-10), maxIterations: 100000))
        print("stop", r.iterations, r.logLikelihood, r.lastLogLikelihoodChange, r.logLikelihoodChangeRatio, r.logLikelihoodGap)
        var m = r.mixture
        var prevChange = r.lastLogLikelihoodChange
        for _ in 0..<10 {
            let c = ExpectationMaximization.fit(data: z, start: m, configuration: EMConfiguration(stoppingRule: .fixedIterations(1)))
            let exact = LogLikelihoodChange.exact(data: z, from: m, to: c.mixture)
            let ref = Self.reference(z, from: m, to: c.mixture)
            print("change", c.lastLogLikelihoodChange, exact, ref, exact / prevChange)
            prevChange = exact
            m = c.mixture
        }
    }

    static func mStep80(_ data: [Double], _ m: GaussianMixture) -> [Float80] {
        let k = m.componentCount
        var N = [Float80](repeating: 0, count: k), S = N, Q = N
        for x in data {
            var d = [Float80](repeating: 0, count: k)
            var t: Float80 = 0
            for j in 0..<k {
                let s = Float80(m.standardDeviations[j]); let z = (Float80(x) - Float80(m.means[j])) / s
                d[j] = Float80(m.weights[j]) * Foundation.exp(-z * z / 2) / s; t += d[j]
            }
            for j in 0..<k { let g = d[j] / t; N[j] += g; S[j] += g * Float80(x); Q[j] += g * Float80(x) * Float80(x) }
        }
        var out: [Float80] = []
        for j in 0..<k { let mu = S[j] / N[j]; out += [N[j] / Float80(data.count), mu, (Q[j] / N[j] - mu * mu).squareRoot()] }
        return out
    }

    @Test func debugM() throws {
        let text = try String(contentsOfFile: "/tmp/d3.csv", encoding: .utf8)
        let data = text.split(separator: "\n").dropFirst().compactMap { Double($0) }
        let z = try StandardizedFit(data: data).standardized
        let start = try Initialization.quantile.start(data: z, componentCount: 2, random: try RandomSource(seed: 1))
        let r = ExpectationMaximization.fit(data: z, start: start, configuration: EMConfiguration(stoppingRule: .logLikelihoodChange(1e-10), maxIterations: 100000))
        var m = r.mixture
        for _ in 0..<4 {
            let c = ExpectationMaximization.fit(data: z, start: m, configuration: EMConfiguration(stoppingRule: .fixedIterations(1)))
            let hp = Self.mStep80(z, m)
            let got = c.mixture
            let mine: [Double] = [got.weights[0], got.means[0], got.standardDeviations[0], got.weights[1], got.means[1], got.standardDeviations[1]]
            let prev: [Double] = [m.weights[0], m.means[0], m.standardDeviations[0], m.weights[1], m.means[1], m.standardDeviations[1]]
            print("M", (0..<6).map { Double(Float80(mine[$0]) - hp[$0]) }, "step", (0..<6).map { mine[$0] - prev[$0] })
            m = c.mixture
        }
    }

    @Test func measurePlainError() throws {
        let truths: [GaussianMixture] = [
            try GaussianMixture(weights: [0.5, 0.5], means: [0, 1.5], standardDeviations: [1, 1]),
            try GaussianMixture(weights: [0.3, 0.7], means: [5, 15], standardDeviations: [2, 2]),
            try GaussianMixture(weights: [0.2, 0.3, 0.5], means: [0, 3, 6], standardDeviations: [1, 0.5, 2]),
            try GaussianMixture(weights: [0.2, 0.2, 0.2, 0.2, 0.2], means: [0, 2, 4, 6, 8], standardDeviations: [1, 1, 1, 1, 1]),
        ]
        for n in [100, 1000, 10_000, 100_000, 1_000_000] {
            for truth in truths {
                let raw = truth.sampleValues(count: n, using: try RandomSource(seed: UInt64(n)))
                let z = try StandardizedFit(data: raw).standardized
                var m = try Initialization.quantile.start(data: z, componentCount: truth.componentCount, random: try RandomSource(seed: 1))
                var s = SufficientStatistics(componentCount: truth.componentCount)
                var worst = 0.0, worstAt = 0.0
                var errors: [Double] = []
                let steps = n >= 100_000 ? 60 : 400
                for _ in 0..<steps {
                    let next = ExpectationMaximization.fit(data: z, start: m, configuration: EMConfiguration(stoppingRule: .fixedIterations(1))).mixture
                    let a = s.accumulate(data: z, weights: m.weights, means: m.means, sds: m.standardDeviations)
                    let b = s.accumulate(data: z, weights: next.weights, means: next.means, sds: next.standardDeviations)
                    let exact = LogLikelihoodChange.exact(data: z, from: m, to: next)
                    let e = abs((b - a) - exact) / abs(b)
                    errors.append(e)
                    if e > worst { worst = e; worstAt = exact / abs(b) }
                    m = next
                }
                errors.sort()
                print("n \(n) K \(truth.componentCount): plain error / |ℓ| median \(errors[errors.count / 2]) p99 \(errors[errors.count * 99 / 100]) max \(worst) at Δ/|ℓ| \(worstAt)")
            }
        }
    }

    @Test func zoneFraction() throws {
        let truths: [GaussianMixture] = [
            try GaussianMixture(weights: [0.3, 0.7], means: [5, 15], standardDeviations: [2, 2]),
            try GaussianMixture(weights: [0.5, 0.5], means: [0, 2], standardDeviations: [1, 1]),
        ]
        for (n, tol) in [(50, 1e-8), (200, 1e-8), (1000, 1e-8), (1000, 1e-10), (10000, 1e-10)] {
            for truth in truths {
                var total = 0, fused = 0, fused4 = 0, fused3 = 0
                for seed in 1...20 {
                    let raw = truth.sampleValues(count: n, using: try RandomSource(seed: UInt64(seed)))
                    let z = try StandardizedFit(data: raw).standardized
                    let start = try Initialization.quantile.start(data: z, componentCount: 2, random: try RandomSource(seed: 1))
                    var c = EMConfiguration(stoppingRule: .logLikelihoodChange(tol), maxIterations: 100000)
                    c.recordTrace = true
                    let r = ExpectationMaximization.fit(data: z, start: start, configuration: c)
                    let lls = r.trace!.logLikelihoods
                    total += lls.count
                    for t in 1..<lls.count where abs(lls[t] - lls[t - 1]) < 2 * LogLikelihoodChange.relativeThreshold(count: n) * abs(lls[t]) { fused += 1 }
                    for t in 1..<lls.count where abs(lls[t] - lls[t - 1]) < 0.2 * LogLikelihoodChange.relativeThreshold(count: n) * abs(lls[t]) { fused4 += 1 }
                    for t in 1..<lls.count where abs(lls[t] - lls[t - 1]) < 0.02 * LogLikelihoodChange.relativeThreshold(count: n) * abs(lls[t]) { fused3 += 1 }
                }
                print("n \(n) tol \(tol) K=2 \(truth.means): passes \(total), in zone \(Double(fused) / Double(total)) η=1e-4: \(Double(fused4) / Double(total)) η=1e-3: \(Double(fused3) / Double(total))")
            }
        }
    }

    @Test func debug() throws {
        let truth = try GaussianMixture(weights: [0.5, 0.5], means: [0, 1.5], standardDeviations: [1, 1])
        let data = truth.sampleValues(count: 10_000, using: try RandomSource(seed: 3))
        let a = try GaussianMixture(weights: [0.5, 0.5], means: [0, 1.5], standardDeviations: [1, 1])
        for step in [1e-2, 1e-4, 1e-6, 1e-8] {
            let b = try GaussianMixture(weights: [0.5 + step, 0.5 - step], means: [0 + step, 1.5 - 2 * step], standardDeviations: [1 + step, 1 - step])
            let exact = LogLikelihoodChange.exact(data: data, from: a, to: b)
            let ref = Self.reference(data, from: a, to: b)
            var s = SufficientStatistics(componentCount: 2)
            let plain = s.accumulate(data: data, weights: b.weights, means: b.means, sds: b.standardDeviations)
                - s.accumulate(data: data, weights: a.weights, means: a.means, sds: a.standardDeviations)
            print("step \(step): exact \(exact) ref \(ref) plain \(plain) rel \((exact - ref) / ref)")
        }
    }
}
