/// Several starts of EM on one data set, and the best fit that did not
/// collapse (`emlab fit --starts M`, and every model of ``ModelSelection``).
///
/// EM finds *a* local maximum, which one depending on the start; with a
/// variance per component the likelihood is also unbounded, so the highest
/// value is often a collapse (σ_k → 0 on a tie), not an estimate. Like
/// scikit-learn's `n_init`, this runs M starts and keeps the highest
/// log-likelihood — but only among fits that did not collapse, degenerate or
/// go non-finite (``FailureModes/needsRestart(_:)``); those are set aside
/// and counted, never redrawn. It reports how many starts reached the best
/// maximum (within ``FailureModes/sameMaximumTolerance(_:)``), and every
/// distinct maximum found, so a reader sees whether the best was found
/// often or by luck.
///
/// ## Screening (the default of `emlab select`; `emlab fit --starts M --screen`)
/// With ``Options/screen``, every start first runs plain EM only to mclust's
/// default tolerance, |Δℓ|/(1 + |ℓ|) < 10⁻⁵ (``screeningRule``; Fraley &
/// Raftery's `emControl`), the emEM strategy of Biernacki, Celeux & Govaert
/// (2003, *Comput. Stat. Data Anal.* 41, 561–575): short runs from many
/// starts, then only the promising ones to convergence. A screened start is
/// a contender when its ℓ plus its Aitken estimate of the rise still to come
/// (``FitResult/logLikelihoodGap``; at least ``contenderMargin``·(1 + |ℓ|))
/// reaches the best screened ℓ; every contender then continues from where
/// it stopped to the caller's stopping rule by SQUAREM (Varadhan & Roland
/// 2008, *Scand. J. Statist.* 35, 335–353: the same fixed points as EM, in a
/// few cycles where EM crawls, as on an overfitted K). The best is chosen among the
/// finished contenders, whose ℓ is that of the caller's rule; the others
/// keep their screened fits (below the best by more than their bound) and
/// count as other maxima. A start's iterations and E-steps add both stages.
/// Without screening, or with one start, every start runs to the caller's
/// rule by the caller's scheme, as before.
///
/// ## Starts and seeds
/// - Start 1 is the caller's start: exactly the start of a single fit
///   (`emlab fit` with the same `--init`, `--init-*` values and `--seed`), so
///   M starts never do worse than one (with screening: unless start 1 ends more than its Aitken bound above where it was screened).
/// - Start s ≥ 2 is drawn by ``Options/initialization`` — or, when that
///   strategy is deterministic (`quantile`), by `data-points` — from its own
///   stream, seeded with ``seed(study:componentCount:variance:start:)``:
///   `SeedDerivation.seed(study: S, condition: K, replicate: v, start: s)`
///   with v = 1 per-component, 2 shared, 3 known variance. Any start can
///   so be replayed alone, and `emlab select`'s model (K, v) is the same
///   search as `emlab fit -k K --variance v --starts M --screen` with the same
///   `--init`, `--seed`, `--tol` and `--max-iterations`.
public struct MultiStart: Sendable {
    /// How the starts are made.
    public struct Options: Sendable {
        /// M ≥ 1.
        public var starts: Int
        /// The strategy of starts 2…M (a deterministic one is replaced by `data-points`).
        public var initialization: Initialization
        /// The derived streams' generator and normal method, and the seed S
        /// their seeds come from (start 1's own stream is the caller's).
        public var random: StreamRecipe
        /// The seed S the derived seeds come from.
        public var seed: UInt64 { random.seed }
        /// With fixed weights: the weights every start keeps (nil: 1/K).
        public var fixedWeights: [Double]?
        /// Screen the starts at ``MultiStart/screeningRule`` and finish only
        /// the contenders (see the type's note); off unless set.
        public var screen = false

        /// - Parameters:
        ///   - starts: M ≥ 1.
        ///   - initialization: the strategy of starts 2…M (a deterministic one gives way to `data-points`).
        ///   - random: the recipe of the derived streams, its seed S (GSL's own methods, whatever its kind).
        ///   - fixedWeights: with fixed weights, the weights every start keeps (nil: 1/K).
        public init(starts: Int, initialization: Initialization, random: StreamRecipe, fixedWeights: [Double]? = nil) {
            self.starts = starts
            self.initialization = initialization
            self.random = random
            self.fixedWeights = fixedWeights
        }

        /// Options whose derived streams are GSL's mt19937 with polar normals, from seed S = `seed`.
        public init(starts: Int, initialization: Initialization, seed: UInt64, fixedWeights: [Double]? = nil) {
            self.init(starts: starts, initialization: initialization, random: StreamRecipe(seed: seed), fixedWeights: fixedWeights)
        }

        /// The strategy that draws starts 2…M.
        public var laterInitialization: Initialization {
            initialization.isDeterministic ? .dataPoints : initialization
        }
    }

    /// One start and how it ended.
    public struct Outcome: Sendable {
        /// 1…M.
        public var number: Int
        /// The seed of the stream it was drawn from.
        public var seed: UInt64
        public var start: GaussianMixture
        public var result: FitResult
        /// Collapsed, degenerate or non-finite: not a candidate for the best.
        public var setAside: Bool
        /// With screening: whether the start was finished to the caller's
        /// rule (a contender), or kept its screened fit (false); nil without screening.
        public var finished: Bool? = nil
    }

    /// A log-likelihood reached by one or more starts (within the same-maximum tolerance).
    public struct Maximum: Equatable, Sendable {
        /// The highest log-likelihood of the group.
        public var logLikelihood: Double
        /// How many starts reached it.
        public var starts: Int
    }

    /// Every start, in order.
    public var outcomes: [Outcome]
    /// The index in ``outcomes`` of the best start kept (nil: every start was set aside).
    public var bestIndex: Int?

    /// The best fit kept, or nil when every start collapsed.
    public var best: FitResult? { bestIndex.map { outcomes[$0].result } }
    /// M.
    public var starts: Int { outcomes.count }
    /// The starts set aside (collapsed, degenerate or non-finite).
    public var startsDegenerate: Int { outcomes.filter(\.setAside).count }
    /// The starts kept that stopped at the iteration cap (kept, but not converged).
    public var startsCapped: Int { outcomes.filter { !$0.setAside && $0.result.stopReason == .iterationCap }.count }
    /// With screening: how many kept starts were finished to the caller's rule
    /// (a finished start that collapsed is set aside, not counted); nil without screening.
    public var startsFinished: Int? {
        outcomes.first?.finished == nil ? nil : outcomes.filter { $0.finished == true && !$0.setAside }.count
    }
    /// The kept starts whose log-likelihood is the best's, within ``FailureModes/sameMaximumTolerance(_:)``
    /// (with screening, only finished starts can: the others ended below their bound).
    public var startsReachingBest: Int { maxima.first?.starts ?? 0 }

    /// The distinct maxima of the kept starts, highest first: sorted
    /// descending, a new group begins where ℓ falls below the group's top by
    /// more than the same-maximum tolerance.
    public var maxima: [Maximum] {
        let values = outcomes.filter { !$0.setAside }.map(\.result.logLikelihood).sorted(by: >)
        var groups: [Maximum] = []
        for value in values {
            if let top = groups.last?.logLikelihood, top - value <= FailureModes.sameMaximumTolerance(top) {
                groups[groups.count - 1].starts += 1
            } else {
                groups.append(Maximum(logLikelihood: value, starts: 1))
            }
        }
        return groups
    }

    public init(outcomes: [Outcome], bestIndex: Int?) {
        self.outcomes = outcomes
        self.bestIndex = bestIndex
    }

    /// One fit seen as a search of one start, so a plain fit reports its
    /// starts the same way (kept, or set aside when it collapsed).
    public init(single start: GaussianMixture, result: FitResult, seed: UInt64) {
        let setAside = Self.isSetAside(result)
        self.init(
            outcomes: [Outcome(number: 1, seed: seed, start: start, result: result, setAside: setAside)],
            bestIndex: setAside ? nil : 0)
    }

    /// The screening rule: mclust's default `tol[1]`, |Δℓ|/(1 + |ℓ|) < 10⁻⁵.
    public static let screeningRule = EMConfiguration.StoppingRule.mclust(1e-5)
    /// The least rise still credited to a screened start, relative to
    /// 1 + |ℓ|: ten times the screening tolerance, since Aitken's estimate
    /// (from the last two changes) can fall short where EM's rate still changes.
    public static let contenderMargin = 1e-4

    /// Whether a fit is set aside: it collapsed, degenerated or went
    /// non-finite (``FailureModes/needsRestart(_:)``), or its log-likelihood is not finite.
    public static func isSetAside(_ result: FitResult) -> Bool {
        FailureModes.needsRestart(result) || !result.logLikelihood.isFinite
    }

    /// The seed of start s ≥ 2 of a K-component model.
    ///
    /// - Returns: `SeedDerivation.seed(study: study, condition: K, replicate: v, start: s)`,
    ///   v = 1 per-component, 2 shared, 3 known variance.
    public static func seed(study: UInt64, componentCount k: Int, variance: EMConfiguration.Variance, start s: Int) -> UInt64 {
        SeedDerivation.seed(study: study, condition: k, replicate: varianceNumber(variance), start: s)
    }

    /// 1 per-component, 2 shared, 3 known: the variance model's number in derived seeds.
    public static func varianceNumber(_ variance: EMConfiguration.Variance) -> Int {
        switch variance {
        case .perComponent: return 1
        case .shared: return 2
        case .known: return 3
        }
    }

    /// Runs the starts.
    ///
    /// - Parameters:
    ///   - data: the observations (at least K distinct values).
    ///   - firstStart: start 1, made by the caller.
    ///   - firstSeed: the seed of the stream start 1 was drawn from (recorded only).
    ///   - configuration: the model and stopping rule; its collapse threshold
    ///     should be set (``FailureModes/collapseRatio`` × sd(data)), or
    ///     collapses that have not yet reached σ = 0 go unnoticed.
    ///   - options: M, the later starts' strategy and the seeds.
    ///   - truth: for the `truth`/`perturbed-truth` strategies only.
    /// - Returns: every start's outcome and the best kept.
    /// - Throws: ``EMLabError`` when a later start cannot be drawn (see
    ///   ``Initialization/start(data:componentCount:random:truth:configuration:)``).
    /// - Complexity: M EM fits, O(M·n·K) per iteration of each.
    public static func run(
        data: [Double], firstStart: GaussianMixture, firstSeed: UInt64, configuration: EMConfiguration,
        options: Options, truth: GaussianMixture? = nil
    ) throws -> MultiStart {
        precondition(options.starts >= 1, "at least one start")
        let k = firstStart.componentCount
        let screening = screeningConfiguration(configuration, options: options)
        var outcomes: [Outcome] = []
        for s in 1...options.starts {
            var seed = firstSeed
            var start = firstStart
            if s > 1 {
                seed = Self.seed(study: options.seed, componentCount: k, variance: configuration.variance, start: s)
                let stream = options.random.seeded(seed).makeSource()
                start = try options.laterInitialization.start(
                    data: data, componentCount: k, random: stream, truth: truth,
                    configuration: configuration)
                if configuration.weights == .fixed {
                    start = GaussianMixture(
                        unchecked: options.fixedWeights ?? Array(repeating: 1 / Double(k), count: k),
                        means: start.means, standardDeviations: start.standardDeviations)
                }
            }
            let result = ExpectationMaximization.fit(data: data, start: start, configuration: screening ?? configuration)
            outcomes.append(
                Outcome(
                    number: s, seed: seed, start: start, result: result,
                    setAside: isSetAside(result), finished: screening == nil ? nil : false))
        }
        // The best is by the objective the fits maximise: ℓ, or under a prior or penalty its own (FitResult.objective).
        let remedied = configuration.remedy != .none
        func score(_ result: FitResult) -> Double { remedied ? result.objective : result.logLikelihood }
        func bestKept() -> Int? {
            var bestIndex: Int?
            for (i, outcome) in outcomes.enumerated() where !outcome.setAside {
                if bestIndex == nil || score(outcome.result) > score(outcomes[bestIndex!].result) { bestIndex = i }
            }
            return bestIndex
        }
        if screening != nil, let screenedBest = bestKept() {
            let top = score(outcomes[screenedBest].result)
            for i in outcomes.indices where !outcomes[i].setAside {
                let screened = outcomes[i].result
                let gap = screened.logLikelihoodGap.isFinite ? max(screened.logLikelihoodGap, 0) : 0
                let bound = max(gap, contenderMargin * (1 + abs(score(screened))))
                guard score(screened) + bound >= top else { continue }
                var finishing = configuration
                finishing.acceleration = .squarem(SQUAREMOptions())
                var finished = ExpectationMaximization.fit(data: data, start: screened.mixture, configuration: finishing)
                finished.iterations += screened.iterations
                finished.eSteps += screened.eSteps
                finished.startLogLikelihood = screened.startLogLikelihood
                finished.collapseIteration = screened.collapseIteration ?? finished.collapseIteration
                finished.largestRelativeDecrease = max(finished.largestRelativeDecrease, screened.largestRelativeDecrease)
                outcomes[i].result = finished
                outcomes[i].setAside = isSetAside(finished)
                outcomes[i].finished = true
            }
        }
        return MultiStart(outcomes: outcomes, bestIndex: bestKept())
    }

    /// The screening configuration for `configuration`, or nil when the
    /// starts run to the caller's rule directly: screening is off, there is
    /// one start, the rule is a fixed count, the fit is accelerated, carries
    /// a remedy, or records a trace.
    static func screeningConfiguration(_ configuration: EMConfiguration, options: Options) -> EMConfiguration? {
        guard options.screen, options.starts > 1, configuration.acceleration == .none, configuration.remedy == .none,
            !configuration.recordTrace
        else { return nil }
        if case .fixedIterations = configuration.stoppingRule { return nil }
        var screening = configuration
        screening.stoppingRule = screeningRule
        return screening
    }
}

extension Initialization {
    /// Whether the strategy draws nothing at random (`quantile`, `truth`):
    /// several starts of it are one start repeated.
    public var isDeterministic: Bool { self == .quantile || self == .truth }
}
