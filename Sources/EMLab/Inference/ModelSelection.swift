/// Choosing the number of components (`emlab select`): every K of a range
/// under every variance model, each fitted by ``MultiStart``, scored by
/// AIC, BIC and ICL (``InformationCriteria``, lower is better), and the
/// best model by each criterion.
///
/// A model whose every start collapsed has no maximum — with per-component
/// variances its likelihood is unbounded — so it is listed, counted and
/// left out of the selection, never scored on its infinite log-likelihood
/// (mclust returns NA there; a lab should say why).
public struct ModelSelection: Sendable {
    /// One (K, variance model).
    public struct Model: Sendable {
        public var components: Int
        public var variance: EMConfiguration.Variance
        /// The model and stopping rule it was fitted with.
        public var configuration: EMConfiguration
        /// Its starts and best fit.
        public var search: MultiStart
        /// Its criteria; nil when every start was set aside.
        public var criteria: InformationCriteria?
    }

    /// The best model by one criterion.
    public struct Choice: Sendable {
        public var criterion: InformationCriteria.Criterion
        /// The index in ``ModelSelection/models``.
        public var model: Int
        public var value: Double
    }

    /// Every model, variance model by variance model, K ascending within each.
    public var models: [Model]
    /// The best model per criterion, in ``InformationCriteria/Criterion`` order
    /// (empty when no model could be scored).
    public var selected: [Choice]

    /// The models set aside: every start collapsed.
    public var unscored: [Model] { models.filter { $0.criteria == nil } }

    /// Throws unless every K can be fitted: a K-component mixture needs at
    /// least K distinct values.
    ///
    /// - Throws: ``EMLabError`` `.invalidData` naming the K that cannot be
    ///   fitted and the largest that can.
    public static func requireDistinctValues(_ data: [Double], components: [Int], name: String) throws {
        try requireDistinctValues(data, components: components.map { $0...$0 }, name: name)
    }

    /// ``requireDistinctValues(_:components:name:)`` for K values given as
    /// ascending ranges (`--components 1...6`), never expanded: a range may
    /// be as long as `Int` allows. A run of more than three K that cannot be
    /// fitted is named by its ends, `K = 9…99999999999`.
    public static func requireDistinctValues(_ data: [Double], components: [ClosedRange<Int>], name: String) throws {
        let distinct = Set(data).count
        var runs: [ClosedRange<Int>] = []
        for range in components where range.upperBound > distinct {
            let low = max(range.lowerBound, distinct + 1)
            if let last = runs.last, last.upperBound < Int.max, last.upperBound + 1 >= low {
                runs[runs.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                runs.append(low...range.upperBound)
            }
        }
        guard !runs.isEmpty else { return }
        let ks = runs.map { run in
            run.upperBound - run.lowerBound >= 3 ? "\(run.lowerBound)…\(run.upperBound)" : run.map(String.init).joined(separator: ", ")
        }.joined(separator: ", ")
        throw EMLabError(
            .invalidData,
            "\(name) holds \(distinct) distinct value\(distinct == 1 ? "" : "s"), so K = \(ks) cannot be fitted "
                + "(K components need at least K distinct values); please give --components up to \(distinct)")
    }

    /// Fits and scores every model.
    ///
    /// - Parameters:
    ///   - data: the observations.
    ///   - components: the K values, each ≥ 1 and ≤ the distinct values (see
    ///     ``requireDistinctValues(_:components:name:)``).
    ///   - variances: the variance models (per-component, shared).
    ///   - configuration: the stopping rule and caps; its variance is
    ///     replaced per model, and its collapse threshold should be set.
    ///   - options: the starts of each model (``MultiStart``); start 1 of
    ///     every model is drawn by ``MultiStart/Options/initialization`` from
    ///     a stream seeded with the options' seed, as a single `emlab fit` is.
    /// - Returns: the models and the selection.
    /// - Throws: ``EMLabError`` when a start cannot be drawn.
    /// - Complexity: M EM fits per model.
    public static func run(
        data: [Double], components: [Int], variances: [EMConfiguration.Variance],
        configuration: EMConfiguration, options: MultiStart.Options
    ) throws -> ModelSelection {
        var models: [Model] = []
        for variance in variances {
            for k in components {
                var modelConfiguration = configuration
                modelConfiguration.variance = variance
                let stream = options.random.makeSource()
                let first = try options.initialization.start(
                    data: data, componentCount: k, random: stream,
                    configuration: modelConfiguration)
                let search = try MultiStart.run(
                    data: data, firstStart: first, firstSeed: options.seed,
                    configuration: modelConfiguration, options: options)
                let criteria = search.best.map {
                    InformationCriteria(data: data, mixture: $0.mixture, logLikelihood: $0.logLikelihood, configuration: modelConfiguration)
                }
                models.append(Model(components: k, variance: variance, configuration: modelConfiguration, search: search, criteria: criteria))
            }
        }
        return ModelSelection(models: models, selected: select(models))
    }

    /// The lowest value of each criterion among the scored models; on an
    /// exact tie (K = 1 is the same model under every variance model) the
    /// one with fewer parameters, then the first listed.
    static func select(_ models: [Model]) -> [Choice] {
        InformationCriteria.Criterion.allCases.compactMap { criterion in
            var best: Choice?
            for (i, model) in models.enumerated() {
                guard let criteria = model.criteria, criteria[criterion].isFinite else { continue }
                let value = criteria[criterion]
                if let current = best {
                    let currentParameters = models[current.model].criteria!.parameters
                    guard value < current.value || (value == current.value && criteria.parameters < currentParameters) else { continue }
                }
                best = Choice(criterion: criterion, model: i, value: value)
            }
            return best
        }
    }
}
