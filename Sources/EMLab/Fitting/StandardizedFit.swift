import Foundation

/// EM on standardised data, reported in the data's own units, so that a
/// fit does not depend on the unit of measurement.
///
/// The data x are mapped to z = (x − c)/s, with c their mean and s their
/// (population) standard deviation; EM fits z; the estimates are mapped
/// back (μ = c + s·μ_z, σ = s·σ_z, weights unchanged) and the
/// log-likelihood shifted by −n·log s. Since c and s move with the data,
/// fitting a·x + b (a > 0) gives the estimates of x mapped through the same
/// map, and the log-likelihood shifted by −n·log a, up to rounding — for a
/// from 1e-250 to 1e250.
///
/// ## Numerical contract
/// - **No overflow, no underflow.** c and s are computed on x·2^−e, where
///   2^e is the power of two just below max|x|, so every intermediate is
///   O(1): data near 1e300 (whose squares overflow) and near 1e-300 (whose
///   squared deviations underflow) standardise as well as data near 1.
///   Scaling by a power of two is exact, so for ordinary data c and s are
///   what the plain formulas give.
/// - **Everything the user gives is in the data's units** and is mapped
///   too: an explicit start, a known σ (`known=SD`), the absolute variance
///   floor, and the tolerance of the `meanChange` rule (Σ|Δμ| < tol becomes
///   Σ|Δμ_z| < tol/s). The `logLikelihoodChange` rule needs nothing: Δℓ does
///   not change with the unit. `relativeLogLikelihoodChange` and
///   `parameterChange` are measured on the standardised fit — in the data's
///   units they would mix a unit-dependent origin of ℓ, or unit-free weights
///   with means, and so could not be unit-free.
/// - The failure flags are assessed on the standardised fit, where every
///   threshold is relative to the data's spread.
/// - Data that are all equal have no scale: that is the clear error
///   "all n values are equal", as from ``Initialization``.
public struct StandardizedFit: Sendable {
    /// The data, in their own units.
    public let data: [Double]
    /// The standardised data z = (x − c)/s.
    public let standardized: [Double]
    /// The population sd of ``standardized`` (1 up to rounding).
    public let standardizedSD: Double
    /// e of the power of two 2^e that brings max|x| into [1, 2).
    let exponent: Int
    /// c·2^−e and s·2^−e.
    let scaledCenter: Double, scaledSpread: Double

    /// Standardises `data` (finite, at least one value).
    ///
    /// - Throws: ``EMLabError`` `.invalidData` when every value is the same.
    /// - Complexity: O(n), two passes.
    public init(data: [Double]) throws {
        precondition(!data.isEmpty, "no data to standardise")
        var largest = 0.0
        for x in data { largest = max(largest, abs(x)) }
        func allEqual() -> EMLabError {
            EMLabError(.invalidData, "all \(data.count) values are equal (\(formatNumber(data[0]))): there is no spread to start a variance from")
        }
        guard largest > 0, data.contains(where: { $0 != data[0] }) else { throw allEqual() }
        let exponent = Int(largest.exponent)
        let n = Double(data.count)
        var sum = 0.0
        for x in data { sum += scalbn(x, -exponent) }
        let center = sum / n
        var squares = 0.0
        for x in data {
            let d = scalbn(x, -exponent) - center
            squares += d * d
        }
        let spread = (squares / n).squareRoot()
        guard spread > 0 else { throw allEqual() }
        self.data = data
        self.exponent = exponent
        self.scaledCenter = center
        self.scaledSpread = spread
        let standardized = data.map { (scalbn($0, -exponent) - center) / spread }
        self.standardized = standardized
        self.standardizedSD = Initialization.standardDeviation(standardized[...])
    }

    /// The centre c (the data's mean).
    public var center: Double { scalbn(scaledCenter, exponent) }
    /// The scale s (the data's population sd); may be subnormal for data near 1e-308.
    public var scale: Double { scalbn(scaledSpread, exponent) }
    /// log s, computed without forming s.
    public var logScale: Double { Double(exponent) * M_LN2 + scaledSpread.log() }

    /// A mean in the data's units, from its standardised value.
    public func dataMean(_ z: Double) -> Double { scalbn(scaledCenter + scaledSpread * z, exponent) }
    /// A standard deviation in the data's units, from its standardised value.
    public func dataSD(_ z: Double) -> Double { scalbn(scaledSpread * z, exponent) }
    /// A mean on the standardised scale.
    public func standardizedMean(_ x: Double) -> Double { (scalbn(x, -exponent) - scaledCenter) / scaledSpread }
    /// A standard deviation (or any length) on the standardised scale.
    public func standardizedLength(_ x: Double) -> Double { scalbn(x, -exponent) / scaledSpread }

    /// `mixture` (in the data's units) on the standardised scale.
    ///
    /// - Throws: ``EMLabError`` `.invalidOption` when it lies so far from the
    ///   data that its standardised values overflow.
    public func standardize(_ mixture: GaussianMixture) throws -> GaussianMixture {
        do {
            return try GaussianMixture(
                weights: mixture.weights, means: mixture.means.map(standardizedMean),
                standardDeviations: mixture.standardDeviations.map(standardizedLength))
        } catch let error as EMLabError {
            let list = { (xs: [Double]) in xs.map(formatNumber).joined(separator: ", ") }
            let start = "weights \(list(mixture.weights)); means \(list(mixture.means)); sds \(list(mixture.standardDeviations))"
            throw EMLabError(
                .invalidOption,
                "the start (\(start)) cannot be used with these data (centre \(formatNumber(center)), scale \(formatNumber(scale))): on their scale, \(error.message)"
            )
        }
    }

    /// A standardised mixture in the data's units (unchecked: a failed fit may hold zeros or NaN).
    public func restore(_ mixture: GaussianMixture) -> GaussianMixture {
        GaussianMixture(
            unchecked: mixture.weights, means: mixture.means.map(dataMean),
            standardDeviations: mixture.standardDeviations.map(dataSD))
    }

    /// Standard errors of a standardised fit in the data's units: those of the
    /// means and sds scale by s (the map is affine), the weights' do not move.
    public func restore(_ errors: StandardErrors) -> StandardErrors {
        var restored = errors
        restored.means = errors.means.map { $0.map(dataSD) }
        restored.sds = errors.sds.map { $0.map(dataSD) }
        return restored
    }

    /// A convergence analysis of a standardised fit in the data's units:
    /// rates, log-likelihood changes and iteration counts do not depend on
    /// the unit; standard errors are mapped back.
    public func restore(_ analysis: ConvergenceAnalysis) -> ConvergenceAnalysis {
        var restored = analysis
        restored.standardErrors = analysis.standardErrors.map(restore)
        return restored
    }

    /// A standardised fit in the data's units: parameters mapped back, every
    /// log-likelihood (final and traced) shifted by −n·log s.
    public func restore(_ result: FitResult) -> FitResult {
        let shift = Double(data.count) * logScale
        var restored = result
        restored.mixture = restore(result.mixture)
        restored.logLikelihood = result.logLikelihood - shift
        // Changes of ℓ (the last one, the Aitken gap) do not move; ℓ(0) does.
        restored.startLogLikelihood = result.startLogLikelihood - shift
        // Right for ℓ and a penalty (unit-free); a prior's is scored again by `fit`.
        restored.objective = result.objective - shift
        if let trace = result.trace {
            var mapped = FitTrace()
            mapped.iterations = trace.iterations
            mapped.logLikelihoods = trace.logLikelihoods.map { $0 - shift }
            mapped.mixtures = trace.mixtures.map { restore($0) }
            restored.trace = mapped
        }
        return restored
    }

    /// `configuration` (in the data's units) for the standardised fit: a
    /// known σ, the absolute variance floor and the mean-change tolerance
    /// mapped; the relative floor (a fraction of the data's variance) and
    /// the collapse watch (``FailureModes/collapseRatio`` × the data's sd)
    /// set on the standardised scale.
    public func standardized(_ configuration: EMConfiguration, relativeVarianceFloor: Double = 0) -> EMConfiguration {
        var mapped = configuration
        if case .known(let sd) = configuration.variance { mapped.variance = .known(standardDeviation: standardizedLength(sd)) }
        if case .meanChange(let tolerance) = configuration.stoppingRule { mapped.stoppingRule = .meanChange(standardizedLength(tolerance)) }
        let floor = min(standardizedLength(standardizedLength(configuration.varianceFloor)), .greatestFiniteMagnitude)
        mapped.varianceFloor = max(floor, relativeVarianceFloor * standardizedSD * standardizedSD)
        mapped.collapseThreshold = FailureModes.collapseRatio * standardizedSD
        // A prior's mean and scale, where given, are in the data's units; the
        // defaults (mean(x), var(x)/G²) are equivariant and resolve on z.
        if case .prior(var prior) = configuration.remedy {
            prior.mean = prior.mean.map(standardizedMean)
            prior.scale = prior.scale.map { min(standardizedLength(standardizedLength($0)), .greatestFiniteMagnitude) }
            mapped.remedy = .prior(prior)
        }
        return mapped
    }

    /// A start from `initialization`, in the data's units. The documents'
    /// own starts (doc000, doc001, doc002) are written in the data's units
    /// and drawn from them; every other strategy works on the standardised data.
    public func start(_ initialization: Initialization, componentCount k: Int, random: any RandomStream) throws -> GaussianMixture {
        switch initialization {
        case .doc000, .doc001, .doc002:
            return try initialization.start(data: data, componentCount: k, random: random)
        default:
            return restore(try initialization.start(data: standardized, componentCount: k, random: random))
        }
    }

    /// What ``fit(start:configuration:relativeVarianceFloor:maxRestarts:freshStart:)`` returns.
    public struct Outcome: Sendable {
        /// The fit in the data's units.
        public var result: FitResult
        /// The fit as EM ran it, on the standardised data.
        public var standardizedResult: FitResult
        /// The start of the last attempt, standardised.
        public var standardizedStart: GaussianMixture
        /// The configuration EM ran with, on the standardised scale.
        public var configuration: EMConfiguration
        /// How many times the fit was restarted after a failure.
        public var restarts: Int
        /// The failure flags, assessed on the standardised fit.
        public var assessment: FailureModes.Assessment
    }

    /// Fits the data by EM from `start`, both in the data's units.
    ///
    /// - Parameters:
    ///   - configuration: the model and stopping rule in the data's units
    ///     (its `varianceFloor` the absolute floor on σ²).
    ///   - relativeVarianceFloor: a floor on σ² as a fraction of the data's variance.
    ///   - maxRestarts: restart a fit that collapsed, degenerated or went
    ///     non-finite from `freshStart()`, up to this many times.
    /// - Throws: what `freshStart` throws, or ``EMLabError`` when a start
    ///   cannot be put on the standardised scale.
    public func fit(
        start: GaussianMixture, configuration: EMConfiguration, relativeVarianceFloor: Double = 0,
        maxRestarts: Int = 0, freshStart: () throws -> GaussianMixture
    ) throws -> Outcome {
        let mapped = standardized(configuration, relativeVarianceFloor: relativeVarianceFloor)
        var current = try standardize(start)
        var result = ExpectationMaximization.fit(data: standardized, start: current, configuration: mapped)
        var restarts = 0
        while restarts < maxRestarts && FailureModes.needsRestart(result) {
            restarts += 1
            current = try standardize(try freshStart())
            result = ExpectationMaximization.fit(data: standardized, start: current, configuration: mapped)
        }
        // slowConvergence of anderson, daarem, qn and pem reads EM's rate from theory (one information pass, for them only).
        let rate =
            mapped.acceleration.measuresOwnContraction
            ? ConvergenceAnalysis(result: result, data: standardized, configuration: mapped, withStandardErrors: false).rateTheoretical : .nan
        let assessment = FailureModes.assess(
            result, dataSD: standardizedSD, count: data.count, best: .nan, truth: nil,
            start: current, restarts: restarts, varianceFloor: mapped.varianceFloor,
            acceleration: mapped.acceleration, rateTheoretical: rate)
        var restored = restore(result)
        if configuration.remedy != .none && restored.objective.isFinite && restored.logLikelihood.isFinite {
            // A prior's density is not unit-free (its Jacobian): the objective is scored again in the data's units.
            let remedy = RemedyTerms(configuration.remedy, data: data, componentCount: restored.mixture.componentCount)
            restored.objective =
                restored.logLikelihood
                + remedy.objectiveTerm(
                    means: restored.mixture.means, sds: restored.mixture.standardDeviations,
                    variance: configuration.variance)
        }
        return Outcome(
            result: restored, standardizedResult: result, standardizedStart: current,
            configuration: mapped, restarts: restarts, assessment: assessment)
    }
}
