import Foundation
import Testing
@_spi(Benchmarks) @testable import EMLab

@Suite struct SQUAREMTests {
    static let squarem = EMConfiguration.Acceleration.squarem(SQUAREMOptions())

    /// Both climb to the same maximum: ℓ to 1e-8 relative, the means close,
    /// and the model's constraints kept exactly by the extrapolation.
    @Test(arguments: AccelerationProblem.all)
    func reachesTheMaximumEMReaches(problem: AccelerationProblem) throws {
        let data = problem.data
        let start = try problem.start(data)
        let em = ExpectationMaximization.fit(data: data, start: start, configuration: problem.configuration())
        let fast = ExpectationMaximization.fit(data: data, start: start, configuration: problem.configuration(acceleration: Self.squarem))
        #expect(em.stopReason == .converged && fast.stopReason == .converged)
        #expect(
            abs(fast.logLikelihood - em.logLikelihood) <= 1e-8 * abs(em.logLikelihood),
            "EM \(em.logLikelihood), SQUAREM \(fast.logLikelihood)")
        for j in em.mixture.means.indices { #expect(abs(fast.mixture.means[j] - em.mixture.means[j]) < 1e-2) }
        let sds = fast.mixture.standardDeviations
        switch problem.variance {
        case .known(let sd): #expect(sds.allSatisfy { $0 == sd })
        case .shared: #expect(Set(sds).count == 1)
        case .perComponent: #expect(Set(sds).count == sds.count)
        }
        if problem.weights == .fixed { #expect(fast.mixture.weights == start.weights) }
        #expect(abs(fast.mixture.weights.reduce(0, +) - 1) < 1e-14)
    }

    /// On overlapping components EM crawls (its rate is ≈ 0.99–0.9998) and
    /// SQUAREM needs far fewer passes over the data for the same stop.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func usesFarFewerESteps(seed: UInt64) throws {
        let problem = AccelerationProblem.overlap(seed: seed)
        let data = problem.data
        let start = try problem.start(data)
        let em = ExpectationMaximization.fit(data: data, start: start, configuration: problem.configuration())
        let fast = ExpectationMaximization.fit(data: data, start: start, configuration: problem.configuration(acceleration: Self.squarem))
        #expect(em.eSteps == em.iterations + 1)
        #expect(fast.eSteps * 5 < em.eSteps, "EM \(em.eSteps) E-steps, SQUAREM \(fast.eSteps)")
        #expect(fast.logLikelihood >= em.logLikelihood - 1e-8 * abs(em.logLikelihood))
    }

    /// With the default objfn.inc = 1 a fit never ends below its start and no
    /// single EM-map step falls; with objfn.inc = 0 the accepted ℓ never
    /// falls (beyond the rounding of an E-step, ~1e-16 relative, which a
    /// fallback to F(F(θ)) can show near the maximum, as EM's own steps do).
    @Test func neverEndsBelowItsStartAndObjfnIncZeroIsMonotone() throws {
        var rejectedForFalling = 0
        for seed in [2, 8, 10] as [UInt64] {
            for variance in [EMConfiguration.Variance.perComponent, .shared] {
                let problem = AccelerationProblem.overlap(seed: seed, variance: variance)
                let data = problem.data
                for startSeed in 1...3 as ClosedRange<UInt64> {
                    let start = try Initialization.dataPoints.start(data: data, componentCount: 2, random: try RandomSource(seed: startSeed))
                    var configuration = problem.configuration()
                    configuration.recordTrace = true
                    let loose = SQUAREM.fit(data: data, start: start, configuration: configuration, options: SQUAREMOptions())
                    #expect(loose.stopReason == .converged)
                    #expect(loose.logLikelihood >= loose.startLogLikelihood)
                    #expect(loose.largestRelativeDecrease <= 1e-10)
                    let (monotone, tally) = SQUAREM.fitTallied(
                        data: data, start: start, configuration: configuration,
                        options: SQUAREMOptions(objectiveIncrease: 0))
                    rejectedForFalling += tally.likelihoodFell
                    let lls = try #require(monotone.trace).logLikelihoods
                    for t in lls.indices.dropFirst() {
                        #expect(lls[t] >= lls[t - 1] - 1e-13 * abs(lls[t - 1]), "seed \(seed) start \(startSeed): ℓ fell at \(t)")
                    }
                    #expect(monotone.stopReason == .converged)
                    #expect(abs(monotone.logLikelihood - loose.logLikelihood) <= 1e-8 * abs(loose.logLikelihood))
                }
            }
        }
        #expect(rejectedForFalling > 0, "no extrapolation lowered ℓ: the monotone rule was not exercised")
    }

    /// The extrapolated point leaves the parameter space (here a variance
    /// below 0 or a weight outside [0, 1]) and the cycle falls back to
    /// F(F(θ)) — and the fit still reaches EM's maximum.
    @Test(arguments: [(8, 2, EMConfiguration.Variance.shared), (3, 1, .perComponent)] as [(UInt64, UInt64, EMConfiguration.Variance)])
    func fallsBackWhenTheExtrapolationLeavesTheParameterSpace(seed: UInt64, startSeed: UInt64, variance: EMConfiguration.Variance) throws {
        let problem = AccelerationProblem.overlap(seed: seed, variance: variance)
        let data = problem.data
        let start = try Initialization.dataPoints.start(data: data, componentCount: 2, random: try RandomSource(seed: startSeed))
        var configuration = problem.configuration()
        configuration.recordTrace = true
        let (fast, tally) = SQUAREM.fitTallied(data: data, start: start, configuration: configuration, options: SQUAREMOptions())
        #expect(tally.outsideParameterSpace > 0)
        #expect(fast.stopReason == .converged)
        let em = ExpectationMaximization.fit(data: data, start: start, configuration: problem.configuration())
        #expect(abs(fast.logLikelihood - em.logLikelihood) <= 1e-8 * abs(em.logLikelihood))
        // A rejected cycle accepts exactly F(F(θ)): two plain EM steps from the point before it.
        let trace = try #require(fast.trace)
        var exactlyTwoEMSteps = 0
        for t in 1..<trace.mixtures.count {
            let twice = Self.emMap(Self.emMap(trace.mixtures[t - 1], data: data, configuration), data: data, configuration)
            if twice == trace.mixtures[t] { exactlyTwoEMSteps += 1 }
        }
        #expect(exactlyTwoEMSteps >= tally.outsideParameterSpace + tally.likelihoodFell + tally.stabilisationFailed)
        #expect(exactlyTwoEMSteps < fast.iterations)
    }

    /// F(θ): one E-step and the engine's M-step, on θ as it is.
    static func emMap(_ theta: GaussianMixture, data: [Double], _ configuration: EMConfiguration) -> GaussianMixture {
        var weights = theta.weights, means = theta.means, sds = theta.standardDeviations
        var statistics = SufficientStatistics(componentCount: theta.componentCount)
        _ = statistics.accumulate(data: data, weights: weights, means: means, sds: sds)
        _ = MaximizationStep.apply(
            statistics: statistics, count: Double(data.count), configuration: configuration,
            weights: &weights, means: &means, sds: &sds)
        return GaussianMixture(unchecked: weights, means: means, standardDeviations: sds)
    }

    /// The package's other step lengths reach the same maximum.
    @Test(arguments: [SQUAREMOptions.Scheme.s1, .s2])
    func schemesOneAndTwoConvergeToTheSameMaximum(scheme: SQUAREMOptions.Scheme) throws {
        for problem in [AccelerationProblem.all[0], AccelerationProblem.all[1], AccelerationProblem.all[4]] {
            let data = problem.data
            let start = try problem.start(data)
            let em = ExpectationMaximization.fit(data: data, start: start, configuration: problem.configuration())
            let fast = ExpectationMaximization.fit(
                data: data, start: start,
                configuration: problem.configuration(acceleration: .squarem(SQUAREMOptions(scheme: scheme))))
            #expect(fast.stopReason == .converged, "\(problem) S\(scheme.rawValue)")
            #expect(abs(fast.logLikelihood - em.logLikelihood) <= 1e-8 * abs(em.logLikelihood), "\(problem) S\(scheme.rawValue)")
            if em.eSteps > 100 { #expect(fast.eSteps * 3 < em.eSteps, "\(problem) S\(scheme.rawValue)") }
        }
    }

    /// Iterations are accepted points, the trace holds them, eSteps counts
    /// 2–4 passes per cycle plus the start's, and the fields EM sets are set.
    @Test func countsCyclesAndPasses() throws {
        let problem = AccelerationProblem.overlap()
        let data = problem.data
        let start = try problem.start(data)
        var configuration = problem.configuration(acceleration: Self.squarem)
        configuration.recordTrace = true
        let fit = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
        let trace = try #require(fit.trace)
        #expect(trace.iterations == Array(0...fit.iterations))
        #expect(trace.logLikelihoods.last == fit.logLikelihood && trace.mixtures.last == fit.mixture)
        #expect(fit.startLogLikelihood == trace.logLikelihoods[0])
        #expect(fit.eSteps >= 2 * fit.iterations + 1 && fit.eSteps <= 4 * fit.iterations + 1)
        #expect(fit.convergenceRate > 0 && fit.convergenceRate < 1)
        let changes = trace.squaremChanges(data: data)
        let n = changes.count
        #expect(fit.logLikelihoodChangeRatio == changes[n - 1] / changes[n - 2])
        // The trace costs nothing to the result, and SQUAREM.fit is what the engine dispatches to.
        configuration.recordTrace = false
        var direct = SQUAREM.fit(data: data, start: start, configuration: configuration, options: SQUAREMOptions())
        #expect(direct.trace == nil)
        direct.trace = fit.trace
        #expect(direct == fit)
    }

    /// The cap counts E-step passes after the start's, as squarem1's maxiter
    /// counts fevals; a cycle begun under it is finished.
    @Test func theCapCountsESteps() throws {
        let problem = AccelerationProblem.overlap()
        let data = problem.data
        let start = try problem.start(data)
        var configuration = problem.configuration(.logLikelihoodChange(1e-300), acceleration: Self.squarem)
        configuration.maxIterations = 10
        let capped = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
        #expect(capped.stopReason == .iterationCap)
        #expect(capped.eSteps - 1 >= 10 && capped.eSteps - 1 <= 13)
        #expect(capped.iterations < 10)
        // `.fixedIterations(N)` runs N cycles.
        configuration.stoppingRule = .fixedIterations(3)
        configuration.recordTrace = true
        let fixed = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
        #expect(fixed.stopReason == .fixedIterationsDone && fixed.iterations == 3 && fixed.trace?.iterations == [0, 1, 2, 3])
    }

    /// The stop reasons mean what they mean for EM.
    @Test func failsAsEMFails() throws {
        // A component collapsing onto ties: F(θ) is degenerate at once, for both.
        let ties = Array(repeating: 5.0, count: 10) + (0..<40).map { Double($0) * 0.37 + 20 }
        let collapsing = try GaussianMixture(weights: [0.2, 0.8], means: [5, 27], standardDeviations: [0.01, 4])
        var configuration = EMConfiguration()
        let em = ExpectationMaximization.fit(data: ties, start: collapsing, configuration: configuration)
        configuration.acceleration = Self.squarem
        let fast = ExpectationMaximization.fit(data: ties, start: collapsing, configuration: configuration)
        #expect(fast.stopReason == .degenerate && em.stopReason == .degenerate)
        #expect(fast.mixture == em.mixture && fast.logLikelihood == .infinity && fast.iterations == em.iterations)
        #expect(fast.eSteps == 2)
        // With a variance floor the same start converges to EM's answer.
        configuration.varianceFloor = 0.01
        let floored = ExpectationMaximization.fit(data: ties, start: collapsing, configuration: configuration)
        #expect(floored.stopReason == .converged)
        #expect(abs(floored.mixture.standardDeviations[0] - 0.1) < 1e-12)
        #expect(floored.mixture.standardDeviations.allSatisfy { $0 >= 0.1 })
        // Overflow is non-finite, not a crash.
        let huge = [1e200, -1e200, 3e200, -2e200]
        let start = try GaussianMixture(weights: [0.5, 0.5], means: [0, 1], standardDeviations: [1, 1])
        #expect(ExpectationMaximization.fit(data: huge, start: start, configuration: configuration).stopReason == .nonFinite)
        // A dead component (no point claims it) is degenerate, as for EM.
        let far = (0..<100).map { 1000 + Double($0) }
        let dead = try GaussianMixture(weights: [0.5, 0.5], means: [0, 1], standardDeviations: [1e-3, 1e-3])
        let died = ExpectationMaximization.fit(data: far, start: dead, configuration: configuration)
        #expect(died.stopReason == .degenerate && died.mixture.weights[0] == 0 && died.logLikelihood.isFinite)
    }

    /// Every constraint set and start EM handles, SQUAREM handles too, on the
    /// data sets EM finds hard: no fall over an EM-map step, every stop a result.
    @Test func adversarialDataGiveResultsNotCrashes() throws {
        let source = try RandomSource(seed: 12)
        for data in try adversarialDataSets() {
            for (weights, variance) in allConstraintSets {
                for k in 1...3 {
                    var configuration = EMConfiguration(
                        weights: weights, variance: variance, stoppingRule: .logLikelihoodChange(1e-10),
                        maxIterations: 3000, recordTrace: true)
                    configuration.acceleration = Self.squarem
                    let start = try Initialization.dataPoints.start(data: data, componentCount: k, random: source)
                    let result = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
                    #expect(result.largestRelativeDecrease <= 1e-10, "\(weights) \(variance) K=\(k)")
                    #expect(result.trace?.iterations.count == result.iterations + 1)
                    if result.stopReason == .converged {
                        #expect(result.logLikelihood >= result.startLogLikelihood - 1e-10 * abs(result.startLogLikelihood))
                    }
                    if case .known(let sd) = variance { #expect(result.mixture.standardDeviations.allSatisfy { $0 == sd }) }
                    if case .shared = variance { #expect(Set(result.mixture.standardDeviations).count == 1) }
                }
            }
        }
    }
}
