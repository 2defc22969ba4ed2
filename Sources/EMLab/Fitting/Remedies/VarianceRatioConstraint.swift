import Foundation

/// Hathaway's constraint on the variances, max σ_k²/min σ_k² ≤ C (Hathaway
/// 1985, "A constrained formulation of maximum-likelihood estimation for
/// normal mixture distributions", *Ann. Stat.* 13:795–800), under which the
/// likelihood of a per-component mixture is bounded and has a maximiser.
///
/// The M-step's variances are the exact constrained maximiser of
/// Σ_k −½ n_k (log σ_k² + d_k/σ_k²), d_k = W_k/n_k the unconstrained
/// update: the optimal truncation of Fritz, García-Escudero & Mayo-Iscar
/// (2013; the issue cites *Comput. Stat.* 28:1169–1186, the algorithm is
/// that of "A fast algorithm for robust constrained clustering", *Comput.
/// Stat. Data Anal.* 61:124–136, 2013), as
/// tclust's `restr.fact` does it (cran/tclust 2.1-2, src/tclust.cpp,
/// `restr2Eigenv`): σ_k² = min(max(d_k, m), C·m) for the m that maximises
/// the objective. The objective is concave in each σ_k², so the best m
/// lies in one of the 2K + 1 intervals cut by the points {d_k, d_k/C};
/// inside one, the clipped set is fixed and the stationary m is
/// m = Σ_clipped n_k (d_k<m̃ ? d_k : d_k/C) / Σ_clipped n_k, with m̃ the
/// interval's midpoint. Each candidate is scored on the true objective and
/// the best kept, as `restr2Eigenv` does. tclust's default C is 12,
/// otrimle's 20.
public enum VarianceRatioConstraint {
    /// The variances that maximise Σ_k −½ n_k (log v_k + d_k/v_k) subject to
    /// max v/min v ≤ `bound`.
    ///
    /// - Parameters:
    ///   - variances: the unconstrained updates d_k ≥ 0.
    ///   - counts: n_k, the components' responsibilities (a component with
    ///     n_k = 0 takes no part, as in `restr2Eigenv`, and keeps its d_k).
    ///   - bound: C ≥ 1.
    /// - Returns: the constrained variances (the input when it already
    ///   satisfies the bound; zeros when every counted d_k is 0).
    /// - Complexity: O(K²) time, O(K) memory; K is small.
    public static func truncate(variances d: [Double], counts: [Double], bound c: Double) -> [Double] {
        let k = d.count
        var largest = 0.0, smallest = Double.infinity
        var total = 0.0
        for j in 0..<k where counts[j] > 0 {
            largest = max(largest, d[j])
            smallest = min(smallest, d[j])
            total += counts[j]
        }
        guard total > 0, largest > 0 else { return d }
        if largest <= c * smallest { return d }
        var breakpoints: [Double] = []
        breakpoints.reserveCapacity(2 * k)
        for j in 0..<k where counts[j] > 0 {
            breakpoints.append(d[j])
            breakpoints.append(d[j] / c)
        }
        breakpoints.sort()
        var bestM = Double.nan, bestValue = -Double.infinity
        var lower = 0.0
        for index in 0...breakpoints.count {
            let upper = index < breakpoints.count ? breakpoints[index] : 2 * breakpoints[breakpoints.count - 1]
            let middle = (lower + upper) / 2
            lower = upper
            // The clipped components inside this interval, and their stationary m.
            var numerator = 0.0, denominator = 0.0
            for j in 0..<k where counts[j] > 0 {
                if d[j] < middle {
                    numerator += counts[j] * d[j]
                    denominator += counts[j]
                } else if d[j] > middle * c {
                    numerator += counts[j] * d[j] / c
                    denominator += counts[j]
                }
            }
            guard denominator > 0 else { continue }
            let m = numerator / denominator
            guard m > 0 else { continue }
            let value = objective(variances: d, counts: counts, bound: c, lower: m)
            if value > bestValue {
                bestValue = value
                bestM = m
            }
        }
        guard bestM.isFinite else { return d }
        return d.indices.map { j in counts[j] > 0 ? clip(d[j], lower: bestM, bound: c) : d[j] }
    }

    /// Whether `variances` satisfy max/min ≤ `bound` (up to the rounding of the product).
    public static func isSatisfied(variances: [Double], bound: Double) -> Bool {
        guard let largest = variances.max(), let smallest = variances.min() else { return true }
        return largest <= bound * smallest * (1 + 4 * Double.ulpOfOne)
    }

    /// d clipped to [m, C·m].
    @inline(__always)
    static func clip(_ d: Double, lower m: Double, bound c: Double) -> Double { min(max(d, m), c * m) }

    /// Σ_k −½ n_k (log v_k + d_k/v_k) at v_k = clip(d_k, m, C·m).
    static func objective(variances d: [Double], counts: [Double], bound c: Double, lower m: Double) -> Double {
        var value = 0.0
        for j in d.indices where counts[j] > 0 {
            let v = clip(d[j], lower: m, bound: c)
            value -= 0.5 * counts[j] * (v.log() + d[j] / v)
        }
        return value
    }
}
