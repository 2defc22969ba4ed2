import Foundation

/// What the rate λ of EM says about a run: how much log-likelihood is left
/// at a stop, and how many iterations a stopping rule needs.
///
/// Near a maximum θ*, EM is the linear map θ − θ* ↦ J(θ − θ*) (Dempster,
/// Laird & Rubin 1977, §3; McLachlan & Krishnan 2008, §3.9), so along the
/// slowest direction the distance shrinks by λ per iteration and the
/// log-likelihood gap, a quadratic form in the distance, by λ². With
/// g_t = ℓ* − ℓ(t) = g_0·λ^{2t}:
/// - the change Δℓ_t = ℓ(t) − ℓ(t−1) = g_{t−1}(1 − λ²), so the gap left
///   after it is g_t = Δℓ_t·λ²/(1 − λ²);
/// - the same from the data alone (Aitken's δ² process; McNicholas et al.
///   2010, §4.2): with a = Δℓ_t/Δℓ_{t−1} ≈ λ², g_t ≈ Δℓ_t·a/(1 − a).
/// These formulas hold in the linear regime only; far from θ* EM may move
/// faster or slower, so iteration counts predicted from a start are an
/// approximation, which the convergence study measures.
public enum ConvergenceTheory {
    /// ℓ* − ℓ after a last change `lastChange` at rate λ: Δℓ·λ²/(1 − λ²).
    /// NaN unless 0 ≤ λ < 1.
    public static func remainingGap(lastChange: Double, rate: Double) -> Double {
        guard rate >= 0 && rate < 1, lastChange.isFinite else { return .nan }
        let r2 = rate * rate
        return max(lastChange, 0) * r2 / (1 - r2)
    }

    /// The Aitken estimate of ℓ* − ℓ: Δℓ·a/(1 − a), a the ratio of the last
    /// two changes. NaN unless 0 ≤ a < 1.
    public static func aitkenGap(lastChange: Double, ratio: Double) -> Double {
        guard ratio >= 0 && ratio < 1, lastChange.isFinite else { return .nan }
        return max(lastChange, 0) * ratio / (1 - ratio)
    }

    /// The iterations EM needs, in the linear regime at rate λ, to shrink
    /// the parameter distance by a factor 10: −1/log₁₀ λ.
    public static func iterationsPerDigit(rate: Double) -> Double {
        guard rate > 0 && rate < 1 else { return rate == 0 ? 0 : .nan }
        return -1 / log10(rate)
    }

    /// The iterations a log-likelihood stopping rule needs from a start
    /// whose gap to the maximum is `initialGap`, if EM shrank the gap by λ²
    /// per iteration throughout.
    ///
    /// - `|Δℓ| < tol`: Δℓ_t = g₀(1 − λ²)λ^{2(t−1)} < tol, so
    ///   t = 1 + log(tol / (g₀(1 − λ²))) / (2 log λ); the relative rules put
    ///   tol·|ℓ*| (|Δℓ|/|ℓ|) or tol·(1 + |ℓ*|) (mclust) in its place.
    /// - Aitken: the estimate of the gap at t − 1 is below ε:
    ///   t = 1 + log(ε / g₀) / (2 log λ), and at least 2.
    /// - a fixed count N: N.
    ///
    /// - Parameters:
    ///   - rule: the stopping rule.
    ///   - rate: λ, J's largest eigenvalue.
    ///   - initialGap: ℓ* − ℓ(0).
    ///   - maximum: ℓ* (for the relative rules).
    /// - Returns: the predicted count (≥ 1, not rounded), or nil for the
    ///   parameter-change rules (their thresholds are on another scale) and
    ///   when λ ∉ (0, 1) or the gap is not positive.
    public static func predictedIterations(
        rule: EMConfiguration.StoppingRule, rate: Double, initialGap: Double,
        maximum: Double
    ) -> Double? {
        if case .fixedIterations(let count) = rule { return Double(count) }
        guard rate > 0 && rate < 1, initialGap > 0, initialGap.isFinite else { return nil }
        let twoLogRate = 2 * Foundation.log(rate)
        func changeBelow(_ tolerance: Double) -> Double {
            let first = initialGap * (1 - rate * rate)
            guard first >= tolerance else { return 1 }
            return 1 + Foundation.log(tolerance / first) / twoLogRate
        }
        switch rule {
        case .logLikelihoodChange(let tol): return changeBelow(tol)
        case .relativeLogLikelihoodChange(let tol): return changeBelow(tol * abs(maximum))
        case .mclust(let tol): return changeBelow(tol * (1 + abs(maximum)))
        case .aitken(let epsilon):
            guard initialGap >= epsilon else { return 2 }
            return max(2, 1 + Foundation.log(epsilon / initialGap) / twoLogRate)
        default: return nil
        }
    }
}
