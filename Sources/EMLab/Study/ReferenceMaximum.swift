import Foundation

/// The `[reference]` table of an experiment: how a study finds the best
/// maximum known for each data set, and the ε of "worse than it".
///
/// ```toml
/// [reference]
/// grid = 5            # the means grid: every K of 5 rank-group means
/// kmeans_starts = 3   # k-means++ starts, seeded from the data set
/// polish = true       # Newton steps on the observed information
/// tolerance = 1e-6    # ε = tolerance·max(1, |ℓ_ref|)
/// ```
public struct ReferenceSettings: Sendable, Equatable {
    /// The grid over the means: the data's `grid` rank groups' means; every
    /// K of them (C(grid, K) starts) is one start.
    public var grid: Int = 5
    /// How many k-means++ starts (Arthur & Vassilvitskii 2007), each from a
    /// stream seeded by the data set, so every machine draws the same.
    public var kmeansStarts: Int = 3
    /// Whether every candidate is polished by Newton steps (``NewtonPolish``).
    public var polish: Bool = true
    /// ε relative: a fit is worse when ℓ < ℓ_ref − tolerance·max(1, |ℓ_ref|).
    public var tolerance: Double = 1e-6

    public init(grid: Int = 5, kmeansStarts: Int = 3, polish: Bool = true, tolerance: Double = 1e-6) {
        self.grid = grid
        self.kmeansStarts = kmeansStarts
        self.polish = polish
        self.tolerance = tolerance
    }

    /// ε at a reference ℓ_ref: `tolerance`·max(1, |ℓ_ref|).
    public func epsilon(_ reference: Double) -> Double { tolerance * max(1, abs(reference)) }

    /// The most starts a `grid` may make for one model: C(grid, K) ≤ this.
    public static let gridStartLimit = 1000

    /// C(n, k), or nil above `limit` (it is never computed past it).
    static func choose(_ n: Int, _ k: Int, limit: Int) -> Int? {
        guard k >= 0, k <= n else { return 0 }
        var value = 1
        for i in 0..<min(k, n - k) {
            value = value * (n - i) / (i + 1)
            if value > limit { return nil }
        }
        return value
    }
}

/// The reference maximum of every data set of a study (issue 22), and
/// turboEM's three failure types against it.
///
/// A study with a `[reference]` table judges each fit against the best
/// maximum known for its data set under its model (its K, weights, variance
/// model and floor): the highest ℓ reached by
/// - every estimator's every start on that data set (runs.csv's rows),
/// - plain EM from the truth, from the quantile start, from every start of a
///   grid over the means and from k-means++ starts (``bestOfStarts(data:dataSD:condition:replicate:experiment:settings:)``),
/// - each of them polished by Newton steps (``NewtonPolish``).
///
/// Fits that collapsed or have no estimate do not set the reference: a
/// collapsing component's ℓ grows without bound, and it is no maximum.
///
/// The work is split so that studies stay parallel, resumable and
/// shardable. Each unit writes its fits' polished ℓ (`logLikelihoodPolished`),
/// and the one unit that owns a (data set, model) — the first condition in
/// design order with it, ``owners(_:)`` — writes the best of the extra
/// starts (`logLikelihoodStarts`). When every unit is on disk, ``annotate(runsPath:experiment:)``
/// groups the rows by (data set, model) and fills in the verdict columns;
/// it reads only the unit columns, so running it again (after a resume, or
/// over merged shards) gives the same bytes.
///
/// turboEM's failures (Bobb & Varadhan, R package turboEM, `turbosim`'s
/// summary), as columns of 0/1:
/// - `failError`: the fit has no estimate (non-finite, degenerate, no start);
/// - `failNotConverged`: it stopped at the cap;
/// - `failWorse`: otherwise, ℓ < ℓ_ref − ε.
public enum ReferenceMaximum {
    /// The columns each unit writes: the fit polished, and (owner rows) the best extra start.
    public static let unitColumns = ["logLikelihoodPolished", "logLikelihoodStarts"]
    /// The columns the pass over the finished rows fills in.
    public static let verdictColumns = [
        "logLikelihoodReference", "referenceHits", "referenceFits", "failError", "failNotConverged", "failWorse"
    ]
    /// turboEM's failure types, as runs.csv names them.
    public static let failureColumns = ["failError", "failNotConverged", "failWorse"]

    /// What identifies a condition's model for the reference: K, the
    /// weights (and fixed values), the variance model and both floors.
    static func modelForm(_ condition: Condition) -> String {
        let configuration = condition.configuration
        let fixed = condition.estimator.fixedWeights.map { $0.map(formatNumber).joined(separator: " ") } ?? ""
        return [
            String(condition.componentCount), configuration.weights.rawValue, fixed, configuration.variance.description,
            formatNumber(configuration.varianceFloor), formatNumber(condition.estimator.relativeVarianceFloor)
        ].joined(separator: "|")
    }

    /// The condition index of each condition's (data sets, model) group: the
    /// first condition in design order with the same data and model.
    ///
    /// - Complexity: O(C) for C conditions.
    public static func groupOwners(_ conditions: [Condition]) -> [Int: Int] {
        var first: [String: Int] = [:], owner: [Int: Int] = [:]
        for condition in conditions {
            let key = "\(condition.dataIndex)|\(modelForm(condition))"
            owner[condition.index] = first[key] ?? condition.index
            if first[key] == nil { first[key] = condition.index }
        }
        return owner
    }

    /// The conditions whose units compute the extra starts: one per (data sets, model).
    public static func owners(_ conditions: [Condition]) -> Set<Int> {
        Set(groupOwners(conditions).filter { $0.key == $0.value }.keys)
    }

    /// The model a reference fit runs under: the condition's, as the study
    /// fits the data set (``Simulation/fitted(_:dataSD:)``), by plain EM:
    /// no accelerator, no remedy, no trace.
    static func plainConfiguration(_ condition: Condition, dataSD: Double) -> EMConfiguration {
        var configuration = Simulation.fitted(condition, dataSD: dataSD)
        configuration.acceleration = .none
        configuration.remedy = .none
        configuration.recordTrace = false
        return configuration
    }

    /// ℓ of `result` polished by Newton steps under `configuration`'s model,
    /// or nil when the fit has no estimate or collapsed (it sets no reference).
    static func polished(_ result: FitResult, data: [Double], configuration: EMConfiguration, polish: Bool) -> Double? {
        guard !MultiStart.isSetAside(result) else { return nil }
        guard polish else { return result.logLikelihood }
        var model = configuration
        model.remedy = .none
        return NewtonPolish.polish(
            data: data, from: result.mixture, logLikelihood: result.logLikelihood, configuration: model
        ).logLikelihood
    }

    /// The best ℓ of plain EM from the truth, the quantile start, the grid
    /// over the means and the k-means++ starts, each polished; nil when no
    /// start gave an estimate.
    ///
    /// The grid's points are the means of the data's `grid` rank groups
    /// (``RankGroups``: the same bits on every machine); each K of them, in
    /// ascending order, is a start with equal weights and the data's sd. The
    /// k-means++ starts draw from `SeedDerivation.seed(study, dataIndex,
    /// replicate, −m)`, m = 1, 2, …, which neither the data (start 0) nor any
    /// fit (start ≥ 1) uses.
    ///
    /// - Complexity: 1 + 1 + C(grid, K) + `kmeansStarts` EM fits.
    public static func bestOfStarts(
        data: [Double], dataSD: Double, condition: Condition, replicate: Int, experiment: Experiment,
        settings: ReferenceSettings
    ) -> Double? {
        let k = condition.componentCount
        let configuration = plainConfiguration(condition, dataSD: dataSD)
        var starts: [GaussianMixture] = []
        if let truth = condition.truth.mixture, truth.componentCount == k { starts.append(truth) }
        let unseeded = DeferredRandomStream { Simulation.stream(experiment: experiment, seed: 1) }
        if let quantile = try? Initialization.quantile.start(data: data, componentCount: k, random: unseeded, dataSD: dataSD) {
            starts.append(quantile)
        }
        let points = RankGroups.moments(data, groups: min(settings.grid, data.count)).means
        let equal = Array(repeating: 1 / Double(k), count: k), sds = Array(repeating: dataSD, count: k)
        for subset in combinations(points.count, k) {
            if let start = try? GaussianMixture(weights: equal, means: subset.map { points[$0] }, standardDeviations: sds) {
                starts.append(start)
            }
        }
        for m in 0..<settings.kmeansStarts {
            let seed = SeedDerivation.seed(study: experiment.seed, condition: condition.dataIndex, replicate: replicate, start: -(m + 1))
            let random = Simulation.stream(experiment: experiment, seed: seed)
            if let start = try? Initialization.kmeansPlusPlus.start(data: data, componentCount: k, random: random, dataSD: dataSD) {
                starts.append(start)
            }
        }
        var best: Double?
        for start in starts {
            let result = ExpectationMaximization.fit(
                data: data, start: Simulation.prepared(start, condition: condition), configuration: configuration)
            if let value = polished(result, data: data, configuration: configuration, polish: settings.polish), value.isFinite {
                best = max(best ?? value, value)
            }
        }
        return best
    }

    /// Every k-subset of 0..<n, in lexicographic order.
    static func combinations(_ n: Int, _ k: Int) -> [[Int]] {
        guard k >= 1, k <= n else { return [] }
        var result: [[Int]] = []
        var subset = Array(0..<k)
        while true {
            result.append(subset)
            var i = k - 1
            while i >= 0 && subset[i] == n - k + i { i -= 1 }
            if i < 0 { return result }
            subset[i] += 1
            for j in (i + 1)..<k { subset[j] = subset[j - 1] + 1 }
        }
    }

    /// Fills in the verdict columns of the runs.csv at `runsPath` (its unit
    /// columns written), rewriting it atomically.
    ///
    /// - Throws: ``EMLabError`` `.io` when the file cannot be read or
    ///   written, `.invalidData` when a row names a condition the experiment lacks.
    /// - Complexity: two passes over the file; O(R) memory for R rows (a
    ///   group, a value and a verdict each).
    public static func annotate(runsPath: String, experiment: Experiment, settings: ReferenceSettings) throws {
        let owners = groupOwners(experiment.conditions)
        struct GroupKey: Hashable {
            var owner: Int
            var replicate: Int
        }
        var groupOf: [GroupKey: Int] = [:]
        var reference: [Double] = [], hits: [Int] = [], fits: [Int] = []
        var rowGroup: [Int32] = [], rowLogLikelihood: [Double] = []

        var reader = try RunsReader(path: runsPath)
        let columns = reader.columns
        let polishedColumn = try columns.index("logLikelihoodPolished"), startsColumn = try columns.index("logLikelihoodStarts")
        let collapsedColumn = try columns.index("collapsed")
        let verdictIndices = try verdictColumns.map(columns.index)
        while let row = try reader.next() {
            guard let condition = row.condition, let replicate = row.replicate, let owner = owners[condition] else {
                throw EMLabError(.invalidData, "\(runsPath):\(reader.lineNumber): condition '\(row[columns.condition])' is not in the experiment")
            }
            let key = GroupKey(owner: owner, replicate: replicate)
            let group: Int
            if let known = groupOf[key] {
                group = known
            } else {
                group = reference.count
                groupOf[key] = group
                reference.append(-.infinity)
                hits.append(0)
                fits.append(0)
            }
            let value = row.logLikelihood ?? .nan
            let error = isError(row)
            rowGroup.append(Int32(group))
            rowLogLikelihood.append(error ? .nan : value)
            var candidates = [row.number(startsColumn) ?? .nan]
            if !error && !row.field(collapsedColumn, is: "1") { candidates += [value, row.number(polishedColumn) ?? .nan] }
            for candidate in candidates where candidate.isFinite { reference[group] = max(reference[group], candidate) }
        }
        for (group, value) in zip(rowGroup, rowLogLikelihood) {
            let g = Int(group)
            fits[g] += 1
            if value.isFinite && reference[g].isFinite && value >= reference[g] - settings.epsilon(reference[g]) { hits[g] += 1 }
        }

        reader = try RunsReader(path: runsPath)
        var index = 0
        try AtomicFile.write(to: runsPath) { emit in
            try emit(CSVFormat.row(columns.header))
            while let row = try reader.next() {
                let g = Int(rowGroup[index]), value = rowLogLikelihood[index]
                index += 1
                var fields = row.record.fields
                let ref = reference[g]
                let failError = !value.isFinite, failNotConverged = !failError && row.stopReason == StopReason.iterationCap.rawValue
                let failWorse = !failError && !failNotConverged && ref.isFinite && value < ref - settings.epsilon(ref)
                let verdict = [
                    ref.isFinite ? formatNumber(ref) : "", String(hits[g]), String(fits[g]),
                    failError ? "1" : "0", failNotConverged ? "1" : "0", failWorse ? "1" : "0"
                ]
                for (i, field) in zip(verdictIndices, verdict) { fields[i] = field }
                try emit(CSVFormat.row(fields))
            }
        }
    }

    /// Whether a row's fit has no estimate: turboEM's "error" (no start, non-finite, degenerate).
    static func isError(_ row: RunRecord) -> Bool {
        let reason = row.stopReason
        return reason == "no-start" || reason == StopReason.nonFinite.rawValue || reason == StopReason.degenerate.rawValue
            || !(row.logLikelihood?.isFinite ?? false)
    }
}
