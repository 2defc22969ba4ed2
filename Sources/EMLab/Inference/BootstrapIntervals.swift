import Foundation

/// Bootstrap confidence intervals for a fit's weights, means and sds
/// (Efron & Tibshirani, *An Introduction to the Bootstrap*, 1993, ch. 13;
/// Davison & Hinkley, *Bootstrap Methods and their Application*, 1997,
/// §5.2–5.3; for mixtures McLachlan & Peel, *Finite Mixture Models*, 2000,
/// §2.16.3).
///
/// B samples of n values are drawn — by resampling the data with replacement
/// (nonparametric) or from the fitted mixture (parametric) — and each is
/// refitted by EM **from the original estimate**, as mixtools' `boot.se`
/// refits from `em.fit`'s parameters. Each refit's components are then
/// relabelled to match the original fit (``LabelAlignment``, distances in
/// units of the original σ_k), so "component 1" means the same component in
/// every refit. From the B values θ*_b of a parameter with estimate θ̂, and
/// q_a their a-quantile (linear interpolation between order statistics,
/// R's `quantile(type = 7)`), at level 1 − α:
///
/// - **percentile** interval [q_{α/2}, q_{1−α/2}];
/// - **basic** interval [2θ̂ − q_{1−α/2}, 2θ̂ − q_{α/2}];
/// - the bootstrap standard error, the sd of the θ*_b (divisor B − 1, as
///   mixtools' `apply(…, sd)`).
///
/// ## Nothing redrawn, failures shown
/// mixtools' `boot.se` redraws a sample whose refit failed or restarted
/// (`j = j - 1`), so its intervals silently condition on success. Here every
/// sample is kept and classified: **degenerate** (collapsed, degenerated or
/// non-finite: ``MultiStart/isSetAside(_:)``), **capped** (stopped at the
/// iteration cap), or **clean** (converged). Intervals are given twice:
/// over every refit with finite parameters (``all``) and over the clean
/// ones only (``clean``), so the effect of the failures is visible.
///
/// ## Seeds
/// Sample b (1…B) draws from `SeedDerivation.seed(study: t, condition: 1,
/// replicate: b, start: 0)`, with t = `SeedDerivation.seed(study: S,
/// condition: 0, replicate: K, start: 1)` for nonparametric and `start: 2`
/// for parametric samples (condition 0 is used by no start or test).
/// Samples are refitted in parallel; each writes its own slot, so the
/// result is the same bytes on any number of cores.
public struct BootstrapIntervals: Sendable {
    /// How samples are drawn.
    public enum Kind: String, CaseIterable, Sendable {
        /// Resample the n values with replacement (`gsl_rng_uniform_int`).
        case nonparametric
        /// Draw n values from the fitted mixture.
        case parametric

        var seedSlot: Int { self == .nonparametric ? 1 : 2 }
    }

    /// How a refit ended.
    public enum Outcome: String, Sendable {
        case clean, capped, degenerate
    }

    /// One refit, relabelled to the original fit.
    public struct Refit: Sendable {
        public var outcome: Outcome
        /// The refitted mixture with its components in the original's order.
        public var mixture: GaussianMixture
        /// Whether every weight, mean and sd is finite (the refit can enter ``all``).
        public var finite: Bool
    }

    /// The intervals of every parameter over one set of refits.
    public struct Summary: Equatable, Sendable {
        /// The refits the summary is over.
        public var refits: Int
        public var percentile: Parameters
        public var basic: Parameters
        /// The sd of the bootstrap values, per parameter (nil: fewer than two refits, or not estimated).
        public var standardErrors: StandardErrors
    }

    /// One interval per weight, mean and sd (nil: not estimated, or no refits).
    public struct Parameters: Equatable, Sendable {
        public var weights: [WaldIntervals.Interval?]
        public var means: [WaldIntervals.Interval?]
        public var sds: [WaldIntervals.Interval?]
    }

    public var kind: Kind
    public var level: Double
    /// B.
    public var replicates: Int
    /// Every refit, in sample order.
    public var refits: [Refit]
    /// Over every refit with finite parameters (degenerate and capped ones included).
    public var all: Summary
    /// Over the clean refits only.
    public var clean: Summary

    /// Refits that collapsed, degenerated or went non-finite.
    public var degenerate: Int { refits.filter { $0.outcome == .degenerate }.count }
    /// Refits that stopped at the iteration cap (and did not collapse).
    public var capped: Int { refits.filter { $0.outcome == .capped }.count }
    /// Refits with a non-finite parameter: in neither summary.
    public var nonFinite: Int { refits.filter { !$0.finite }.count }

    /// The seed of sample b (1…B).
    public static func sampleSeed(study: UInt64, componentCount k: Int, kind: Kind, replicate b: Int) -> UInt64 {
        let t = SeedDerivation.seed(study: study, condition: 0, replicate: k, start: kind.seedSlot)
        return SeedDerivation.seed(study: t, condition: 1, replicate: b, start: 0)
    }

    /// Draws sample b: the data resampled, or n values from `mixture`.
    ///
    /// - Parameter random: the study's recipe; its seed is the study seed S
    ///   the sample's own seed derives from (``sampleSeed(study:componentCount:kind:replicate:)``).
    public static func sample(_ b: Int, data: [Double], mixture: GaussianMixture, kind: Kind, random: StreamRecipe) -> [Double] {
        let stream = random.seeded(sampleSeed(study: random.seed, componentCount: mixture.componentCount, kind: kind, replicate: b))
            .makeSource()
        switch kind {
        case .nonparametric: return (0..<data.count).map { _ in data[stream.index(below: data.count)] }
        case .parametric: return mixture.sample(count: data.count, using: stream).values
        }
    }

    /// Bootstraps `fit`, a fit of `data` under `configuration`.
    ///
    /// - Parameters:
    ///   - data: the observations.
    ///   - fit: the original estimate (the refits' start and the labels' reference).
    ///   - configuration: the model and stopping rule of every refit (its
    ///     collapse threshold is set per sample from the sample's sd).
    ///   - kind: nonparametric or parametric.
    ///   - replicates: B ≥ 2.
    ///   - level: the coverage, in (0, 1).
    ///   - seed: the seed S the sample seeds derive from.
    /// - Returns: every refit and both summaries.
    ///   - random: the samples' generator and normal method, and the seed S
    ///     each sample's seed derives from (GSL's own methods, whatever the recipe's kind).
    /// - Complexity: B EM fits of n values, and O(B log B) per parameter for the quantiles.
    public static func run(
        data: [Double], fit: GaussianMixture, configuration: EMConfiguration, kind: Kind,
        replicates: Int, level: Double, random: StreamRecipe = StreamRecipe()
    ) -> BootstrapIntervals {
        precondition(replicates >= 2, "at least two bootstrap samples")
        precondition(level > 0 && level < 1, "a confidence level lies in (0, 1)")
        let refits = parallelMap(replicates) { index -> Refit in
            let sample = Self.sample(index + 1, data: data, mixture: fit, kind: kind, random: random)
            var sampleConfiguration = configuration
            sampleConfiguration.recordTrace = false
            sampleConfiguration.collapseThreshold = FailureModes.collapseRatio * Initialization.standardDeviation(sample)
            let result = ExpectationMaximization.fit(data: sample, start: fit, configuration: sampleConfiguration)
            let m = result.mixture
            let finite = (m.weights + m.means + m.standardDeviations).allSatisfy(\.isFinite)
            let aligned = finite ? LabelAlignment.relabel(m, by: LabelAlignment.bestPermutation(estimate: m, truth: fit)) : m
            let outcome: Outcome = MultiStart.isSetAside(result) ? .degenerate : (result.stopReason == .iterationCap ? .capped : .clean)
            return Refit(outcome: outcome, mixture: aligned, finite: finite)
        }
        let layout = FreeParameterLayout(componentCount: fit.componentCount, weights: configuration.weights, variance: configuration.variance)
        return BootstrapIntervals(
            kind: kind, level: level, replicates: replicates, refits: refits,
            all: summary(refits.filter(\.finite).map(\.mixture), estimate: fit, layout: layout, level: level),
            clean: summary(
                refits.filter { $0.finite && $0.outcome == .clean }.map(\.mixture), estimate: fit,
                layout: layout, level: level))
    }

    /// The percentile and basic intervals and the standard errors over `mixtures`.
    static func summary(
        _ mixtures: [GaussianMixture], estimate: GaussianMixture, layout: FreeParameterLayout,
        level: Double
    ) -> Summary {
        let k = estimate.componentCount
        let alpha = 1 - level
        func parameter(_ values: [Double], _ estimate: Double, estimated: Bool) -> (WaldIntervals.Interval?, WaldIntervals.Interval?, Double?) {
            guard estimated, !values.isEmpty else { return (nil, nil, nil) }
            let sorted = values.sorted()
            let low = quantile(sorted, alpha / 2), high = quantile(sorted, 1 - alpha / 2)
            return (
                WaldIntervals.Interval(low: low, high: high),
                WaldIntervals.Interval(low: 2 * estimate - high, high: 2 * estimate - low),
                standardDeviation(values)
            )
        }
        var percentile = Parameters(weights: [], means: [], sds: []), basic = percentile
        var seWeights: [Double?] = [], seMeans: [Double?] = [], seSDs: [Double?] = []
        for j in 0..<k {
            let w = parameter(mixtures.map { $0.weights[j] }, estimate.weights[j], estimated: layout.weightsFree && k > 1)
            let m = parameter(mixtures.map { $0.means[j] }, estimate.means[j], estimated: true)
            let s = parameter(
                mixtures.map { $0.standardDeviations[j] }, estimate.standardDeviations[j],
                estimated: layout.variances != .known)
            percentile.weights.append(w.0)
            basic.weights.append(w.1)
            seWeights.append(w.2)
            percentile.means.append(m.0)
            basic.means.append(m.1)
            seMeans.append(m.2)
            percentile.sds.append(s.0)
            basic.sds.append(s.1)
            seSDs.append(s.2)
        }
        return Summary(
            refits: mixtures.count, percentile: percentile, basic: basic,
            standardErrors: StandardErrors(
                weights: seWeights, means: seMeans, sds: seSDs,
                reason: mixtures.isEmpty ? "no refit to take them from" : nil))
    }

    /// The p-quantile of ascending `sorted` by linear interpolation between
    /// order statistics: h = (B − 1)p, x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋)
    /// (Hyndman & Fan 1996, definition 7; R's default).
    ///
    /// - Complexity: O(1).
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty, "a quantile needs values")
        let h = Double(sorted.count - 1) * p
        let lower = Int(h.rounded(.down))
        guard lower + 1 < sorted.count else { return sorted[sorted.count - 1] }
        return sorted[lower] + (h - Double(lower)) * (sorted[lower + 1] - sorted[lower])
    }

    /// The sd with divisor B − 1; nil for fewer than two values.
    static func standardDeviation(_ values: [Double]) -> Double? {
        guard values.count > 1 else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
    }
}
