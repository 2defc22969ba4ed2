/// The failure taxonomy: every way an EM fit can go wrong that EMLab names,
/// each defined here once, with its threshold. Each is a 0/1 column of
/// runs.csv (and a rate in summary.csv); `Results/README.md` repeats these
/// definitions.
///
/// | flag | definition |
/// |---|---|
/// | `collapsed` | some σ_k fell below ``collapseRatio`` × sd(data) at some iteration (`collapseIteration` says which), or a σ_k reached 0 (the likelihood is then unbounded: it rises without bound as σ_k → 0) |
/// | `componentDeath` | some final weight π_k < 2/n: below 1/n, or an expected count n·π_k below 2 |
/// | `nonFinite` | a parameter or the log-likelihood became NaN or ±∞ (stop reason `non-finite`) |
/// | `nonMonotone` | the log-likelihood fell between two iterations by more than a relative ``FailureModes/nonMonotoneThreshold`` (1e-10): EM never lowers it, so this is a bug signal — or a defective estimator |
/// | `iterationCap` | the iteration cap was reached before the stopping rule |
/// | `spurious` | the final log-likelihood is below the best found for the same data set — over all starts and the fit from the truth — by more than ``FailureModes/sameMaximumTolerance(_:)`` (1e-6·max(1, |ℓ|)) |
/// | `merged` | two components agree in mean and in sd within ``mergeRatio`` × sd(data) |
/// | `labelSwitch` | the permutation that best aligns the final estimate with the truth differs from the one that aligns the start with it: EM moved components across |
/// | `slowConvergence` | EM's rate exceeds ``slowRate``: for plain EM the empirical rate of convergence (ratio of the last two parameter steps, `convergenceRate`); for squarem, anderson, daarem, qn and pem, whose `convergenceRate` is their own contraction, EM's theoretical rate at the estimate (`rateTheoretical`), so the flag says "EM crawls here" whatever the scheme |
/// | `rescued` | a remedy changed the outcome: the fit was restarted after a failure (`restarts` > 0), or the variance floor binds at the end (`floorActive`) |
public enum FailureModes {
    /// `collapsed`: σ_k below this fraction of the data's sd.
    public static let collapseRatio = 1e-3
    /// `merged`: means and sds within this fraction of the data's sd.
    public static let mergeRatio = 1e-2
    /// `slowConvergence`: an empirical rate above this.
    public static let slowRate = 0.99
    /// `nonMonotone`: a relative fall of the log-likelihood beyond this.
    public static let nonMonotoneThreshold = 1e-10

    /// `spurious`, and "the same maximum" wherever starts are compared: two
    /// log-likelihoods closer than 1e-6 · max(1, |ℓ|) are one maximum.
    public static func sameMaximumTolerance(_ logLikelihood: Double) -> Double { 1e-6 * max(1, abs(logLikelihood)) }

    /// The flag columns of runs.csv, in order (``FailureFlag``'s).
    public static let flagNames = FailureFlag.allCases.map(\.rawValue)

    /// The flags of one fit, with the values behind them.
    public struct Assessment: Sendable {
        /// The flags that are raised.
        public var flags: Set<FailureFlag>
        public var collapseIteration: Int?
        public var floorActive: Bool
        /// The permutation aligning the estimate with the truth (nil: no truth, or K differs).
        public var permutation: [Int]?

        /// Whether `flag` is raised.
        public subscript(flag: FailureFlag) -> Bool { flags.contains(flag) }
    }

    /// Assesses one fit.
    ///
    /// - Parameters:
    ///   - result: the fit.
    ///   - dataSD: the population sd of the data.
    ///   - count: n.
    ///   - best: the best log-likelihood found for the data set (NaN: unknown).
    ///   - truth: the true mixture, when known.
    ///   - start: the start the fit ran from.
    ///   - restarts: how many times the fit was restarted after a failure.
    ///   - varianceFloor: the absolute floor on σ² the fit used (0: none).
    ///   - acceleration: the scheme the fit ran by.
    ///   - rateTheoretical: EM's theoretical rate at the estimate
    ///     (``ConvergenceAnalysis/rateTheoretical``; read only when the scheme
    ///     ``EMConfiguration/Acceleration/measuresOwnContraction``; NaN: unknown, not slow).
    public static func assess(
        _ result: FitResult, dataSD: Double, count: Int, best: Double, truth: GaussianMixture?,
        start: GaussianMixture?, restarts: Int, varianceFloor: Double,
        acceleration: EMConfiguration.Acceleration = .none, rateTheoretical: Double = .nan
    ) -> Assessment {
        let m = result.mixture
        let k = m.componentCount
        let collapsed = result.collapseIteration != nil || m.standardDeviations.contains(0)
        let death = m.weights.contains { $0 < 2 / Double(count) }
        let ll = result.logLikelihood
        let spurious = ll.isFinite && best.isFinite && ll < best - FailureModes.sameMaximumTolerance(best)
        var merged = false
        for i in 0..<k {
            for j in (i + 1)..<k
            where abs(m.means[i] - m.means[j]) < mergeRatio * dataSD
                && abs(m.standardDeviations[i] - m.standardDeviations[j]) < mergeRatio * dataSD
            { merged = true }
        }
        var switched = false
        let permutation = truth.flatMap { $0.componentCount == k ? LabelAlignment.bestPermutation(estimate: m, truth: $0) : nil }
        if let truth, let start, let permutation, m.means.allSatisfy(\.isFinite) {
            switched = permutation != LabelAlignment.bestPermutation(estimate: start, truth: truth)
        }
        let floorActive = varianceFloor > 0 && m.standardDeviations.contains { $0 * $0 <= varianceFloor * (1 + 1e-12) }
        let raised: [(FailureFlag, Bool)] = [
            (.collapsed, collapsed), (.componentDeath, death), (.nonFinite, result.stopReason == .nonFinite),
            (.nonMonotone, result.largestRelativeDecrease > nonMonotoneThreshold), (.iterationCap, result.stopReason == .iterationCap),
            (.spurious, spurious), (.merged, merged), (.labelSwitch, switched),
            (.slowConvergence, (acceleration.measuresOwnContraction ? rateTheoretical : result.convergenceRate) > slowRate),
            (.rescued, restarts > 0 || floorActive)
        ]
        let flags = Set(raised.filter(\.1).map(\.0))
        return Assessment(
            flags: flags, collapseIteration: result.collapseIteration ?? (collapsed ? result.iterations : nil),
            floorActive: floorActive, permutation: permutation)
    }

    /// Whether a fit failed in a way a restart is meant to cure (mixtools
    /// restarts on these): non-finite, degenerate, or collapsed (the same
    /// test as the `collapsed` flag, which needs only the fit).
    public static func needsRestart(_ result: FitResult) -> Bool {
        result.stopReason == .nonFinite || result.stopReason == .degenerate
            || result.collapseIteration != nil || result.mixture.standardDeviations.contains(0)
    }
}

/// One way an EM fit can go wrong, as ``FailureModes`` defines it; the raw
/// value is its runs.csv column, and the cases are in column order.
public enum FailureFlag: String, CaseIterable, Sendable, Hashable {
    case collapsed, componentDeath, nonFinite, nonMonotone, iterationCap, spurious, merged, labelSwitch, slowConvergence, rescued
}
