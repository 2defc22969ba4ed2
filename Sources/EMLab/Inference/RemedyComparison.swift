/// Which remedy for collapsed variances changed the answer: the same data
/// fitted from the same start with no remedy, the relative floor, restarts,
/// a shared variance, mclust's prior, the variance-ratio constraint, Chen,
/// Tan & Zhang's penalty and MixtureInf's replay, each fit as `emlab fit`
/// fits (``FitRequest/run(data:)``), set beside the unremedied one.
///
/// No tool offers more than one family of remedy, and none says which one
/// moved the estimate (issue 23); this puts them in one table.
public struct RemedyComparison: Sendable {
    /// One remedy's fit and how far it lies from the unremedied one.
    public struct Row: Sendable {
        /// The remedy in words, e.g. `prior=mclust`, `floor=1e-3·var(x)`.
        public var name: String
        /// The fit, as ``FitRequest/run(data:)`` gave it.
        public var outcome: FitOutcome
        /// Component k of the table is the fit's component `permutation[k]`:
        /// the labels that best match the unremedied fit (``LabelAlignment``).
        public var permutation: [Int]
        /// Whether the remedy was active at the solution: the floor binds,
        /// a restart was taken, the bound binds, the prior or penalty moves a
        /// variance by more than 1% (``FitResult/remedyActive``); nil for
        /// none and the shared variance, which are models, not remedies.
        public var active: Bool?
        /// ℓ(this) − ℓ(unremedied); NaN when either has no estimate.
        public var logLikelihoodShift: Double
        /// Per component, this estimate minus the unremedied one (weights,
        /// means, sds), after label alignment; nil when either has no estimate.
        public var shift: GaussianMixture?
        /// Whether this fit's maximum differs from the unremedied one: the
        /// unremedied fit has no estimate and this one has, or some weight
        /// moved by more than 1e-3, or some mean or sd by more than 1e-3 of
        /// the data's sd (``differenceTolerance``).
        public var differs: Bool
    }

    /// The rows, the unremedied fit first.
    public var rows: [Row]

    /// A weight moving by more than this, or a mean or sd by more than this
    /// times the data's sd, is a different maximum.
    public static let differenceTolerance = 1e-3
    /// The relative floor the comparison's floor row uses (σ² ≥ 1e-3·var(x)).
    public static let relativeFloor = 1e-3
    /// The restarts the comparison's restart row allows.
    public static let restarts = 10
    /// The variance-ratio bound of the comparison (tclust's default).
    public static let varianceRatio = 12.0

    /// Whether `result` is another maximum than `reference`: exactly one of
    /// them has an estimate, or, components matched by label alignment, a
    /// weight differs by more than ``differenceTolerance`` or a mean or sd by
    /// more than that times `dataSD`.
    public static func differs(_ result: FitResult, from reference: FitResult, dataSD: Double) -> Bool {
        guard !result.hasNoEstimate && !reference.hasNoEstimate else { return result.hasNoEstimate != reference.hasNoEstimate }
        let permutation = LabelAlignment.bestPermutation(estimate: result.mixture, truth: reference.mixture)
        let a = LabelAlignment.relabel(result.mixture, by: permutation), b = reference.mixture
        for j in 0..<b.componentCount {
            if abs(a.weights[j] - b.weights[j]) > differenceTolerance { return true }
            if abs(a.means[j] - b.means[j]) > differenceTolerance * dataSD { return true }
            if abs(a.standardDeviations[j] - b.standardDeviations[j]) > differenceTolerance * dataSD { return true }
        }
        return false
    }

    /// Runs every remedy on `data` from `request`'s start.
    ///
    /// - Parameters:
    ///   - request: the fit as asked (K, stopping rule, start, level, stream);
    ///     its remedy, floors and restarts are replaced row by row, and its
    ///     start 1 is fixed as explicit initial values so every row starts
    ///     there (restarts redraw by `data-points` when the start is the
    ///     deterministic quantile split, which would only repeat itself).
    ///   - data: the values, finite.
    /// - Throws: what ``FitRequest/run(data:)`` throws.
    /// - Complexity: eight fits of `request`.
    public static func run(request: FitRequest, data: [Double]) throws -> RemedyComparison {
        try request.validate()
        try request.validate(data: data)
        let standard = try StandardizedFit(data: data)
        let start = try request.startingMixture(standard: standard, random: request.random.makeSource())
        var base = request
        base.configuration.remedy = .none
        base.configuration.varianceFloor = 0
        base.relativeVarianceFloor = 0
        base.maxRestarts = 0
        base.initialWeights = start.weights
        base.initialMeans = start.means
        if case .known = base.configuration.variance {} else { base.initialStandardDeviations = start.standardDeviations }
        let dataSD = Initialization.standardDeviation(data[...])

        var variants: [(String, FitRequest)] = [("none", base)]
        var floored = base
        floored.relativeVarianceFloor = relativeFloor
        variants.append(("floor=\(formatNumber(relativeFloor))·var(x)", floored))
        var restarted = base
        restarted.maxRestarts = restarts
        if restarted.initialization == .quantile { restarted.initialization = .dataPoints }
        if restarted.starts == 1 { variants.append(("restarts≤\(restarts)", restarted)) }
        if case .perComponent = base.configuration.variance {
            var shared = base
            shared.configuration.variance = .shared
            shared.initialStandardDeviations = nil
            variants.append(("shared variance", shared))
        }
        for remedy: Remedy in [
            .prior(ConjugatePrior()), .varianceRatio(varianceRatio), .penalty(ChenTanPenalty()),
            .penalty(ChenTanPenalty(form: .asInMixtureInf))
        ] {
            var remedied = base
            remedied.configuration.remedy = remedy
            variants.append((remedy.description, remedied))
        }

        var rows: [Row] = []
        var reference: FitResult?
        for (name, variant) in variants {
            let outcome = try variant.run(data: data)
            var permutation = Array(0..<request.componentCount)
            if let reference, !reference.hasNoEstimate, !outcome.result.hasNoEstimate {
                permutation = LabelAlignment.bestPermutation(estimate: outcome.result.mixture, truth: reference.mixture)
            }
            var result = outcome.result
            result.mixture = LabelAlignment.relabel(result.mixture, by: permutation)
            let unremedied = reference ?? result
            var shift: GaussianMixture?
            var differs = false
            if !unremedied.hasNoEstimate && !result.hasNoEstimate {
                let a = result.mixture, b = unremedied.mixture
                let moved = GaussianMixture(
                    unchecked: zip(a.weights, b.weights).map { $0 - $1 }, means: zip(a.means, b.means).map { $0 - $1 },
                    standardDeviations: zip(a.standardDeviations, b.standardDeviations).map { $0 - $1 })
                shift = moved
                differs =
                    moved.weights.contains { abs($0) > differenceTolerance }
                    || moved.means.contains { abs($0) > differenceTolerance * dataSD }
                    || moved.standardDeviations.contains { abs($0) > differenceTolerance * dataSD }
            } else {
                differs = unremedied.hasNoEstimate != result.hasNoEstimate
            }
            var active = result.remedyActive
            if name.hasPrefix("floor") { active = outcome.assessment.floorActive }
            if name.hasPrefix("restarts") { active = outcome.restarts > 0 }
            let logLikelihoodShift =
                !unremedied.hasNoEstimate && !result.hasNoEstimate ? result.logLikelihood - unremedied.logLikelihood : .nan
            rows.append(
                Row(
                    name: name, outcome: outcome, permutation: permutation, active: active, logLikelihoodShift: logLikelihoodShift, shift: shift,
                    differs: differs))
            if reference == nil { reference = result }
        }
        return RemedyComparison(rows: rows)
    }
}
