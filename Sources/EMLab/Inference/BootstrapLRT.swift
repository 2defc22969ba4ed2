import Foundation

/// The parametric bootstrap likelihood-ratio test of K against K + 1
/// components (McLachlan 1987, "On bootstrapping the likelihood ratio test
/// statistic for the number of components in a normal mixture", *Applied
/// Statistics* 36(3), 318–324).
///
/// The statistic T = 2(ℓ_{K+1} − ℓ_K) has no χ² null distribution for
/// mixtures (the null lies on the boundary of the alternative), so it is
/// bootstrapped: B samples of n values are drawn from the fitted K-component
/// mixture, both models are refitted to each, and the p-value is the share
/// of bootstrap statistics T*_b at least as large as T,
///
///     p = (1 + #{b : T*_b ≥ T}) / (1 + B_used),
///
/// the form mclust's `mclustBootstrapLRT` uses (mixtools' `boot.comp` uses
/// #{T*_b ≥ T}/B, which can be 0).
///
/// ## What EMLab does differently from its anchors
/// Read from their source (mclust 6.0.0 `mclustBootstrapLRT`, mixtools
/// `boot.comp`):
/// - **Refits start from the fitted mixtures**, as mclust's do (`em()` from
///   `Mod0$parameters` and `Mod1$parameters`): the K-component refit from the
///   K-component fit, the (K + 1)-component refit from the (K + 1)-component
///   fit. Deterministic, so the test's only randomness is the samples.
///   (mixtools refits from fresh random starts.) The (K + 1)-component fit
///   to the *data* can be far from the sample's maximum, though — under the
///   null its extra component has nothing to find — and EM from there can
///   stop below the K-component refit, making T*_b spuriously small or
///   negative. So the (K + 1)-component refit also runs from the K-component
///   refit with its heaviest component split in two (``split(_:)``: the
///   same weight, mean and variance in total), and the higher of the two maxima
///   is T*_b's; ``Step/splitStartWins`` counts how often the split start won.
/// - **Failed refits are counted, not redrawn.** mclust redraws a sample
///   whose statistic is NA (`b <- b - 1`); mixtools redraws on an error
///   *and* on a negative statistic, which biases the null distribution
///   upward. Here a sample whose K-component refit, or both of whose
///   (K + 1)-component refits, collapsed, degenerated or went non-finite
///   (``MultiStart/isSetAside(_:)``) is left out and counted in
///   ``Step/failedRefits``; B_used = B − failed. A negative T*_b (the
///   K + 1 refit stopped at a lower maximum than the K refit) is kept and,
///   beyond rounding, counted in ``Step/negativeStatistics``; a refit that
///   hit the iteration cap is kept and counted in ``Step/cappedRefits``.
///
/// ## Seeds
/// Sample b of the test of K under variance model v draws from
/// `SeedDerivation.seed(study: t, condition: 1, replicate: b, start: 0)`
/// with the test's own seed t = `SeedDerivation.seed(study: S, condition: K,
/// replicate: v, start: 0)` (v as in ``MultiStart/seed(study:componentCount:variance:start:)``;
/// start 0 is never a fit's start). Samples are drawn and refitted in
/// parallel; each writes its own slot, so the result is the same bytes on
/// any number of cores.
public enum BootstrapLRT {
    /// One test, K against K + 1.
    public struct Step: Sendable {
        /// K, the null model's components.
        public var components: Int
        public var variance: EMConfiguration.Variance
        /// T = 2(ℓ_{K+1} − ℓ_K) on the data (nil when a fit is missing).
        public var statistic: Double?
        /// (1 + #{T*_b ≥ T}) / (1 + B_used) (nil when not tested).
        public var pValue: Double?
        /// B, the samples drawn.
        public var replicates: Int
        /// Samples left out because a refit collapsed, degenerated or went non-finite.
        public var failedRefits: Int
        /// Samples kept in which a refit stopped at the iteration cap.
        public var cappedRefits: Int
        /// Kept samples whose (K + 1)-component refit ended below the
        /// K-component refit by more than ``FailureModes/sameMaximumTolerance(_:)``:
        /// T*_b < 0 beyond rounding (a K + 1 refit that merged back into K
        /// components gives T*_b ≈ 0, which is not counted).
        public var negativeStatistics: Int
        /// Kept samples whose (K + 1)-component refit was higher from the
        /// split start than from the (K + 1)-component fit (mclust's only start).
        public var splitStartWins: Int
        /// T*_b of the kept samples, in sample order.
        public var bootstrapStatistics: [Double]
        /// Why the step was not tested (nil when it was).
        public var reason: String?

        /// B_used = B − failed.
        public var usedRefits: Int { replicates - failedRefits }
    }

    /// The seed of the test of K under `variance`.
    public static func testSeed(study: UInt64, componentCount k: Int, variance: EMConfiguration.Variance) -> UInt64 {
        SeedDerivation.seed(study: study, condition: k, replicate: MultiStart.varianceNumber(variance), start: 0)
    }

    /// The seed of sample b (1…B) of a test.
    public static func sampleSeed(test: UInt64, replicate b: Int) -> UInt64 {
        SeedDerivation.seed(study: test, condition: 1, replicate: b, start: 0)
    }

    /// Tests K against K + 1.
    ///
    /// - Parameters:
    ///   - count: n, the size of the data and of every sample.
    ///   - null: the K-component fit to the data (the bootstrap truth).
    ///   - alternative: the (K + 1)-component fit to the data.
    ///   - configuration: the model and stopping rule of both refits (its
    ///     collapse threshold is set per sample from the sample's sd).
    ///   - replicates: B ≥ 1.
    ///   - random: the samples' generator and normal method, and the study
    ///     seed S each sample's seed derives from.
    ///   - refitsBySQUAREM: refit by SQUAREM (Varadhan & Roland 2008) to the
    ///     same stopping rule, when the configuration has neither an
    ///     accelerator nor a remedy (the default): the same fixed points, in
    ///     a few cycles where EM crawls — and the (K + 1)-component refits
    ///     under the null crawl (an overfitted K), where EM under the cap
    ///     stops short and its T*_b comes out low. false: plain EM, as before.
    /// - Returns: the step; p is nil when no sample survived.
    /// - Complexity: B samples of n values and 3B EM (or SQUAREM) fits.
    public static func test(
        count n: Int, null: FitResult, alternative: FitResult, configuration: EMConfiguration,
        replicates: Int, random: StreamRecipe = StreamRecipe(), refitsBySQUAREM: Bool = true
    ) -> Step {
        precondition(replicates >= 1, "at least one bootstrap sample")
        let k = null.mixture.componentCount
        let statistic = 2 * (alternative.logLikelihood - null.logLikelihood)
        let test = testSeed(study: random.seed, componentCount: k, variance: configuration.variance)
        let nullMixture = null.mixture, alternativeMixture = alternative.mixture
        enum Refit: Sendable {
            case failed
            case kept(statistic: Double, capped: Bool, splitWon: Bool, negative: Bool)
        }
        let refits = parallelMap(replicates) { index -> Refit in
            let stream = random.seeded(sampleSeed(test: test, replicate: index + 1)).makeSource()
            let sample = nullMixture.sample(count: n, using: stream).values
            var sampleConfiguration = configuration
            sampleConfiguration.collapseThreshold = FailureModes.collapseRatio * Initialization.standardDeviation(sample)
            if refitsBySQUAREM && configuration.acceleration == .none && configuration.remedy == .none {
                sampleConfiguration.acceleration = .squarem(SQUAREMOptions())
            }
            let fit0 = ExpectationMaximization.fit(data: sample, start: nullMixture, configuration: sampleConfiguration)
            if MultiStart.isSetAside(fit0) { return .failed }
            let fromFit = ExpectationMaximization.fit(data: sample, start: alternativeMixture, configuration: sampleConfiguration)
            let fromSplit = ExpectationMaximization.fit(data: sample, start: split(fit0.mixture), configuration: sampleConfiguration)
            let candidates = [fromFit, fromSplit].filter { !MultiStart.isSetAside($0) }
            guard let fit1 = candidates.max(by: { $0.logLikelihood < $1.logLikelihood }) else { return .failed }
            return .kept(
                statistic: 2 * (fit1.logLikelihood - fit0.logLikelihood),
                capped: fit0.stopReason == .iterationCap || fit1.stopReason == .iterationCap,
                splitWon: MultiStart.isSetAside(fromFit) || fromSplit.logLikelihood > fromFit.logLikelihood,
                negative: fit1.logLikelihood < fit0.logLikelihood - FailureModes.sameMaximumTolerance(fit0.logLikelihood))
        }
        var statistics: [Double] = []
        var failed = 0, capped = 0, splitWins = 0, negative = 0
        for refit in refits {
            switch refit {
            case .failed: failed += 1
            case .kept(let value, let wasCapped, let splitWon, let isNegative):
                statistics.append(value)
                if wasCapped { capped += 1 }
                if splitWon { splitWins += 1 }
                if isNegative { negative += 1 }
            }
        }
        let exceeding = statistics.filter { $0 >= statistic }.count
        return Step(
            components: k, variance: configuration.variance, statistic: statistic,
            pValue: statistics.isEmpty ? nil : Double(1 + exceeding) / Double(1 + statistics.count),
            replicates: replicates, failedRefits: failed, cappedRefits: capped,
            negativeStatistics: negative, splitStartWins: splitWins, bootstrapStatistics: statistics,
            reason: statistics.isEmpty ? "every bootstrap refit failed" : nil)
    }

    /// `mixture` with its heaviest component (the first on a tie) split in
    /// two with the same total weight, mean and variance: each half weight
    /// π/2, means μ ∓ σ/2, sds σ·√(3/4) (so σ² = (3/4)σ² + (σ/2)²). A start
    /// for K + 1 components next to a K-component maximum.
    ///
    /// - Complexity: O(K).
    public static func split(_ mixture: GaussianMixture) -> GaussianMixture {
        var j = 0
        for k in 1..<mixture.componentCount where mixture.weights[k] > mixture.weights[j] { j = k }
        var weights = mixture.weights, means = mixture.means, sds = mixture.standardDeviations
        let (w, mu, s) = (weights[j], means[j], sds[j])
        weights.replaceSubrange(j...j, with: [w / 2, w / 2])
        means.replaceSubrange(j...j, with: [mu - s / 2, mu + s / 2])
        sds.replaceSubrange(j...j, with: [s * 0.75.squareRoot(), s * 0.75.squareRoot()])
        return GaussianMixture(unchecked: weights, means: means, standardDeviations: sds)
    }

    /// Every step K vs K + 1 of a model selection: for each variance model,
    /// each K whose K + 1 was fitted too.
    ///
    /// - Returns: one step per pair, variance model by variance model; a
    ///   pair where either model had no kept fit is listed untested, with its reason.
    public static func steps(
        selection: ModelSelection, count n: Int, replicates: Int,
        random: StreamRecipe = StreamRecipe()
    ) -> [Step] {
        var steps: [Step] = []
        for null in selection.models {
            guard let alternative = selection.models.first(where: { $0.variance == null.variance && $0.components == null.components + 1 })
            else { continue }
            guard let nullFit = null.search.best, let alternativeFit = alternative.search.best else {
                let missing = null.search.best == nil ? null.components : alternative.components
                steps.append(
                    Step(
                        components: null.components, variance: null.variance, statistic: nil, pValue: nil,
                        replicates: replicates, failedRefits: 0, cappedRefits: 0, negativeStatistics: 0,
                        splitStartWins: 0, bootstrapStatistics: [],
                        reason: "every start of K = \(missing) collapsed: there is no maximum to test"))
                continue
            }
            steps.append(
                test(
                    count: n, null: nullFit, alternative: alternativeFit, configuration: null.configuration,
                    replicates: replicates, random: random))
        }
        return steps
    }
}
