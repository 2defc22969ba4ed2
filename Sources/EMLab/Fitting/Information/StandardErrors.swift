/// Asymptotic standard errors of a fit's weights, means and sds, from the
/// inverse of the observed information (Wald; McLachlan & Peel, *Finite
/// Mixture Models*, 2000, §2.15; Louis 1982).
///
/// - π_j (j < K): √(I_obs⁻¹)_jj; π_K = 1 − Σ_{j<K} π_j, so
///   Var(π_K) = 𝟙ᵀ Σ_ww 𝟙, the sum of the weight block of I_obs⁻¹.
/// - μ_k: √(I_obs⁻¹) on its coordinate.
/// - σ_k = √v_k by the delta method: SE(σ_k) = SE(v_k) / (2σ_k).
///
/// A parameter that is not estimated (fixed weights, a known σ) has no
/// standard error (nil), and neither has any parameter when I_obs is not
/// positive definite (``reason`` then says why).
public struct StandardErrors: Equatable, Sendable {
    public var weights: [Double?]
    public var means: [Double?]
    public var sds: [Double?]
    /// Why some or all are missing, in words; nil when every estimated one is there.
    public var reason: String?

    /// No standard errors, for `reason`.
    public static func unavailable(componentCount k: Int, reason: String) -> StandardErrors {
        StandardErrors(
            weights: Array(repeating: nil, count: k), means: Array(repeating: nil, count: k),
            sds: Array(repeating: nil, count: k), reason: reason)
    }

    /// The standard errors of `mixture` given its information.
    ///
    /// - Complexity: O(p³) for the inverse.
    public init(information: MixtureInformation, mixture: GaussianMixture) {
        let layout = information.layout, k = layout.componentCount
        var fixedNote: [String] = []
        if !layout.weightsFree && k > 1 { fixedNote.append("the weights are fixed") }
        if layout.variances == .known { fixedNote.append("the sds are known") }
        guard information.observed.elements.allSatisfy(\.isFinite), let covariance = information.observed.symmetricPositiveDefiniteInverse() else {
            self = .unavailable(
                componentCount: k,
                reason: "the observed information is singular or not positive definite: "
                    + "the estimate is not a strict local maximum (not converged, on a boundary, or a component is not identified)")
            return
        }
        func se(_ variance: Double) -> Double? { variance >= 0 && variance.isFinite ? variance.squareRoot() : nil }
        var weights = [Double?](repeating: nil, count: k)
        if layout.weightsFree {
            if k == 1 { weights[0] = 0 }
            var total = 0.0
            for a in 0..<(k - 1) {
                weights[a] = se(covariance[layout.weightIndex(a), layout.weightIndex(a)])
                for b in 0..<(k - 1) { total += covariance[layout.weightIndex(a), layout.weightIndex(b)] }
            }
            if k > 1 { weights[k - 1] = se(total) }
        }
        let means = (0..<k).map { se(covariance[layout.meanIndex($0), layout.meanIndex($0)]) }
        let sds = (0..<k).map { j -> Double? in
            guard let i = layout.varianceIndex(j), let seVariance = se(covariance[i, i]) else { return nil }
            return seVariance / (2 * mixture.standardDeviations[j])
        }
        self.init(
            weights: weights, means: means, sds: sds,
            reason: fixedNote.isEmpty ? nil : fixedNote.joined(separator: " and ") + ": not estimated, so no standard error")
    }

    public init(weights: [Double?], means: [Double?], sds: [Double?], reason: String?) {
        self.weights = weights
        self.means = means
        self.sds = sds
        self.reason = reason
    }
}
