import Foundation
import Testing
@testable import EMLab

/// Every constraint set the engine supports.
let allConstraintSets: [(EMConfiguration.Weights, EMConfiguration.Variance)] = [
    (.free, .perComponent), (.free, .shared), (.free, .known(standardDeviation: 2)),
    (.fixed, .perComponent), (.fixed, .shared), (.fixed, .known(standardDeviation: 2))
]

/// Data sets EM finds hard: ties (document 002's kind), a far outlier, heavy overlap.
func adversarialDataSets() throws -> [[Double]] {
    let source = try RandomSource(seed: 77)
    let overlap = try GaussianMixture(weights: [0.5, 0.5], means: [0, 0.5], standardDeviations: [1, 1.2])
        .sample(count: 300, using: source).values
    var ties = Array(repeating: 44.44571429, count: 13) + Array(repeating: 43.66666667, count: 5)
    ties += (0..<32).map { 30 + Double($0) * 0.6 }
    let outlier = (0..<99).map { _ in source.normal() } + [1e4]
    return [overlap, ties, outlier]
}

@Suite struct ExpectationMaximizationTests {
    @Test func logLikelihoodNeverDecreasesForAnyConstraintSet() throws {
        let source = try RandomSource(seed: 5)
        let clean = try GaussianMixture(weights: [0.3, 0.7], means: [5, 15], standardDeviations: [2, 2])
            .sample(count: 500, using: source).values
        for data in [clean] + (try adversarialDataSets()) {
            for (weights, variance) in allConstraintSets {
                for k in 1...3 {
                    let configuration = EMConfiguration(
                        weights: weights, variance: variance,
                        stoppingRule: .logLikelihoodChange(1e-12), maxIterations: 300, recordTrace: true)
                    let start = try Initialization.dataPoints.start(data: data, componentCount: k, random: source)
                    let result = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
                    let lls = try #require(result.trace).logLikelihoods.filter(\.isFinite)
                    for t in lls.indices.dropFirst() {
                        #expect(
                            lls[t] >= lls[t - 1] - 1e-10 * abs(lls[t - 1]),
                            "ℓ fell at step \(t) for \(weights) \(variance) K=\(k)")
                    }
                    #expect(result.largestRelativeDecrease <= 1e-10)
                }
            }
        }
    }

    /// On well-separated data the MLE is within a few standard errors of the
    /// truth: SE(π) = √(π(1−π)/n), SE(μ_k) = σ_k/√(nπ_k), SE(σ_k) = σ_k/√(2nπ_k).
    @Test(arguments: [
        ([0.3, 0.7], [5.0, 15.0], [2.0, 2.0]),
        ([0.2, 0.5, 0.3], [-10.0, 0.0, 12.0], [1.0, 2.0, 1.5])
    ])
    func recoversTheTruthWithinFourStandardErrors(weights: [Double], means: [Double], sds: [Double]) throws {
        let truth = try GaussianMixture(weights: weights, means: means, standardDeviations: sds)
        let n = 20_000
        let data = truth.sample(count: n, using: try RandomSource(seed: 31)).values
        let source = try RandomSource(seed: 1)
        let start = try Initialization.quantile.start(data: data, componentCount: weights.count, random: source)
        let result = ExpectationMaximization.fit(data: data, start: start, configuration: EMConfiguration())
        #expect(result.stopReason == .converged)
        let fit = result.mixture
        for k in weights.indices {
            let nk = Double(n) * weights[k]
            #expect(abs(fit.weights[k] - weights[k]) < 4 * (weights[k] * (1 - weights[k]) / Double(n)).squareRoot())
            #expect(abs(fit.means[k] - means[k]) < 4 * sds[k] / nk.squareRoot())
            #expect(abs(fit.standardDeviations[k] - sds[k]) < 4 * sds[k] / (2 * nk).squareRoot())
        }
        #expect(result.logLikelihood >= truth.logLikelihood(data))
    }

    @Test func fixedIterationsRunExactlyN() throws {
        let data = (0..<200).map { Double($0 % 17) + ($0 < 100 ? 0 : 30) }
        let start = try GaussianMixture(weights: [0.5, 0.5], means: [1, 2], standardDeviations: [3, 3])
        let result = ExpectationMaximization.fit(
            data: data, start: start,
            configuration: EMConfiguration(stoppingRule: .fixedIterations(50), maxIterations: 10, recordTrace: true))
        #expect(result.iterations == 50)
        #expect(result.stopReason == .fixedIterationsDone)
        #expect(result.trace?.iterations == Array(0...50))
    }

    @Test func theCapStopsAFitThatHasNotConverged() throws {
        let data = (0..<200).map { Double($0 % 17) + ($0 < 100 ? 0 : 30) }
        let start = try GaussianMixture(weights: [0.5, 0.5], means: [1, 2], standardDeviations: [3, 3])
        let result = ExpectationMaximization.fit(
            data: data, start: start,
            configuration: EMConfiguration(stoppingRule: .logLikelihoodChange(1e-300), maxIterations: 2))
        #expect(result.iterations == 2 && result.stopReason == .iterationCap && !result.converged)
    }

    @Test(arguments: [
        EMConfiguration.StoppingRule.meanChange(1e-4), .parameterChange(1e-6),
        .logLikelihoodChange(1e-8), .relativeLogLikelihoodChange(1e-12)
    ])
    func everyStoppingRuleConvergesAndReportsTheLikelihoodOfItsParameters(rule: EMConfiguration.StoppingRule) throws {
        let truth = try GaussianMixture(weights: [0.5, 0.5], means: [40, 20], standardDeviations: [6, 6])
        let data = truth.sample(count: 1000, using: try RandomSource(seed: 8)).values
        let start = try GaussianMixture(weights: [0.5, 0.5], means: [0.2, 0.7], standardDeviations: [6, 6])
        let result = ExpectationMaximization.fit(
            data: data, start: start,
            configuration: EMConfiguration(weights: .fixed, variance: .known(standardDeviation: 6), stoppingRule: rule))
        #expect(result.stopReason == .converged)
        #expect(result.mixture.standardDeviations == [6, 6] && result.mixture.weights == [0.5, 0.5])
        #expect(abs(result.logLikelihood - result.mixture.logLikelihood(data)) < 1e-9 * abs(result.logLikelihood))
    }

    /// A start whose densities all underflow (σ tiny, far from every point)
    /// does not produce 0/0: the log-space E-step still assigns responsibilities.
    @Test func underflowingDensitiesDoNotBreakTheEStep() throws {
        let data = (0..<100).map { 1000 + Double($0) }
        let start = try GaussianMixture(weights: [0.5, 0.5], means: [900, 1200], standardDeviations: [1e-3, 1e-3])
        for x in data { #expect(exp(start.logDensity(x)) == 0) }
        let result = ExpectationMaximization.fit(data: data, start: start, configuration: EMConfiguration(maxIterations: 500))
        #expect(result.logLikelihood.isFinite)
        #expect(result.stopReason == .converged)
        #expect(result.mixture.means.allSatisfy { $0 > 999 && $0 < 1100 })
        // A start one component of which claims no point at all is a dead component, not 0/0.
        let dead = try GaussianMixture(weights: [0.5, 0.5], means: [0, 1], standardDeviations: [1e-3, 1e-3])
        let died = ExpectationMaximization.fit(data: data, start: dead, configuration: EMConfiguration())
        #expect(died.stopReason == .degenerate && died.mixture.weights[0] == 0 && died.logLikelihood.isFinite)
    }

    @Test func aComponentCollapsingOntoTiesIsDegenerate() throws {
        let data = Array(repeating: 5.0, count: 10) + (0..<40).map { Double($0) * 0.37 + 20 }
        let start = try GaussianMixture(weights: [0.2, 0.8], means: [5, 27], standardDeviations: [0.01, 4])
        let result = ExpectationMaximization.fit(data: data, start: start, configuration: EMConfiguration())
        #expect(result.stopReason == .degenerate)
        #expect(result.mixture.standardDeviations[0] == 0 && result.logLikelihood == .infinity)
        // With a variance floor the same start converges.
        let floored = ExpectationMaximization.fit(data: data, start: start, configuration: EMConfiguration(varianceFloor: 0.01))
        #expect(floored.stopReason == .converged)
        #expect(abs(floored.mixture.standardDeviations[0] - 0.1) < 1e-12)
    }

    @Test func overflowIsReportedAsNonFiniteNotACrash() throws {
        let data = [1e200, -1e200, 3e200, -2e200]
        let start = try GaussianMixture(weights: [0.5, 0.5], means: [0, 1], standardDeviations: [1, 1])
        let result = ExpectationMaximization.fit(data: data, start: start, configuration: EMConfiguration())
        #expect(result.stopReason == .nonFinite)
    }

    @Test func theTraceCostsNothingToTheResult() throws {
        let data = try GaussianMixture(weights: [0.3, 0.7], means: [5, 15], standardDeviations: [2, 2])
            .sample(count: 300, using: try RandomSource(seed: 4)).values
        let start = try Initialization.quantile.start(data: data, componentCount: 2, random: try RandomSource(seed: 1))
        let off = ExpectationMaximization.fit(data: data, start: start, configuration: EMConfiguration())
        var on = ExpectationMaximization.fit(data: data, start: start, configuration: EMConfiguration(recordTrace: true))
        let trace = try #require(on.trace)
        #expect(trace.iterations.count == on.iterations + 1)
        #expect(trace.logLikelihoods.last == on.logLikelihood && trace.mixtures.last == on.mixture)
        on.trace = nil
        #expect(on == off)
    }

    /// One E-step per iteration plus the start's, whatever the stop; the
    /// start's ℓ and the ratio of the last two changes as the trace has them
    /// (the changes computed directly where the plain difference is untrusted).
    @Test func eStepsAreIterationsPlusOneAndTheTraceAgrees() throws {
        let data = try GaussianMixture(weights: [0.3, 0.7], means: [5, 15], standardDeviations: [2, 2])
            .sample(count: 300, using: try RandomSource(seed: 4)).values
        let start = try Initialization.quantile.start(data: data, componentCount: 2, random: try RandomSource(seed: 1))
        let ties = Array(repeating: 5.0, count: 10) + (0..<40).map { Double($0) * 0.37 + 20 }
        let collapsing = try GaussianMixture(weights: [0.2, 0.8], means: [5, 27], standardDeviations: [0.01, 4])
        let fits = [
            ExpectationMaximization.fit(data: data, start: start, configuration: EMConfiguration(recordTrace: true)),
            ExpectationMaximization.fit(data: data, start: start, configuration: EMConfiguration(stoppingRule: .mclust(1e-12), recordTrace: true)),
            ExpectationMaximization.fit(data: data, start: start, configuration: EMConfiguration(stoppingRule: .fixedIterations(7), recordTrace: true)),
            ExpectationMaximization.fit(
                data: data, start: start,
                configuration: EMConfiguration(stoppingRule: .logLikelihoodChange(1e-300), maxIterations: 5, recordTrace: true)),
            ExpectationMaximization.fit(data: ties, start: collapsing, configuration: EMConfiguration(recordTrace: true))
        ]
        #expect(fits.map(\.stopReason) == [.converged, .converged, .fixedIterationsDone, .iterationCap, .degenerate])
        let rules: [EMConfiguration.StoppingRule] = [
            .logLikelihoodChange(1e-8), .mclust(1e-12), .fixedIterations(7),
            .logLikelihoodChange(1e-300), .logLikelihoodChange(1e-8)
        ]
        for ((fit, fitData), rule) in zip(zip(fits, [data, data, data, data, ties]), rules) {
            #expect(fit.eSteps == fit.iterations + 1)
            let trace = try #require(fit.trace)
            let lls = trace.logLikelihoods, changes = trace.engineChanges(data: fitData, rule: rule).reported
            #expect(fit.startLogLikelihood == lls[0])
            let n = lls.count
            if n >= 3 && lls[n - 1].isFinite {
                let ratio = changes.last / changes.previous
                #expect(fit.logLikelihoodChangeRatio == ratio)
                #expect(
                    ratio >= 0 && ratio < 1
                        ? fit.logLikelihoodGap == changes.last * ratio / (1 - ratio)
                        : fit.logLikelihoodGap.isNaN)
            } else {
                #expect(fit.logLikelihoodChangeRatio.isNaN && fit.logLikelihoodGap.isNaN)
            }
        }
        // The documents' steps are one pass each too.
        let asWritten = AsWrittenEstimator.doc002.fit(data: data, start: start, configuration: EMConfiguration(stoppingRule: .fixedIterations(4)))
        #expect(asWritten.eSteps == 5 && asWritten.startLogLikelihood.isFinite)
    }

    /// Aitken's estimate of ℓ* − ℓ for a fit stopped early is the distance
    /// to the maximum (the fit run to a change of 1e-13), within a factor of 2,
    /// where EM converges slowly and linearly (two unit-variance components 1.5 apart).
    @Test(arguments: [EMConfiguration.StoppingRule.logLikelihoodChange(1e-6), .logLikelihoodChange(1e-5), .aitken(1e-6)])
    func theLogLikelihoodGapEstimatesTheDistanceToTheMaximum(rule: EMConfiguration.StoppingRule) throws {
        let problem = AccelerationProblem.overlap()
        let data = problem.data
        let start = try problem.start(data)
        let early = ExpectationMaximization.fit(data: data, start: start, configuration: problem.configuration(rule))
        let full = ExpectationMaximization.fit(data: data, start: start, configuration: problem.configuration(.logLikelihoodChange(1e-13)))
        #expect(early.stopReason == .converged && full.stopReason == .converged)
        let distance = full.logLikelihood - early.logLikelihood
        #expect(distance > 1e-8)
        #expect(
            early.logLikelihoodGap > distance / 2 && early.logLikelihoodGap < distance * 2,
            "gap \(early.logLikelihoodGap), distance \(distance)")
        #expect(early.logLikelihoodChangeRatio > 0.9 && early.logLikelihoodChangeRatio < 1)
    }

    @Test func sharedAndKnownVarianceKeepOneSigma() throws {
        let data = try GaussianMixture(weights: [0.3, 0.7], means: [5, 15], standardDeviations: [2, 2])
            .sample(count: 1000, using: try RandomSource(seed: 4)).values
        let start = try GaussianMixture(weights: [0.5, 0.5], means: [4, 16], standardDeviations: [1, 3])
        let shared = ExpectationMaximization.fit(data: data, start: start, configuration: EMConfiguration(variance: .shared))
        #expect(shared.mixture.standardDeviations[0] == shared.mixture.standardDeviations[1])
        let known = ExpectationMaximization.fit(data: data, start: start, configuration: EMConfiguration(variance: .known(standardDeviation: 2.5)))
        #expect(known.mixture.standardDeviations == [2.5, 2.5])
    }
}
