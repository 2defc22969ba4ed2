/// The *Generate* and *Analyse* stages of a study (SimDesign's shape) for
/// one unit of work: one replicate of one condition.
///
/// - Generate: the data set, from the seed of (study, condition's data
///   index, replicate, start 0) — conditions that differ only in estimator
///   or initialisation see the same data.
/// - Analyse: every start, each from the seed of (study, condition,
///   replicate, start s), fitted by EM; plus, with `oracle`, a fit from the
///   truth, so the best log-likelihood the data set allows is known.
///
/// A failed fit is recorded as it ended — never redrawn.
public enum Simulation {
    /// The rows one unit adds to runs.csv and traces.csv.
    public struct UnitOutput: Sendable {
        public var runs: String
        public var traces: String
    }

    /// Generate: the data set of one replicate, and the seed it came from.
    public static func generate(condition: Condition, replicate: Int, experiment: Experiment) -> (data: [Double], seed: UInt64) {
        let seed = SeedDerivation.seed(study: experiment.seed, condition: condition.dataIndex, replicate: replicate, start: 0)
        let source = stream(experiment: experiment, seed: seed)
        return (
            condition.sampler.drawValues(
                from: condition.truth.mixture, data: condition.truth.data(replicate: replicate), count: condition.sampleSize,
                using: source), seed
        )
    }

    /// The study's kind of stream, seeded (the experiment's recipe was
    /// checked when it was read, and derived seeds fit in 32 bits).
    static func stream(experiment: Experiment, seed: UInt64) -> any RandomStream {
        experiment.random.seeded(seed).makeStream()
    }

    /// The estimator's constraints applied to a start (fixed weights replace the start's).
    static func prepared(_ start: GaussianMixture, condition: Condition) -> GaussianMixture {
        guard condition.estimator.configuration.weights == .fixed else { return start }
        let k = condition.componentCount
        let weights = condition.estimator.fixedWeights ?? Array(repeating: 1 / Double(k), count: k)
        return GaussianMixture(unchecked: weights, means: start.means, standardDeviations: start.standardDeviations)
    }

    /// The condition's model as every start of a data set is fitted: its
    /// relative variance floor made absolute on the data, and collapse
    /// watched at ``FailureModes/collapseRatio`` of the data's sd.
    public static func fitted(_ condition: Condition, dataSD: Double) -> EMConfiguration {
        var configuration = condition.configuration
        configuration.varianceFloor = max(configuration.varianceFloor, condition.estimator.relativeVarianceFloor * dataSD * dataSD)
        configuration.collapseThreshold = FailureModes.collapseRatio * dataSD
        return configuration
    }

    /// One start's outcome.
    public struct StartOutcome: Sendable {
        public var seed: UInt64
        /// The start the final attempt ran from (nil when none could be made).
        public var start: GaussianMixture?
        public var result: FitResult?
        /// How many times the fit was restarted after a failure (remedy).
        public var restarts: Int
        /// The absolute variance floor in force for this data set.
        public var varianceFloor: Double
        /// With a remedy: whether the fit differs from the same estimator's
        /// without it, from the same start (``RemedyComparison/differs(_:from:dataSD:)``).
        public var remedyChanged: Bool? = nil
    }

    /// Analyse, one start: drawn from its seed, fitted, and — with the
    /// restart remedy — drawn again from the same stream after a failure.
    public static func fit(
        start: Int, condition: Condition, replicate: Int, data: [Double], dataSD: Double,
        experiment: Experiment, trace: Bool
    ) -> StartOutcome {
        let seed = SeedDerivation.seed(study: experiment.seed, condition: condition.index, replicate: replicate, start: start)
        // Made on the first draw: the quantile and truth starts draw nothing,
        // and seeding a generator (mt19937: 624 words) costs more than they do.
        let source = DeferredRandomStream { stream(experiment: experiment, seed: seed) }
        var configuration = fitted(condition, dataSD: dataSD)
        configuration.recordTrace = trace
        var restarts = 0
        while true {
            guard
                let initial = try? condition.initialization.start(
                    data: data, componentCount: condition.componentCount,
                    random: source, truth: condition.truth.mixture,
                    configuration: configuration, dataSD: dataSD)
            else {
                return StartOutcome(seed: seed, start: nil, result: nil, restarts: restarts, varianceFloor: configuration.varianceFloor)
            }
            let prepared = prepared(initial, condition: condition)
            let result = condition.estimator.fit(data: data, start: prepared, configuration: configuration)
            if FailureModes.needsRestart(result) && restarts < condition.estimator.maxRestarts {
                restarts += 1
                continue
            }
            var outcome = StartOutcome(seed: seed, start: prepared, result: result, restarts: restarts, varianceFloor: configuration.varianceFloor)
            if configuration.remedy != .none {
                // The same estimator without the remedy, from the same start: did the remedy change the answer?
                var plain = configuration
                plain.remedy = .none
                plain.recordTrace = false
                let unremedied = condition.estimator.fit(data: data, start: prepared, configuration: plain)
                outcome.remedyChanged = RemedyComparison.differs(result, from: unremedied, dataSD: dataSD)
            }
            return outcome
        }
    }

    /// The seed of a replicate's intervals and selection: that of start M + 1,
    /// `SeedDerivation.seed(study, condition, replicate, starts + 1)`, which
    /// no start uses. A bootstrap derives its sample seeds from it
    /// (``BootstrapIntervals/sampleSeed(study:componentCount:kind:replicate:)``),
    /// the selection its starts (``MultiStart``).
    public static func inferenceSeed(condition: Condition, replicate: Int, experiment: Experiment) -> UInt64 {
        SeedDerivation.seed(study: experiment.seed, condition: condition.index, replicate: replicate, start: experiment.starts + 1)
    }

    /// Analyse, inference: the intervals of the selected fit (`intervals`) and
    /// the K each criterion chooses on the data (`select_k`); nil when the
    /// estimator asks for neither.
    ///
    /// - Intervals: none for a fit that collapsed, degenerated or went
    ///   non-finite (there is no estimate), nor for a parameter without a
    ///   standard error (not estimated, or I_obs not positive definite).
    ///   Bootstrap intervals are the percentile ones over every refit with
    ///   finite parameters — failed refits kept, as `emlab fit --bootstrap`
    ///   shows them first — with the bootstrap SE beside.
    /// - Selection: ``ModelSelection`` over `select_k` under the estimator's
    ///   variance model, `select_starts` starts per K (start 1 by the
    ///   condition's initialisation), the estimator's stopping rule, cap and
    ///   variance floor. A criterion that could score no model chooses nothing.
    /// - Complexity: Wald O(n·p² + p³); bootstrap B EM fits; selection
    ///   `select_starts` EM fits per K.
    ///
    /// - Parameter analysis: the selected fit's convergence analysis, with
    ///   standard errors when the estimator asks for Wald intervals (computed
    ///   once, for its runs.csv row and here).
    static func infer(
        about fit: StartOutcome, analysis: ConvergenceAnalysis?, condition: Condition, replicate: Int,
        data: [Double], dataSD: Double, experiment: Experiment
    ) -> RunsTable.Inference? {
        let estimator = condition.estimator
        guard estimator.intervals != nil || estimator.selectComponents != nil else { return nil }
        let seed = inferenceSeed(condition: condition, replicate: replicate, experiment: experiment)
        var fitted = condition.configuration
        fitted.recordTrace = false
        fitted.varianceFloor = fit.varianceFloor
        fitted.collapseThreshold = FailureModes.collapseRatio * dataSD
        var inference = RunsTable.Inference()
        if let method = estimator.intervals, let result = fit.result, !MultiStart.isSetAside(result) {
            switch method {
            case .wald:
                let errors = analysis?.standardErrors
                inference.standardErrors = errors
                inference.intervals = errors.map {
                    let wald = WaldIntervals(mixture: result.mixture, standardErrors: $0, level: estimator.level)
                    return BootstrapIntervals.Parameters(weights: wald.weights, means: wald.means, sds: wald.sds)
                }
            case .bootstrap(let replicates, let kind):
                let boot = BootstrapIntervals.run(
                    data: data, fit: result.mixture, configuration: fitted, kind: kind,
                    replicates: replicates, level: estimator.level,
                    random: experiment.random.seeded(seed))
                inference.standardErrors = boot.all.standardErrors
                inference.intervals = boot.all.percentile
            }
        }
        if let ks = estimator.selectComponents {
            let options = MultiStart.Options(
                starts: estimator.selectStarts, initialization: condition.initialization,
                random: experiment.random.seeded(seed))
            let selection = try? ModelSelection.run(
                data: data, components: ks, variances: [fitted.variance], configuration: fitted,
                options: options)
            inference.chosenComponents = InformationCriteria.Criterion.allCases.map { criterion in
                selection?.selected.first { $0.criterion == criterion }.map { selection!.models[$0.model].components }
            }
        }
        return inference
    }

    /// Runs one replicate of one condition.
    public static func run(condition: Condition, replicate: Int, experiment: Experiment, table: RunsTable) -> UnitOutput {
        let (data, dataSeed) = generate(condition: condition, replicate: replicate, experiment: experiment)
        let truth = condition.truth.mixture
        let dataSD = Initialization.standardDeviation(data)
        let fits = (1...experiment.starts).map {
            fit(
                start: $0, condition: condition, replicate: replicate, data: data, dataSD: dataSD, experiment: experiment,
                trace: replicate <= experiment.traceReplicates)
        }
        // The oracle fit: the same estimator from the truth.
        var oracleConfiguration = condition.configuration
        oracleConfiguration.varianceFloor = fits.first?.varianceFloor ?? oracleConfiguration.varianceFloor
        let oracle =
            experiment.oracle && truth != nil
            ? condition.estimator.fit(
                data: data, start: prepared(truth!, condition: condition),
                configuration: oracleConfiguration
            ).logLikelihood
            : -.infinity
        let candidates = fits.compactMap { $0.result?.logLikelihood }.filter(\.isFinite) + (oracle.isFinite ? [oracle] : [])
        let best = candidates.max() ?? .nan
        var selected = -1
        // The best start by what the estimator maximises: ℓ, or a prior's or penalty's objective.
        let remedied = condition.configuration.remedy != .none
        func score(_ result: FitResult?) -> Double? { remedied ? result?.objective : result?.logLikelihood }
        for (i, fit) in fits.enumerated() {
            if let value = score(fit.result), value.isFinite, selected < 0 || value > score(fits[selected].result)! { selected = i }
        }
        if selected < 0 { selected = 0 }

        let truthLogLikelihood = truth?.logLikelihood(data) ?? .nan
        // The rate at each final estimate, under the condition's model and the
        // floor the fit ran with; the selected fit's with standard errors when
        // Wald intervals are asked for.
        let waldIntervals = condition.estimator.intervals == .wald
        let analyses = fits.enumerated().map { i, fit -> ConvergenceAnalysis? in
            var fitted = condition.configuration
            fitted.varianceFloor = fit.varianceFloor
            return fit.result.map {
                ConvergenceAnalysis(result: $0, data: data, configuration: fitted, withStandardErrors: waldIntervals && i == selected)
            }
        }
        let inference = infer(
            about: fits[selected], analysis: analyses[selected], condition: condition, replicate: replicate,
            data: data, dataSD: dataSD, experiment: experiment)
        // The reference maximum's unit columns: each fit polished, and the extra starts in the group owner's unit.
        var references: [RunsTable.ReferenceFields]?
        if let settings = experiment.reference {
            let model = ReferenceMaximum.plainConfiguration(condition, dataSD: dataSD)
            let starts =
                experiment.referenceOwners.contains(condition.index)
                ? ReferenceMaximum.bestOfStarts(
                    data: data, dataSD: dataSD, condition: condition, replicate: replicate, experiment: experiment, settings: settings)
                : nil
            references = fits.map { fit in
                RunsTable.ReferenceFields(
                    polished: fit.result.flatMap { ReferenceMaximum.polished($0, data: data, configuration: model, polish: settings.polish) },
                    starts: starts)
            }
        }
        var runs = ""
        var traces = ""
        for (i, fit) in fits.enumerated() {
            let assessment = fit.result.map {
                FailureModes.assess(
                    $0, dataSD: dataSD, count: data.count, best: best, truth: truth, start: fit.start,
                    restarts: fit.restarts, varianceFloor: fit.varianceFloor,
                    acceleration: condition.configuration.acceleration, rateTheoretical: analyses[i]?.rateTheoretical ?? .nan)
            }
            runs += table.row(
                condition: condition, replicate: replicate, start: i + 1, selected: i == selected,
                generator: experiment.random.generator.name, dataSeed: dataSeed, outcome: fit, assessment: assessment,
                analysis: analyses[i], truthLogLikelihood: truthLogLikelihood, bestLogLikelihood: best,
                inference: i == selected ? inference : nil, reference: references?[i])
            if let trace = fit.result?.trace {
                traces += table.traceRows(condition: condition, replicate: replicate, start: i + 1, trace: trace)
            }
        }
        return UnitOutput(runs: runs, traces: traces)
    }
}
