import CGSL

/// The standard normal distribution's quantile function, through GSL's
/// `gsl_cdf_ugaussian_Pinv` (GSL's inverse of Φ: Wichura 1988, *Applied
/// Statistics* 37, algorithm AS 241, accurate to about 1e-16 relative).
public enum StandardNormal {
    /// Φ⁻¹(p), the z with P(Z ≤ z) = p.
    ///
    /// - Parameter p: a probability in (0, 1).
    /// - Returns: the quantile; −∞ at 0, +∞ at 1, NaN outside [0, 1].
    /// - Complexity: O(1).
    public static func quantile(_ p: Double) -> Double {
        guard p >= 0 && p <= 1 else { return .nan }
        GSL.returnErrorsAsStatus()
        return gsl_cdf_ugaussian_Pinv(p)
    }

    /// The two-sided critical value z_{1−(1−level)/2} of a `level`
    /// interval: 1.959963984540054 at 0.95.
    ///
    /// - Parameter level: the coverage, in (0, 1).
    /// - Complexity: O(1).
    public static func twoSidedCriticalValue(level: Double) -> Double {
        quantile((1 + level) / 2)
    }
}
