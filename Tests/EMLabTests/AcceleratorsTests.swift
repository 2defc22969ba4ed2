import Foundation
import Testing
@testable import EMLab

/// Anderson, DAAREM, quasi-Newton and parabolic EM beside EM: the same
/// maximum, fewer E-steps where EM crawls, their falls counted, and Walker
/// & Ni's (2011) means-only example.
@Suite struct AcceleratorsTests {
    static let schemes: [EMConfiguration.Acceleration] = [
        .anderson(order: 3), .daarem(DAAREMOptions()), .quasiNewton(secants: 2), .parabolic(ParabolicEMOptions())
    ]

    /// DAAREM, the quasi-Newton scheme and parabolic EM climb to EM's
    /// maximum on every well-behaved problem: ℓ to 1e-8 relative (the Aitken
    /// rule's stop leaves ℓ within ε = 1e-10 of the limit, far inside), the
    /// means to 1e-2, the constraints kept exactly. Plain AA(3) (no
    /// monotonicity control) ends at a fixed point of F every time, EM's
    /// maximum on six of the seven — on "K=2 shared" at the merged saddle
    /// μ1 ≈ μ2, ℓ 324 below, where the independent NumPy AA(3) of
    /// Tests/Fixtures/accel takes the same path. On "K=2 overlap" its end
    /// depends on how the least-squares problem is rounded: solved by the SVD
    /// (as NumPy's `lstsq`) AA(3) ends at another stationary point 3.7 below,
    /// by the normal equations (EMLab's, ``RingNormalEquations``) at EM's
    /// maximum; so only the fixed point is checked there.
    @Test(arguments: AccelerationProblem.all)
    func eachReachesTheMaximumEMReaches(problem: AccelerationProblem) throws {
        let data = problem.data
        let start = try problem.start(data)
        let em = ExpectationMaximization.fit(data: data, start: start, configuration: problem.configuration())
        #expect(em.stopReason == .converged)
        let oneStep = EMConfiguration(weights: problem.weights, variance: problem.variance, stoppingRule: .fixedIterations(1))
        for scheme in Self.schemes {
            let fast = ExpectationMaximization.fit(data: data, start: start, configuration: problem.configuration(acceleration: scheme))
            #expect(fast.stopReason == .converged, "\(scheme)")
            let step = ExpectationMaximization.fit(data: data, start: fast.mixture, configuration: oneStep)
            for j in em.mixture.means.indices {
                #expect(abs(step.mixture.means[j] - fast.mixture.means[j]) < 1e-5, "\(scheme) did not end at a fixed point")
            }
            let sds = fast.mixture.standardDeviations
            switch problem.variance {
            case .known(let sd): #expect(sds.allSatisfy { $0 == sd })
            case .shared: #expect(Set(sds).count == 1)
            case .perComponent: #expect(Set(sds).count == sds.count)
            }
            if problem.weights == .fixed { #expect(fast.mixture.weights == start.weights) }
            #expect(abs(fast.mixture.weights.reduce(0, +) - 1) < 1e-14)
            #expect(fast.largestRelativeDecrease <= FailureModes.nonMonotoneThreshold, "\(scheme): an EM-map step fell")
            if case .anderson = scheme, problem.name == "K=2 shared" {
                #expect(fast.logLikelihood < em.logLikelihood - 1, "AA(3) now reaches EM's maximum on \(problem.name)")
                continue
            }
            if case .anderson = scheme, problem.name == "K=2 overlap" { continue }
            #expect(
                abs(fast.logLikelihood - em.logLikelihood) <= 1e-8 * abs(em.logLikelihood),
                "\(scheme): EM \(em.logLikelihood), \(fast.logLikelihood)")
            for j in em.mixture.means.indices { #expect(abs(fast.mixture.means[j] - em.mixture.means[j]) < 1e-2, "\(scheme)") }
        }
    }

    /// On overlapping components (Δ = 1.5, EM's rate ≈ 0.99) DAAREM and the
    /// quasi-Newton scheme need fewer E-step passes than EM for the same
    /// stop — by far: a third or less on each of three data sets.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func daaremAndQuasiNewtonUseFewerESteps(seed: UInt64) throws {
        let problem = AccelerationProblem.overlap(seed: seed)
        let data = problem.data
        let start = try problem.start(data)
        let em = ExpectationMaximization.fit(data: data, start: start, configuration: problem.configuration())
        for scheme in [EMConfiguration.Acceleration.daarem(DAAREMOptions()), .quasiNewton(secants: 2)] {
            let fast = ExpectationMaximization.fit(data: data, start: start, configuration: problem.configuration(acceleration: scheme))
            #expect(fast.eSteps * 3 < em.eSteps, "\(scheme): EM \(em.eSteps) E-steps, \(fast.eSteps)")
            #expect(fast.logLikelihood >= em.logLikelihood - 1e-8 * abs(em.logLikelihood))
        }
    }

    /// The falls of the accepted ℓ are counted where the scheme allows them
    /// (Anderson always; DAAREM within mon.tol) — the count is the trace's
    /// own falls — and never happen for the monotone ones (qn, pem).
    @Test func nonMonotoneUpdatesAreCountedWhereAllowed() throws {
        var andersonFalls = 0
        for seed in [1, 2, 3] as [UInt64] {
            let problem = AccelerationProblem.overlap(seed: seed)
            let data = problem.data
            let start = try problem.start(data)
            for scheme in Self.schemes {
                var configuration = problem.configuration(acceleration: scheme)
                configuration.recordTrace = true
                let fit = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
                let values = try #require(fit.trace).logLikelihoods
                let margin = 4 * LogLikelihoodChange.roundingOfLogLikelihood(count: data.count) * abs(fit.logLikelihood)
                let falls = zip(values, values.dropFirst()).filter { $1 < $0 - margin }
                let largest = zip(values, values.dropFirst()).map { $0 - $1 }.max() ?? 0
                switch scheme {
                case .anderson:
                    #expect(fit.nonMonotoneUpdates >= falls.count)
                    andersonFalls += fit.nonMonotoneUpdates
                case .daarem(let options):
                    #expect(fit.nonMonotoneUpdates >= falls.count)
                    #expect(largest <= options.monotonicityTolerance + margin)
                default:
                    #expect(fit.nonMonotoneUpdates == 0, "\(scheme)")
                    #expect(falls.isEmpty, "\(scheme)")
                }
            }
        }
        #expect(andersonFalls > 0, "AA(3) never fell on three overlapping data sets")
    }

    /// The parameter space the schemes test their extrapolations against:
    /// every weight (the implied last one too) in (0, 1], every σ² positive
    /// and at least the floor; nothing is clipped into it.
    @Test func theParameterSpaceIsWhatEMCanReach() throws {
        let start = SQUAREM.Point(weights: [0.5, 0.5], means: [0, 1], sds: [1, 1])
        var configuration = EMConfiguration(weights: .free, variance: .perComponent)
        configuration.varianceFloor = 0.01
        let map = EMMapVector(data: [0, 1, 2], start: start, configuration: configuration)
        func inside(_ v: [Double]) -> Bool { map.isInside(v) }
        #expect(map.dimension == 5)
        #expect(map.vector(of: start) == [0.5, 0, 1, 1, 1])
        #expect(inside([0.3, 0, 1, 1, 1]))
        #expect(!inside([1.2, 0, 1, 1, 1]))  // π2 = −0.2
        #expect(!inside([-0.1, 0, 1, 1, 1]))
        #expect(!inside([1, 0, 1, 1, 1]))  // π2 = 0: degenerate
        #expect(!inside([0.3, 0, 1, -1, 1]))
        #expect(!inside([0.3, 0, 1, 0.005, 1]))  // below the floor
        #expect(!inside([0.3, .nan, 1, 1, 1]))
        let meansOnly = EMMapVector(
            data: [0, 1, 2], start: start, configuration: EMConfiguration(weights: .fixed, variance: .known(standardDeviation: 1)))
        #expect(meansOnly.dimension == 2 && DAAREMOptions().lag(parameters: 2) == 1 && DAAREMOptions().lag(parameters: 5) == 3)
    }

    /// The parameter-space test reads θ without unpacking it: it agrees with the
    /// unpacked point's own tests, and the acceptance's step with
    /// ``SQUAREM/Point/distance(to:)``, to the bit, in every model form, on vectors
    /// inside, outside and on the edges of the space.
    @Test func theInsideTestAndTheStepAgreeWithTheUnpackedPoint() throws {
        let random = try RandomSource(seed: 44)
        let start = SQUAREM.Point(weights: [0.2, 0.3, 0.5], means: [-1, 0, 2], sds: [1, 0.5, 2])
        let forms: [(EMConfiguration.Weights, EMConfiguration.Variance)] = [
            (.free, .perComponent), (.free, .shared), (.fixed, .perComponent), (.free, .known(standardDeviation: 1)),
            (.fixed, .known(standardDeviation: 1))
        ]
        var insideCount = 0, outsideCount = 0
        for (weights, variance) in forms {
            var configuration = EMConfiguration(weights: weights, variance: variance)
            configuration.varianceFloor = 0.04
            configuration.collapseThreshold = 0.3
            let form = configuration.parametersInModelForm(start.mixture)
            let modelStart = SQUAREM.Point(weights: form.weights, means: form.means, sds: form.sds)
            var map = EMMapVector(data: [0, 1, 2], start: modelStart, configuration: configuration)
            let base = map.vector(of: modelStart)
            var previous = SQUAREM.Point(copying: modelStart)
            map.unpack(base, into: &previous)
            for trial in 0..<400 {
                // Moves of every size, and entries set to the space's edges.
                var v = base.map { $0 + random.normal() * [0.01, 0.3, 1, 3][trial % 4] }
                let edge = trial % 7
                if edge < v.count {
                    v[edge] = [0, 1, -0.0, 0.04, .nan, .infinity, 1e-300][(trial / 7) % 7]
                }
                var unpacked = SQUAREM.Point(copying: modelStart)
                map.unpack(v, into: &unpacked)
                let expected =
                    unpacked.allFinite && !unpacked.isDegenerate
                    && unpacked.respects(varianceFloor: configuration.varianceFloor)
                    && unpacked.weights.allSatisfy { $0 > 0 && $0 <= 1 }
                #expect(map.isInside(v) == expected, "\(weights) \(variance): \(v)")
                if expected { insideCount += 1 } else { outsideCount += 1 }
                guard expected else { continue }
                let step = map.accept(v, collapseThreshold: configuration.collapseThreshold)
                #expect(step.stepLength.bitPattern == previous.distance(to: unpacked).bitPattern)
                #expect(step.collapsed == unpacked.sds.contains { !($0 >= configuration.collapseThreshold) })
                previous = unpacked
            }
        }
        // Both verdicts were exercised.
        #expect(insideCount > 200 && outsideCount > 200)
    }

    /// From a start far off, where the first extrapolations overshoot, every
    /// scheme still ends at EM's maximum with weights in (0, 1) and σ > 0.
    @Test func farStartsEndInsideTheSpace() throws {
        let problem = AccelerationProblem.overlap(seed: 8)
        let data = problem.data
        let start = try GaussianMixture(weights: [0.5, 0.5], means: [-3, 5], standardDeviations: [1, 1])
        let em = ExpectationMaximization.fit(data: data, start: start, configuration: problem.configuration())
        #expect(em.stopReason == .converged)
        for scheme in Self.schemes {
            let fit = ExpectationMaximization.fit(data: data, start: start, configuration: problem.configuration(acceleration: scheme))
            #expect(fit.stopReason == .converged, "\(scheme)")
            #expect(fit.mixture.weights.allSatisfy { $0 > 0 && $0 < 1 } && fit.mixture.standardDeviations.allSatisfy { $0 > 0 })
            #expect(fit.logLikelihood.isFinite && fit.logLikelihood <= em.logLikelihood + 1e-8 * abs(em.logLikelihood), "\(scheme)")
        }
    }

    /// The cap counts E-step passes, and a fixed count counts accepted updates.
    @Test func capsAndFixedCounts() throws {
        let problem = AccelerationProblem.overlap(seed: 1)
        let data = problem.data
        let start = try problem.start(data)
        for scheme in Self.schemes {
            var configuration = problem.configuration(acceleration: scheme)
            configuration.maxIterations = 20
            let capped = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
            #expect(capped.stopReason == .iterationCap, "\(scheme)")
            #expect(capped.eSteps - 1 >= 20 && capped.eSteps - 1 <= 20 + 12, "\(scheme): \(capped.eSteps)")
            configuration.stoppingRule = .fixedIterations(15)
            let fixed = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
            #expect(fixed.stopReason == .fixedIterationsDone && fixed.iterations == 15, "\(scheme)")
        }
    }

    /// Walker & Ni (2011, §5; SUNDIALS `kin_em_p.cpp`): three unit-variance
    /// components with known weights (0.3, 0.3, 0.4), means only; 100,000
    /// points, 30,000/30,000/40,000 from N(0, 1), N(0.5, 1), N(1, 1); start
    /// (0.25, 3, 0.75); stop when the EM step's max-norm is below 1e-8.
    ///
    /// They report 21 function evaluations for AA(3). EM's iterations go as
    /// 1/(1 − λ), λ its largest rate: λ = 0.981–0.984 over four NumPy data
    /// sets drawn this way gave 667–785 iterations, AA(3) 15–19 evaluations
    /// (`../shared/ANCHORS.md` §5). The bands widen those by the spread of
    /// λ itself (±0.003 in 1/(1 − λ) ≈ 55 is ±17 %): EM in [550, 950], AA(3)
    /// in [12, 26] passes (its count moves by a few passes, not in proportion).
    /// From this start EM reaches the mean-swapped maximum (μ2 > μ3), a
    /// distinct local maximum with known unequal weights, with ℓ within 1 of
    /// the one EM reaches from the truth (μ2 < μ3), and AA(3) the same one.
    @Test func walkerAndNiMeansOnlyExample() throws {
        let random = try RandomSource(seed: 11)
        let unit = try GaussianMixture(weights: [1], means: [0], standardDeviations: [1])
        var data = [Double]()
        for (count, mean) in [(30_000, 0.0), (30_000, 0.5), (40_000, 1.0)] {
            data += unit.sampleValues(count: count, using: random).map { $0 + mean }
        }
        var configuration = EMConfiguration(
            weights: .fixed, variance: .known(standardDeviation: 1), stoppingRule: .parameterChange(1e-8), maxIterations: 5000)
        let start = try GaussianMixture(weights: [0.3, 0.3, 0.4], means: [0.25, 3, 0.75], standardDeviations: [1, 1, 1])
        let em = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
        configuration.acceleration = .anderson(order: 3)
        let aa = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
        #expect(em.stopReason == .converged && aa.stopReason == .converged)
        #expect((550...950).contains(em.iterations), "EM took \(em.iterations) iterations")
        #expect((12...26).contains(aa.eSteps), "AA(3) took \(aa.eSteps) passes")
        #expect(em.mixture.means[1] > em.mixture.means[2] && aa.mixture.means[1] > aa.mixture.means[2])
        for j in 0..<3 { #expect(abs(em.mixture.means[j] - aa.mixture.means[j]) < 1e-5) }
        let truth = try GaussianMixture(weights: [0.3, 0.3, 0.4], means: [0, 0.5, 1], standardDeviations: [1, 1, 1])
        configuration.acceleration = .none
        let fromTruth = ExpectationMaximization.fit(data: data, start: truth, configuration: configuration)
        #expect(fromTruth.mixture.means[1] < fromTruth.mixture.means[2])
        #expect(abs(fromTruth.logLikelihood - em.logLikelihood) < 1)
    }

    /// `slowConvergence` keeps one meaning: "EM crawls here". Where plain EM
    /// is flagged (its empirical rate above 0.99), the accelerated fits of
    /// the same data to the same maximum (SQUAREM's included) are flagged too — by EM's
    /// theoretical rate at their estimate — though their own contraction
    /// (`convergenceRate`, `rateEmpirical`) is far below it.
    @Test func slowConvergenceReadsEMsRateForAcceleratedFits() throws {
        let problem = AccelerationProblem.overlap(seed: 1)
        let data = problem.data
        let start = try problem.start(data)
        let sd = Initialization.standardDeviation(data[...])
        let em = ExpectationMaximization.fit(data: data, start: start, configuration: problem.configuration())
        let emFlags = FailureModes.assess(
            em, dataSD: sd, count: data.count, best: .nan, truth: nil, start: start, restarts: 0, varianceFloor: 0)
        #expect(emFlags[.slowConvergence], "EM's rate \(em.convergenceRate)")
        for scheme in Self.schemes + [SQUAREMTests.squarem] where scheme != .anderson(order: 3) {
            let configuration = problem.configuration(acceleration: scheme)
            let fit = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
            let analysis = ConvergenceAnalysis(result: fit, data: data, configuration: configuration, withStandardErrors: false)
            #expect(analysis.rateTheoretical > FailureModes.slowRate)
            #expect(analysis.rateEmpirical == fit.convergenceRate)
            #expect(!(fit.convergenceRate > FailureModes.slowRate), "\(scheme): own contraction \(fit.convergenceRate)")
            let flags = FailureModes.assess(
                fit, dataSD: sd, count: data.count, best: .nan, truth: nil, start: start, restarts: 0, varianceFloor: 0,
                acceleration: scheme, rateTheoretical: analysis.rateTheoretical)
            #expect(flags[.slowConvergence], "\(scheme)")
            let unknown = FailureModes.assess(
                fit, dataSD: sd, count: data.count, best: .nan, truth: nil, start: start, restarts: 0, varianceFloor: 0,
                acceleration: scheme)
            #expect(!unknown[.slowConvergence])
        }
    }

    /// The far start of the algorithms study: deterministic (no stream is
    /// read), every component nearly identical in the data's lowest tenth,
    /// and farther in EM's time from the maximum the quantile start reaches
    /// — which plain EM still reaches from it.
    @Test func theFarStartIsDeterministicAndFar() throws {
        let truth = try GaussianMixture(weights: [0.5, 0.5], means: [0, 2], standardDeviations: [1, 1])
        let data = truth.sample(count: 1000, using: try RandomSource(seed: 3)).values
        let far = try Initialization.far.start(data: data, componentCount: 2, random: try RandomSource(seed: 1))
        #expect(try Initialization.far.start(data: data, componentCount: 2, random: try RandomSource(seed: 99)) == far)
        #expect(Initialization(name: "far") == .far && Initialization.all.contains(.far))
        let sd = Initialization.standardDeviation(data[...])
        let tenth = data.sorted()[99]
        #expect(far.means[0] < tenth && abs((far.means[1] - far.means[0]) - 0.01 * sd) < 1e-12 * sd)
        #expect(far.weights == [0.5, 0.5] && far.standardDeviations == [sd, sd])
        let configuration = EMConfiguration(stoppingRule: .aitken(1e-10), maxIterations: 100_000)
        let fromFar = ExpectationMaximization.fit(data: data, start: far, configuration: configuration)
        let quantile = try Initialization.quantile.start(data: data, componentCount: 2, random: try RandomSource(seed: 1))
        let fromQuantile = ExpectationMaximization.fit(data: data, start: quantile, configuration: configuration)
        #expect(fromFar.stopReason == .converged && fromQuantile.stopReason == .converged)
        #expect(abs(fromFar.logLikelihood - fromQuantile.logLikelihood) < 1e-6)
        #expect(fromFar.iterations > fromQuantile.iterations, "\(fromFar.iterations) against \(fromQuantile.iterations)")
    }
}
