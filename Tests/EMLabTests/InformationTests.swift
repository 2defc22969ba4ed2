import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// The information matrices against finite differences, the rate against
/// EM's own steps, and the population rate against large samples and a
/// closed form.
@Suite struct InformationTests {
    /// Data sets for the finite-difference checks, with K.
    static func dataSets() throws -> [(name: String, data: [Double], k: Int)] {
        let source = try RandomSource(seed: 2024)
        let two = try GaussianMixture(weights: [0.35, 0.65], means: [0, 2.2], standardDeviations: [1, 1.3])
            .sample(count: 600, using: source).values
        let three = try GaussianMixture(weights: [0.3, 0.3, 0.4], means: [-3, 0.5, 4], standardDeviations: [1, 0.8, 1.5])
            .sample(count: 900, using: source).values
        return [("two", two, 2), ("three", three, 3)]
    }

    /// An EM fit run as close to its maximum as doubles allow.
    static func tightFit(
        _ data: [Double], k: Int, weights: EMConfiguration.Weights,
        variance: EMConfiguration.Variance
    ) throws -> GaussianMixture {
        var configuration = EMConfiguration(
            weights: weights, variance: variance,
            stoppingRule: .parameterChange(1e-14), maxIterations: 100_000)
        configuration.stoppingRule = .parameterChange(1e-14)
        var start = try Initialization.quantile.start(data: data, componentCount: k, random: try RandomSource(seed: 1))
        if weights == .fixed {
            start = GaussianMixture(
                unchecked: Array(repeating: 1 / Double(k), count: k), means: start.means,
                standardDeviations: start.standardDeviations)
        }
        let result = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
        #expect(result.stopReason == .converged)
        return result.mixture
    }

    static let constraintSets: [(EMConfiguration.Weights, EMConfiguration.Variance)] = [
        (.free, .perComponent), (.free, .shared), (.free, .known(standardDeviation: 1.1)),
        (.fixed, .perComponent), (.fixed, .shared), (.fixed, .known(standardDeviation: 1.1))
    ]

    /// One EM step from θ, in layout coordinates.
    static func emMap(
        _ theta: [Double], layout: FreeParameterLayout, base: GaussianMixture, data: [Double],
        weights: EMConfiguration.Weights, variance: EMConfiguration.Variance
    ) -> [Double] {
        let mixture = layout.mixture(from: theta, base: base)
        let configuration = EMConfiguration(weights: weights, variance: variance, stoppingRule: .fixedIterations(1))
        return layout.vector(of: ExpectationMaximization.fit(data: data, start: mixture, configuration: configuration).mixture)
    }

    @Test(arguments: 0..<6)
    func observedInformationIsTheNegativeHessianAndRateMatrixIsTheJacobianOfEM(constraintSet: Int) throws {
        let (weights, variance) = Self.constraintSets[constraintSet]
        for (name, data, k) in try Self.dataSets() {
            let mle = try Self.tightFit(data, k: k, weights: weights, variance: variance)
            let information = MixtureInformation.sample(data, at: mle, weights: weights, variance: variance)
            let layout = information.layout
            let theta = layout.vector(of: mle)
            let p = theta.count
            func loglik(_ v: [Double]) -> Double {
                let m = layout.mixture(from: v, base: mle)
                return MixtureLogLikelihood.evaluate(data: data, weights: m.weights, means: m.means, sds: m.standardDeviations)
            }
            // Central second differences of ℓ, step h_i relative to the coordinate.
            let h = theta.map { 1e-4 * max(abs($0), 0.1) }
            var hessian = Matrix(rows: p, columns: p)
            for i in 0..<p {
                for j in i..<p {
                    func at(_ si: Double, _ sj: Double) -> Double {
                        var v = theta
                        v[i] += si * h[i]
                        v[j] += sj * h[j]
                        return loglik(v)
                    }
                    let value = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h[i] * h[j])
                    hessian[i, j] = -value
                    hessian[j, i] = -value
                }
            }
            let observed = information.observed
            let scale = observed.elements.map(abs).max()!
            for i in 0..<(p * p) {
                #expect(
                    abs(observed.elements[i] - hessian.elements[i]) <= 2e-5 * scale,
                    "I_obs vs −Hessian, \(name) \(weights) \(variance), entry \(i): \(observed.elements[i]) vs \(hessian.elements[i])")
            }
            // Central first differences of the EM map: its Jacobian at the MLE is J.
            let j = try #require(information.rateMatrix)
            var jacobian = Matrix(rows: p, columns: p)
            for c in 0..<p {
                var up = theta, down = theta
                up[c] += h[c]
                down[c] -= h[c]
                let fUp = Self.emMap(up, layout: layout, base: mle, data: data, weights: weights, variance: variance)
                let fDown = Self.emMap(down, layout: layout, base: mle, data: data, weights: weights, variance: variance)
                for r in 0..<p { jacobian[r, c] = (fUp[r] - fDown[r]) / (2 * h[c]) }
            }
            // J is not scale-free (its entries carry units ratio), so compare
            // each entry to the size of its row and column.
            for r in 0..<p {
                for c in 0..<p {
                    let size = max(abs(jacobian[r, c]), 1e-3 * h[r] / h[c], 1e-6)
                    #expect(
                        abs(j[r, c] - jacobian[r, c]) <= 1e-4 * max(size, 1e-2),
                        "J vs Jacobian of EM, \(name) \(weights) \(variance), (\(r), \(c)): \(j[r, c]) vs \(jacobian[r, c])")
                }
            }
            let eigenvalues = try #require(information.rateEigenvalues)
            #expect(eigenvalues.count == p)
            #expect(eigenvalues.allSatisfy { $0 >= -1e-9 && $0 < 1 }, "rates \(eigenvalues)")
        }
    }

    @Test func empiricalStepRatioApproachesTheRate() throws {
        // Overlapping components: a slow rate, many steps in the linear regime.
        let source = try RandomSource(seed: 9)
        let data = try GaussianMixture(weights: [0.5, 0.5], means: [0, 2], standardDeviations: [1, 1])
            .sample(count: 2000, using: source).values
        let configuration = EMConfiguration(stoppingRule: .parameterChange(1e-11), maxIterations: 100_000, recordTrace: true)
        let start = try Initialization.quantile.start(data: data, componentCount: 2, random: source)
        let result = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
        #expect(result.stopReason == .converged)
        let information = MixtureInformation.sample(data, at: result.mixture, weights: .free, variance: .perComponent)
        let rate = information.rate
        #expect(rate > 0.5 && rate < 1, "a slow rate is expected here; got \(rate)")
        let trace = try #require(result.trace)
        let layout = information.layout
        let points = trace.mixtures.map { layout.vector(of: $0) }
        func step(_ t: Int) -> Double {
            zip(points[t], points[t - 1]).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
        }
        // Where steps are ~1e-7: deep in the linear regime, far above rounding.
        let t = try #require(points.indices.dropFirst(2).first { step($0) < 1e-7 })
        #expect(abs(step(t) / step(t - 1) - rate) < 1e-3, "step ratio \(step(t) / step(t - 1)) vs λ \(rate)")
        // Successive log-likelihood changes shrink by λ².
        let lls = trace.logLikelihoods
        let u = try #require(lls.indices.dropFirst(2).first { lls[$0] - lls[$0 - 1] < 1e-6 })
        let ratio = (lls[u] - lls[u - 1]) / (lls[u - 1] - lls[u - 2])
        #expect(abs(ratio - rate * rate) < 1e-3, "Δℓ ratio \(ratio) vs λ² \(rate * rate)")
    }

    @Test func populationInformationMatchesALargeSample() throws {
        let source = try RandomSource(seed: 31)
        let cases: [(GaussianMixture, EMConfiguration.Weights, EMConfiguration.Variance)] = [
            (try GaussianMixture(weights: [0.5, 0.5], means: [0, 1.5], standardDeviations: [1, 1]), .free, .perComponent),
            (try GaussianMixture(weights: [0.2, 0.8], means: [0, 3], standardDeviations: [1, 1]), .free, .shared),
            (try GaussianMixture(weights: [0.3, 0.3, 0.4], means: [-2, 0.5, 3], standardDeviations: [1, 0.7, 1.2]), .free, .perComponent),
            (try GaussianMixture(weights: [0.5, 0.5], means: [-1, 1], standardDeviations: [1, 1]), .fixed, .known(standardDeviation: 1))
        ]
        for (truth, weights, variance) in cases {
            let population = try MixtureInformation.population(of: truth, weights: weights, variance: variance)
            let data = truth.sample(count: 1_000_000, using: source).values
            let sample = MixtureInformation.sample(data, at: truth, weights: weights, variance: variance)
            let n = Double(data.count)
            #expect(abs(population.rate - sample.rate) < 1e-2, "population λ \(population.rate) vs sample \(sample.rate)")
            let perObservation = (1 / n) * sample.missing
            let scale = population.complete.elements.map(abs).max()!
            #expect(perObservation.elements.indices.allSatisfy { abs(perObservation.elements[$0] - population.missing.elements[$0]) < 1e-2 * scale })
            let completeSample = (1 / n) * sample.complete
            #expect(completeSample.elements.indices.allSatisfy { abs(completeSample.elements[$0] - population.complete.elements[$0]) < 1e-2 * scale })
        }
    }

    /// The symmetric model ½N(θ, 1) + ½N(−θ, 1), σ known, weights fixed, both
    /// means free. Derivation: I_c = ½·I per observation; with
    /// w(x) = γ₁γ₂ = ¼ sech²(θx) at μ = (θ, −θ), Louis' I_m is
    /// [[A, −B], [−B, A]] with A = E[w (x² + θ²)], B = E[w (x² − θ²)] (the
    /// odd terms vanish by symmetry), so J = 2 I_m has eigenvalues
    /// 4E[w x²] = E[x² sech²(θx)] (means moving apart) and
    /// 4θ²E[w] = θ² E[sech²(θx)] (both moving together), and by symmetry the
    /// expectations may be taken under N(θ, 1). The first is the rate of the
    /// tied model μ₂ = −μ₁ (Daskalakis, Tzamos & Zampetakis 2017, COLT,
    /// "Ten steps of EM suffice for mixtures of two Gaussians", where the EM
    /// map is M(θ) = E[x tanh(θx)] and M'(θ) = E[x² sech²(θx)] at the truth).
    @Test(arguments: [0.25, 0.5, 1.0, 2.0, 3.0])
    func symmetricModelRatesMatchTheClosedForm(theta: Double) throws {
        let truth = try GaussianMixture(weights: [0.5, 0.5], means: [theta, -theta], standardDeviations: [1, 1])
        let population = try MixtureInformation.population(of: truth, weights: .fixed, variance: .known(standardDeviation: 1))
        // E over N(θ, 1) by a plain composite Simpson rule on θ ± 12 (independent of GSL).
        func expectation(_ f: (Double) -> Double) -> Double {
            let steps = 20_000, a = theta - 12, b = theta + 12, h = (b - a) / Double(steps)
            var total = 0.0
            for i in 0...steps {
                let x = a + Double(i) * h
                let weight = i == 0 || i == steps ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0)
                total += weight * f(x) * Foundation.exp(-0.5 * (x - theta) * (x - theta)) / (2 * Double.pi).squareRoot()
            }
            return total * h / 3
        }
        func sech2(_ y: Double) -> Double {
            let c = Foundation.cosh(y)
            return 1 / (c * c)
        }
        let apart = expectation { x in x * x * sech2(theta * x) }
        let together = theta * theta * expectation { x in sech2(theta * x) }
        let eigenvalues = try #require(population.rateEigenvalues)
        let expected = [apart, together].sorted(by: >)
        #expect(abs(eigenvalues[0] - expected[0]) < 1e-9, "λ₁ \(eigenvalues[0]) vs closed form \(expected[0])")
        #expect(abs(eigenvalues[1] - expected[1]) < 1e-9, "λ₂ \(eigenvalues[1]) vs closed form \(expected[1])")
    }

    @Test func standardErrorsComeFromTheInverseObservedInformation() throws {
        let (_, data, k) = try Self.dataSets()[0]
        let mle = try Self.tightFit(data, k: k, weights: .free, variance: .perComponent)
        let information = MixtureInformation.sample(data, at: mle, weights: .free, variance: .perComponent)
        let se = StandardErrors(information: information, mixture: mle)
        let covariance = try #require(information.observed.symmetricPositiveDefiniteInverse())
        #expect(se.weights[0] == se.weights[1], "with K = 2, SE(π₂) = SE(π₁)")
        #expect(abs(se.means[1]! - covariance[2, 2].squareRoot()) < 1e-15)
        #expect(abs(se.sds[0]! - covariance[3, 3].squareRoot() / (2 * mle.standardDeviations[0])) < 1e-15)
        #expect(se.reason == nil)
        let fixed = StandardErrors(
            information: MixtureInformation.sample(data, at: mle, weights: .fixed, variance: .known(standardDeviation: 1)),
            mixture: mle)
        #expect(fixed.weights.allSatisfy { $0 == nil } && fixed.sds.allSatisfy { $0 == nil } && fixed.means.allSatisfy { $0 != nil })
        #expect(fixed.reason?.contains("fixed") == true)
    }

    @Test func noRateWhereTheTheoryDoesNotHold() throws {
        let (_, data, k) = try Self.dataSets()[0]
        let mle = try Self.tightFit(data, k: k, weights: .free, variance: .perComponent)
        var result = ExpectationMaximization.fit(data: data, start: mle, configuration: EMConfiguration())
        let fine = ConvergenceAnalysis(result: result, data: data, configuration: EMConfiguration())
        #expect(fine.rateTheoretical > 0 && fine.rateTheoretical < 1 && fine.unavailableReason == nil)
        // A defective estimator's weights that do not sum to 1.
        var broken = result
        broken.mixture = GaussianMixture(unchecked: [0.5, 0.7], means: mle.means, standardDeviations: mle.standardDeviations)
        let defective = ConvergenceAnalysis(result: broken, data: data, configuration: EMConfiguration())
        #expect(defective.rateTheoretical.isNaN && defective.unavailableReason?.contains("sum to 1.2") == true)
        #expect(defective.standardErrors?.means.allSatisfy { $0 == nil } == true)
        // A floor that binds at the estimate.
        var floored = EMConfiguration()
        floored.varianceFloor = mle.variances.min()!
        result = ExpectationMaximization.fit(data: data, start: mle, configuration: floored)
        let bound = ConvergenceAnalysis(result: result, data: data, configuration: floored)
        #expect(bound.rateTheoretical.isNaN && bound.unavailableReason?.contains("floor binds") == true)
        // A degenerate fit.
        var degenerate = result
        degenerate.stopReason = .degenerate
        #expect(ConvergenceAnalysis(result: degenerate, data: data, configuration: EMConfiguration()).rateEigenvalues.isEmpty)
    }

    @Test func predictedIterationsFollowTheLinearRegime() {
        // g₀(1 − λ²)λ^{2(t−1)} = tol at t = 1 + log(tol/(g₀(1 − λ²)))/(2 log λ).
        let rate = 0.9, gap = 10.0, tol = 1e-8
        let t = ConvergenceTheory.predictedIterations(rule: .logLikelihoodChange(tol), rate: rate, initialGap: gap, maximum: -100)!
        #expect(abs(gap * (1 - rate * rate) * pow(rate, 2 * (t - 1)) - tol) < 1e-20)
        let relative = ConvergenceTheory.predictedIterations(rule: .relativeLogLikelihoodChange(tol), rate: rate, initialGap: gap, maximum: -100)!
        #expect(abs(gap * (1 - rate * rate) * pow(rate, 2 * (relative - 1)) - 100 * tol) < 1e-18)
        let aitken = ConvergenceTheory.predictedIterations(rule: .aitken(tol), rate: rate, initialGap: gap, maximum: -100)!
        #expect(abs(gap * pow(rate, 2 * (aitken - 1)) - tol) < 1e-20)
        #expect(ConvergenceTheory.predictedIterations(rule: .parameterChange(tol), rate: rate, initialGap: gap, maximum: -100) == nil)
        #expect(ConvergenceTheory.predictedIterations(rule: .fixedIterations(7), rate: rate, initialGap: gap, maximum: -100) == 7)
        #expect(abs(ConvergenceTheory.remainingGap(lastChange: 1e-6, rate: rate) - 1e-6 * 0.81 / 0.19) < 1e-20)
        #expect(ConvergenceTheory.aitkenGap(lastChange: 1e-6, ratio: 1.2).isNaN)
    }

    @Test func theoryCommandReportsTheRateInWordsAndJSON() throws {
        let text = try Tool.run(["theory", "--weights", ".5,.5", "--means", "0,3", "--sds", "1,1", "-n", "1000", "--tol", "1e-10"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("λ = 0.932147") && text.stdout.contains("expected standard errors"))
        let json = try Tool.run([
            "theory", "--weights", ".5,.5", "--means=-1,1", "--sds", "1,1", "--variance", "known", "--fixed-weights",
            "--format", "json"
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let eigenvalues = try #require(object["rateEigenvalues"] as? [Double])
        #expect(eigenvalues.count == 2 && abs((object["rateTheoretical"] as! Double) - eigenvalues[0]) == 0)
        #expect(object["parameters"] as? [String] == ["mu1", "mu2"])
        let bad = try Tool.run(["theory", "--weights", ".5,.5", "--means", "0,3", "--sds", "1,2", "--variance", "shared"])
        #expect(bad.status != 0 && bad.stderr.contains("needs equal true sds"))
    }

    @Test func rateAndStandardErrorsDoNotDependOnTheUnit() throws {
        let dir = try Tool.scratchDirectory()
        let source = try RandomSource(seed: 12)
        let x = try GaussianMixture(weights: [0.4, 0.6], means: [0, 3], standardDeviations: [1, 1.2]).sample(count: 800, using: source).values
        func fit(_ a: Double, _ b: Double) throws -> [String: Any] {
            let name = "x\(formatNumber(a)).txt"
            try x.map { formatNumber(a * $0 + b) }.joined(separator: "\n").write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
            let run = try Tool.run(["fit", name, "-k", "2", "--format", "json"], in: dir)
            #expect(run.status == 0, "\(run.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        }
        let unit = try fit(1, 0)
        for a in [1e-250, 1e6, 1e250] {
            let scaled = try fit(a, 7 * a)
            #expect(abs((scaled["rateTheoretical"] as! Double) - (unit["rateTheoretical"] as! Double)) < 1e-9)
            let se = (scaled["standardErrors"] as! [String: [Double]]), se1 = (unit["standardErrors"] as! [String: [Double]])
            for key in ["means", "sds"] {
                for k in 0..<2 { #expect(abs(se[key]![k] / a - se1[key]![k]) <= 1e-9 * se1[key]![k], "\(key) SE at scale \(a)") }
            }
            for k in 0..<2 { #expect(abs(se["weights"]![k] - se1["weights"]![k]) <= 1e-9 * se1["weights"]![k]) }
        }
    }
}
