import Foundation

/// What `emlab fit` is asked for, as a value a library user can build and
/// run: the model, the start, the starts, the intervals and the bootstrap.
///
/// ``run(data:)`` does what `emlab fit FILE -k K …` does with the same
/// settings, and gives the same numbers (``FitOutcome``); the command only
/// builds a request from its options and prints the outcome
/// (``FitReport/text(_:)``, ``FitReport/json(_:)``). So the command line,
/// the auditor, the Python package and any program fit alike.
///
/// ## What runs
/// - **One start** (``starts`` = 1): EM runs on the data standardised
///   (``StandardizedFit``) and reports in their units, restarting a fit that
///   collapsed, degenerated or went non-finite up to ``maxRestarts`` times
///   from fresh starts drawn by ``initialization``.
/// - **M starts** (``starts`` > 1): ``MultiStart`` on the data as given; the
///   best fit that did not collapse is the outcome's, collapsed starts are
///   set aside and counted, never redrawn.
/// - Then the observed information and convergence rates
///   (``ConvergenceAnalysis``, computed where the fit ran), Wald intervals
///   at ``level`` (``WaldIntervals``), AIC/BIC/ICL (``InformationCriteria``)
///   and, with ``bootstrapReplicates`` B > 0, bootstrap intervals from B
///   refits (``BootstrapIntervals``).
///
/// Every setting is in the data's units; ``configuration`` holds the model,
/// the stopping rule, the cap, the absolute variance floor, the
/// acceleration and whether to record a trace.
public struct FitRequest: Sendable {
    /// K ≥ 1, the number of components.
    public var componentCount: Int
    /// The model (weights, variance), stopping rule, iteration cap, absolute
    /// floor on σ², acceleration and trace, in the data's units.
    public var configuration: EMConfiguration
    /// A floor on σ² as a fraction of the data's variance (0: off); the
    /// larger of the two floors wins.
    public var relativeVarianceFloor: Double
    /// How the start is made where no initial values are given (and how
    /// restarts and starts 2…M are drawn; a deterministic strategy gives
    /// way to `data-points` for those).
    public var initialization: Initialization
    /// Initial means, one per component (nil: from ``initialization``).
    public var initialMeans: [Double]?
    /// Initial standard deviations (nil: from ``initialization``, or the
    /// known σ of a `known` variance).
    public var initialStandardDeviations: [Double]?
    /// Initial weights, summing to 1 (nil: from ``initialization``, or 1/K
    /// with fixed weights).
    public var initialWeights: [Double]?
    /// With one start: restart a fit that collapsed, degenerated or went
    /// non-finite from a fresh start, up to this many times.
    public var maxRestarts: Int
    /// M ≥ 1: run EM from M starts and keep the best fit that did not collapse.
    public var starts: Int
    /// With M > 1 starts: screen them and finish only the contenders
    /// (``MultiStart/Options/screen``), as `emlab fit --screen` does (and
    /// `emlab select` by default). Off by default: `emlab fit --starts M`
    /// teaches multimodality, and its list of distinct maxima is exact only
    /// when every start runs to the stopping rule.
    public var screen = false
    /// The coverage of the Wald and bootstrap intervals, in (0, 1).
    public var level: Double
    /// B, the bootstrap refits (0: no bootstrap; else at least 2).
    public var bootstrapReplicates: Int
    /// How bootstrap samples are drawn.
    public var bootstrapKind: BootstrapIntervals.Kind
    /// Start 1's stream (`--seed`, `--generator`, `--normal`); starts 2…M
    /// and the bootstrap samples derive their seeds from its seed.
    public var random: StreamRecipe

    /// A request for a K-component fit under `configuration`; every other
    /// setting defaults to `emlab fit`'s: the quantile start, one start, no
    /// restarts, 95% intervals, no bootstrap, seed 1 on GSL's default generator (mt19937, polar normals).
    ///
    /// - Parameters:
    ///   - componentCount: K ≥ 1.
    ///   - configuration: the model and stopping rule (default: free weights,
    ///     per-component variances, |Δℓ| < 1e-8, at most 1000 iterations).
    ///   - relativeVarianceFloor, initialization, initialMeans,
    ///     initialStandardDeviations, initialWeights, maxRestarts, starts,
    ///     level, bootstrapReplicates, bootstrapKind, random: as the
    ///     properties of the same names.
    public init(
        componentCount: Int, configuration: EMConfiguration = EMConfiguration(), relativeVarianceFloor: Double = 0,
        initialization: Initialization = .quantile, initialMeans: [Double]? = nil, initialStandardDeviations: [Double]? = nil,
        initialWeights: [Double]? = nil, maxRestarts: Int = 0, starts: Int = 1, level: Double = 0.95,
        bootstrapReplicates: Int = 0, bootstrapKind: BootstrapIntervals.Kind = .nonparametric,
        random: StreamRecipe = StreamRecipe()
    ) {
        self.componentCount = componentCount
        self.configuration = configuration
        self.relativeVarianceFloor = relativeVarianceFloor
        self.initialization = initialization
        self.initialMeans = initialMeans
        self.initialStandardDeviations = initialStandardDeviations
        self.initialWeights = initialWeights
        self.maxRestarts = maxRestarts
        self.starts = starts
        self.level = level
        self.bootstrapReplicates = bootstrapReplicates
        self.bootstrapKind = bootstrapKind
        self.random = random
    }

    /// Checks the settings that do not depend on the data (the command line
    /// checks them first, in its own words).
    ///
    /// - Throws: ``EMLabError`` `.invalidOption` naming the setting: K < 1,
    ///   an initial list whose length is not K, fewer than one start,
    ///   restarts below 0 or beside several starts, a level outside (0, 1),
    ///   a bootstrap of one refit, or negative variance floors.
    public func validate() throws {
        func invalid(_ message: String) -> EMLabError { EMLabError(.invalidOption, message) }
        let k = componentCount
        guard k >= 1 else { throw invalid("K must be at least 1; got \(k)") }
        for (name, list) in [("means", initialMeans), ("standard deviations", initialStandardDeviations), ("weights", initialWeights)] {
            if let list, list.count != k { throw invalid("\(list.count) initial \(name) for K = \(k) components") }
        }
        guard starts >= 1 else { throw invalid("at least one start is needed; got \(starts)") }
        guard maxRestarts >= 0 else { throw invalid("restarts cannot be negative; got \(maxRestarts)") }
        guard starts == 1 || maxRestarts == 0 else {
            throw invalid("several starts set a collapsed start aside; restarts redraw it: give one of them")
        }
        guard level > 0 && level < 1 else { throw invalid("the level lies in (0, 1); got \(formatNumber(level))") }
        guard bootstrapReplicates == 0 || bootstrapReplicates >= 2 else {
            throw invalid("a bootstrap needs at least 2 refits (0: none); got \(bootstrapReplicates)")
        }
        guard configuration.varianceFloor >= 0, relativeVarianceFloor >= 0 else {
            throw invalid("variance floors cannot be negative")
        }
    }

    /// Checks the request against the data before any work: K against the
    /// distinct values, then the memory the fit, the starts and the refits
    /// keep (the messages name `emlab fit`'s options).
    ///
    /// - Throws: ``EMLabError`` `.invalidData` when the data hold fewer than
    ///   K distinct values; `.invalidOption` when the fit, the M starts or
    ///   the B refits need more memory than is available (``MemoryBudget``).
    /// - Complexity: O(n·K) at most, to count distinct values.
    public func validate(data: [Double]) throws {
        let k = componentCount
        try Initialization.requireDistinctValues(data, componentCount: k)
        // K is now at most the distinct values: what the fit, every start and every refit keep must fit in memory.
        try MemoryBudget.require(MemoryBudget.fitBytes(count: data.count, components: k), for: "-k \(k) on \(data.count) values")
        try MemoryBudget.require(Double(starts) * MemoryBudget.startBytes(components: k), for: "--starts \(starts) with K = \(k)")
        try MemoryBudget.require(
            Double(bootstrapReplicates) * (MemoryBudget.mixtureBytes(components: k) + 24 * Double(k) + 64),
            for: "--bootstrap \(bootstrapReplicates) with K = \(k)")
    }

    /// This request with ``screen`` set.
    public func screening(_ screen: Bool) -> FitRequest {
        var request = self
        request.screen = screen
        return request
    }

    /// The options of starts 2…M (and of the search a single fit is reported as).
    public var multiStartOptions: MultiStart.Options {
        let k = componentCount
        var options = MultiStart.Options(
            starts: starts, initialization: initialization, random: random,
            fixedWeights: configuration.weights == .fixed ? (initialWeights ?? Array(repeating: 1 / Double(k), count: k)) : nil)
        options.screen = screen
        return options
    }

    /// The configuration the fit runs with in the data's units: the larger
    /// of the absolute floor and ``relativeVarianceFloor`` × the data's variance.
    ///
    /// - Parameter dataSD: the data's population standard deviation.
    public func floored(dataSD: Double) -> EMConfiguration {
        var fitted = configuration
        fitted.varianceFloor = max(configuration.varianceFloor, relativeVarianceFloor * dataSD * dataSD)
        return fitted
    }

    /// Fits the data as `emlab fit` does, and computes everything it reports.
    ///
    /// - Parameter data: the values, finite (as ``DataSet`` reads them).
    /// - Returns: the fit (the single fit, or the best of the starts that did
    ///   not collapse — start 1 as it ended when every start did), its
    ///   assessment, convergence analysis, intervals, criteria and bootstrap.
    ///   A fit that collapsed, degenerated or went non-finite is a result,
    ///   not an error: see ``FitOutcome/isDegenerate``.
    /// - Throws: ``EMLabError``: `.invalidOption` from ``validate()`` and
    ///   ``validate(data:)``; `.invalidData` when the data hold fewer than K
    ///   distinct values, or all are equal; `.invalidMixture` — with
    ///   ``EMLabError/exitStatus`` 64, a usage error — when the initial values,
    ///   completed by the automatic start, are not a valid mixture; what
    ///   ``StandardizedFit``, ``Initialization``, ``MultiStart`` and
    ///   ``BootstrapIntervals`` throw.
    /// - Complexity: O(I·n·K) per EM fit of I iterations — one fit (plus up
    ///   to ``maxRestarts``), or M, and B refits — plus O(n·K² + K³) for the
    ///   information.
    public func run(data: [Double]) throws -> FitOutcome {
        try validate()
        try validate(data: data)
        // EM runs on the data standardised and reports in their units, so no unit of measurement is too large or too small.
        let standard = try StandardizedFit(data: data)
        let source = random.makeSource()
        let start = try startingMixture(standard: standard, random: source)
        // The floor the fit runs with, in the data's units (absolute or relative to the data's variance).
        let dataSD = Initialization.standardDeviation(data[...])
        let fitted = floored(dataSD: dataSD)
        let result: FitResult, assessment: FailureModes.Assessment
        var restarted = 0
        var search: MultiStart?
        var standardizedFit: FitResult?
        var multiStartAnalysis: ConvergenceAnalysis?
        if starts > 1 {
            // Several starts run on the data as given (a single fit runs standardised).
            let found = try MultiStart.run(data: data, firstStart: start, firstSeed: random.seed, configuration: fitted, options: multiStartOptions)
            let shown = found.outcomes[found.bestIndex ?? 0]
            (result, search) = (shown.result, found)
            // The analysis reported below, computed once: its rate is also what
            // slowConvergence reads for a scheme that measures its own contraction.
            let analysis = ConvergenceAnalysis(result: result, data: data, configuration: fitted)
            multiStartAnalysis = analysis
            assessment = FailureModes.assess(
                result, dataSD: dataSD, count: data.count, best: found.best?.logLikelihood ?? .nan,
                truth: nil, start: shown.start, restarts: 0, varianceFloor: fitted.varianceFloor,
                acceleration: fitted.acceleration, rateTheoretical: fitted.acceleration.measuresOwnContraction ? analysis.rateTheoretical : .nan)
        } else {
            let fit = try standard.fit(
                start: start, configuration: configuration, relativeVarianceFloor: relativeVarianceFloor,
                maxRestarts: maxRestarts
            ) {
                try standard.start(initialization, componentCount: componentCount, random: source)
            }
            (result, restarted, assessment) = (fit.result, fit.restarts, fit.assessment)
            standardizedFit = fit.standardizedResult
        }
        // The information is computed where the fit ran, on the standardised
        // data (so no scale overflows it), and mapped back to the data's units.
        let analysis =
            standardizedFit.map {
                standard.restore(ConvergenceAnalysis(result: $0, data: standard.standardized, configuration: standard.standardized(fitted)))
            } ?? multiStartAnalysis ?? ConvergenceAnalysis(result: result, data: data, configuration: fitted)
        let intervals = analysis.standardErrors.map { WaldIntervals(mixture: result.mixture, standardErrors: $0, level: level) }
        let bootstrap =
            bootstrapReplicates > 0 && !MultiStart.isSetAside(result)
            ? BootstrapIntervals.run(
                data: data, fit: result.mixture, configuration: fitted, kind: bootstrapKind,
                replicates: bootstrapReplicates, level: level, random: random)
            : nil
        // AIC, BIC and ICL as `emlab select` scores a model; none for a fit without a maximum.
        let criteria = InformationCriteria(fit: result, data: data, configuration: fitted)
        return FitOutcome(
            request: self, data: data, start: start, result: result, restarts: restarted, assessment: assessment,
            search: search, fittedConfiguration: fitted, analysis: analysis, intervals: intervals,
            bootstrap: bootstrap, criteria: criteria)
    }

    /// Start 1: the initial values where given, the automatic start
    /// (``initialization``, drawn from `random`) for the rest; a known σ
    /// for every sd of a `known` variance, and 1/K weights when they are
    /// fixed and not given.
    ///
    /// - Throws: ``EMLabError`` `.invalidMixture` (exit status 64) when the
    ///   values do not make a mixture; what ``StandardizedFit/start(_:componentCount:random:)`` throws.
    func startingMixture(standard: StandardizedFit, random: RandomSource) throws -> GaussianMixture {
        let k = componentCount
        let automatic = try standard.start(initialization, componentCount: k, random: random)
        var sds = initialStandardDeviations ?? automatic.standardDeviations
        if case .known(let sd) = configuration.variance { sds = Array(repeating: sd, count: k) }
        let defaultWeights = configuration.weights == .fixed ? Array(repeating: 1 / Double(k), count: k) : automatic.weights
        do {
            return try GaussianMixture(
                weights: initialWeights ?? defaultWeights, means: initialMeans ?? automatic.means,
                standardDeviations: sds)
        } catch let error as EMLabError {
            throw EMLabError(.invalidMixture, "the initial values are not a valid mixture: \(error.message)", exitStatus: 64)
        }
    }
}
