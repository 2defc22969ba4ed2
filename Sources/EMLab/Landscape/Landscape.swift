import Foundation

/// Where EM goes from every start of a plane: an N × N grid of starts, EM
/// from each, and each end classified (``LimitClassification``) and
/// gathered into limits — the distinct maxima (label-swapped copies merged),
/// the saddles, collapse and the cap — with each one's share of the plane.
///
/// Each start runs as `emlab fit` runs a single start: on the data
/// standardised, reported in their units (``StandardizedFit``), so a limit's
/// ℓ is the one `emlab fit --init-means … --init-sds … --init-weights …`
/// prints from the same start. The starts run in parallel and the result
/// depends on the grid alone, never on the number of workers.
///
/// For a *population* (``run(population:points:options:)``) the same
/// runs on the truth's midpoint quantiles (``PopulationPoints``), and ℓ is
/// reported per observation: the expected log-likelihood E_F[log g].
public struct Landscape: Sendable {
    /// What to run.
    public struct Options: Sendable {
        /// The plane and its grid.
        public var plane: LandscapePlane
        /// How the rest of each start is set.
        public var rule: LandscapeStartRule
        /// The model, stopping rule, cap and acceleration, in the data's units.
        public var configuration: EMConfiguration
        /// A floor on σ² as a fraction of the data's variance (0: off).
        public var relativeVarianceFloor: Double
        /// Workers (≥ 1); the result does not depend on it.
        public var jobs: Int
        /// M: paths drawn from M starts spread over the grid (``LandscapePath/startIndices(count:gridSize:)``).
        public var pathCount: Int
        /// Further path starts, whole mixtures in the data's units (a document's own start, say).
        public var extraPathStarts: [GaussianMixture]
        /// With SQUAREM options, every path is drawn a second time accelerated.
        public var pathAcceleration: SQUAREMOptions?
        /// The estimator each start runs, given the data, the start and the
        /// configuration on the standardised scale (nil: the engine,
        /// ``ExpectationMaximization``). A document's estimator as written
        /// comes in here; its ends are fixed points of its own map, which the
        /// classification still tests against the model's ℓ.
        public var estimator: (@Sendable ([Double], GaussianMixture, EMConfiguration) -> FitResult)?
        /// What the landscape shows, for titles (nil: "sample of n values" or "population").
        public var title: String?

        public init(
            plane: LandscapePlane, rule: LandscapeStartRule, configuration: EMConfiguration, relativeVarianceFloor: Double = 0,
            jobs: Int = 1, pathCount: Int = 0, extraPathStarts: [GaussianMixture] = [], pathAcceleration: SQUAREMOptions? = nil,
            estimator: (@Sendable ([Double], GaussianMixture, EMConfiguration) -> FitResult)? = nil, title: String? = nil
        ) {
            self.estimator = estimator
            self.title = title
            self.plane = plane
            self.rule = rule
            self.configuration = configuration
            self.relativeVarianceFloor = relativeVarianceFloor
            self.jobs = jobs
            self.pathCount = pathCount
            self.extraPathStarts = extraPathStarts
            self.pathAcceleration = pathAcceleration
        }
    }

    public let options: Options
    /// The values EM ran on (for a population, its quantile points).
    public let data: [Double]
    /// The truth, for a population landscape.
    public let truth: GaussianMixture?
    /// One per start, row-major (``LandscapePlane/point(_:)``).
    public let ends: [LandscapeEnd]
    /// Maxima (by descending ℓ), saddles (by descending ℓ), then collapse and cap when any start ended so.
    public let limits: [LandscapeLimit]
    /// The median iterations over every start.
    public let medianIterations: Double
    /// The share of starts that needed more than 10× ``medianIterations``.
    public let slowFraction: Double
    /// The paths asked for.
    public let paths: [LandscapePath]

    public var plane: LandscapePlane { options.plane }
    /// The saddles among the limits.
    public var saddles: [LandscapeLimit] { limits.filter { $0.kind == .saddle } }
    /// Whether ℓ is per observation (a population) or a sample's total.
    public var isPopulation: Bool { truth != nil }
    /// What reported ℓ values are multiplied by: 1 for a sample, 1/m for a population.
    public var logLikelihoodScale: Double { isPopulation ? 1 / Double(data.count) : 1 }

    /// The landscape of a sample.
    ///
    /// - Parameters:
    ///   - data: the values (finite, at least K distinct).
    ///   - options: the plane, the rule, the model, the workers and the paths.
    /// - Throws: ``EMLabError`` `.invalidOption` when a start is not a
    ///   mixture (``LandscapeStartRule/check(plane:)``) or cannot be put on the
    ///   data's scale; `.invalidData` when the data hold fewer than K distinct
    ///   values or all are equal.
    /// - Complexity: O(N²·I·n·K) for I iterations a start, on `jobs` workers.
    public static func run(data: [Double], options: Options) throws -> Landscape {
        try run(data: data, truth: nil, options: options)
    }

    /// The landscape of a population: EM on the midpoint quantiles of
    /// `truth` (``PopulationPoints/points(of:count:)``), ℓ per observation.
    ///
    /// - Parameters:
    ///   - truth: the population.
    ///   - points: its quantile points (made once by the caller, who also builds the rule from them).
    /// - Throws: as ``run(data:options:)``.
    public static func run(population truth: GaussianMixture, points: [Double], options: Options) throws -> Landscape {
        try run(data: points, truth: truth, options: options)
    }

    static func run(data: [Double], truth: GaussianMixture?, options: Options) throws -> Landscape {
        let plane = options.plane, rule = options.rule
        try rule.check(plane: plane)
        try Initialization.requireDistinctValues(data, componentCount: rule.componentCount)
        let standard = try StandardizedFit(data: data)
        let configuration = options.configuration
        let mapped = standard.standardized(configuration, relativeVarianceFloor: options.relativeVarianceFloor)
        let dataSD = Initialization.standardDeviation(data[...])
        // Every start is checked before any work, so a bad one fails with one clear message.
        let starts = try (0..<plane.startCount).map { index -> GaussianMixture in
            let (x, y) = plane.point(index)
            return try standard.standardize(rule.start(x: x, y: y, plane: plane, data: data))
        }
        let fit = options.estimator ?? { ExpectationMaximization.fit(data: $0, start: $1, configuration: $2) }
        let fitted = parallelMap(starts.count, jobs: options.jobs) { index -> (FitResult, LimitClassification) in
            let result = fit(standard.standardized, starts[index], mapped)
            return (result, LimitClassification(standardizedResult: result, standard: standard, configuration: mapped))
        }
        let shift = Double(data.count) * standard.logScale
        // Gather the ends into limits, in grid order (so the result is the same for any workers).
        var members: [[Int]] = []
        var representatives: [Int] = []
        var limitOf = [Int](repeating: 0, count: starts.count)
        for (index, (result, verdict)) in fitted.enumerated() {
            let ll = result.logLikelihood - shift
            var found: Int?
            for (c, r) in representatives.enumerated() {
                let (other, otherVerdict) = fitted[r]
                if verdict.kind == .collapse || verdict.kind == .cap {
                    if otherVerdict.kind == verdict.kind { found = c }
                } else if LimitClassification.sameLimit(verdict, ll, otherVerdict, other.logLikelihood - shift, dataSD: dataSD) {
                    found = c
                }
                if found != nil { break }
            }
            if let c = found {
                members[c].append(index)
                // The representative is the best ℓ (the first such).
                if ll > fitted[representatives[c]].0.logLikelihood - shift { representatives[c] = index }
            } else {
                members.append([index])
                representatives.append(index)
            }
            limitOf[index] = found ?? (members.count - 1)
        }
        let total = Double(starts.count)
        var limits = members.indices.map { c -> LandscapeLimit in
            let r = representatives[c]
            let (result, verdict) = fitted[r]
            let known = verdict.kind == .maximum || verdict.kind == .saddle
            return LandscapeLimit(
                kind: verdict.kind, logLikelihood: known ? result.logLikelihood - shift : .nan, mixture: known ? verdict.mixture : nil,
                observedInformationEigenvalues: verdict.observedInformationEigenvalues, count: members[c].count,
                share: Double(members[c].count) / total, medianIterations: median(members[c].map { fitted[$0].0.iterations }),
                label: nil, representative: r)
        }
        // Order: maxima by ℓ, saddles by ℓ, collapse, cap; label the first two kinds 1, 2, …
        let rank: [LandscapeLimit.Kind: Int] = [.maximum: 0, .saddle: 1, .collapse: 2, .cap: 3]
        let order = limits.indices.sorted { a, b in
            let (la, lb) = (limits[a], limits[b])
            if la.kind != lb.kind { return rank[la.kind]! < rank[lb.kind]! }
            if la.logLikelihood != lb.logLikelihood { return la.logLikelihood > lb.logLikelihood }
            return la.representative < lb.representative
        }
        var newIndex = [Int](repeating: 0, count: limits.count)
        for (position, old) in order.enumerated() { newIndex[old] = position }
        limits = order.map { limits[$0] }
        var counters: [LandscapeLimit.Kind: Int] = [:]
        for i in limits.indices where limits[i].kind == .maximum || limits[i].kind == .saddle {
            counters[limits[i].kind, default: 0] += 1
            limits[i].label = counters[limits[i].kind]
        }
        let ends = fitted.enumerated().map { index, fit in
            LandscapeEnd(
                startLogLikelihood: fit.0.startLogLikelihood - shift, logLikelihood: fit.0.logLikelihood - shift,
                iterations: fit.0.iterations, limit: newIndex[limitOf[index]],
                relabelled: zip(fit.0.mixture.means, fit.0.mixture.means.dropFirst()).contains { $0 > $1 })
        }
        let overall = median(ends.map(\.iterations))
        let slow = Double(ends.filter { Double($0.iterations) > 10 * overall }.count) / total

        // The paths: EM (and the accelerated fit) again from the chosen starts, traced.
        let pathStarts =
            LandscapePath.startIndices(count: options.pathCount, gridSize: plane.gridSize).map { starts[$0] }
            + (try options.extraPathStarts.map { try standard.standardize($0) })
        let paths = pathStarts.map { start -> LandscapePath in
            func traced(_ acceleration: EMConfiguration.Acceleration) -> [(x: Double, y: Double)] {
                var traceConfiguration = mapped
                traceConfiguration.recordTrace = true
                traceConfiguration.acceleration = acceleration
                let result = standard.restore(
                    acceleration == .none
                        ? fit(standard.standardized, start, traceConfiguration)
                        : ExpectationMaximization.fit(data: standard.standardized, start: start, configuration: traceConfiguration))
                return (result.trace?.mixtures ?? []).map { (plane.horizontal.value(in: $0), plane.vertical.value(in: $0)) }
            }
            let accelerated = options.pathAcceleration.map { traced(.squarem($0)) } ?? []
            let em = traced(.none)
            return LandscapePath(start: em.first ?? (.nan, .nan), em: em, accelerated: accelerated)
        }
        return Landscape(
            options: options, data: data, truth: truth, ends: ends, limits: limits, medianIterations: overall,
            slowFraction: slow, paths: paths)
    }

    /// The median of counts (the mean of the middle two for an even number); NaN when empty.
    static func median(_ values: [Int]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : 0.5 * Double(sorted[middle - 1] + sorted[middle])
    }
}
