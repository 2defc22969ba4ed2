/// Wald confidence intervals for a fit's weights, means and sds: the
/// estimate ± z·SE, with SE from the inverse observed information
/// (``StandardErrors``) and z the two-sided standard normal critical value
/// (Wald 1943, *Trans. AMS* 54; for mixtures McLachlan & Peel, *Finite
/// Mixture Models*, 2000, §2.15–2.16).
///
/// The intervals are symmetric and not clipped: a weight's interval can
/// leave [0, 1] and an sd's can reach below 0. That is the Wald interval as
/// defined, and showing it tells the reader the normal approximation is
/// poor there (small n, a weight near a boundary); a bootstrap interval is
/// the remedy, not a clipped Wald one.
public struct WaldIntervals: Equatable, Sendable {
    /// One interval.
    public struct Interval: Equatable, Sendable {
        public var low: Double
        public var high: Double
        public init(low: Double, high: Double) {
            self.low = low
            self.high = high
        }
    }

    /// The coverage asked for, e.g. 0.95.
    public var level: Double
    /// z_{1−(1−level)/2}, from GSL's `gsl_cdf_ugaussian_Pinv`.
    public var criticalValue: Double
    /// Per component; nil where the standard error is missing (a parameter
    /// not estimated, or I_obs not positive definite).
    public var weights: [Interval?]
    public var means: [Interval?]
    public var sds: [Interval?]

    /// The intervals of `mixture` with standard errors `standardErrors`.
    ///
    /// - Parameters:
    ///   - mixture: the estimate (the centres).
    ///   - standardErrors: its Wald standard errors.
    ///   - level: the coverage, in (0, 1).
    /// - Complexity: O(K).
    public init(mixture: GaussianMixture, standardErrors: StandardErrors, level: Double) {
        precondition(level > 0 && level < 1, "a confidence level lies in (0, 1)")
        self.level = level
        let z = StandardNormal.twoSidedCriticalValue(level: level)
        criticalValue = z
        func intervals(_ estimates: [Double], _ errors: [Double?]) -> [Interval?] {
            zip(estimates, errors).map { estimate, error in
                error.map { Interval(low: estimate - z * $0, high: estimate + z * $0) }
            }
        }
        weights = intervals(mixture.weights, standardErrors.weights)
        means = intervals(mixture.means, standardErrors.means)
        sds = intervals(mixture.standardDeviations, standardErrors.sds)
    }
}
