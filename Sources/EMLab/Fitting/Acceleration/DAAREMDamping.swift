import Foundation

/// The ridge parameter of one DAAREM step (Henderson & Varadhan 2019,
/// "Damped Anderson acceleration with restarts and monotonicity control
/// for accelerating EM and EM-like algorithms", *J. Comput. Graph. Statist.*
/// 28(4), 834–846, §3.2), transcribed from the R package daarem 0.7's
/// `DampingFind` (cran/daarem `R/DampingFind.R`).
///
/// It finds λ so that the ridge solution's norm is about √δ_k times the
/// least-squares solution's, δ_k = 1/(1 + α^(κ − s_k)), by the safeguarded
/// Newton iteration of Moré's trust-region method (at most 10 steps,
/// started from the previous λ less r/v_k).
enum DAAREMDamping {
    /// - Parameters:
    ///   - projectedSquares: (Uᵀf)_j², the residual's squared coordinates on the left singular vectors.
    ///   - singularValues: d_j.
    ///   - count: how many of the leading entries are in use.
    ///   - alpha: α. - kappa: κ. - shrinkCount: s_k.
    ///   - norm: ‖Fᵀf‖ = √Σ (Uᵀf)_j² d_j² (`Ftf`).
    ///   - lambdaStart: the last λ. - rStart: the last r.
    /// - Returns: the new λ and r, as the package's `list(lambda, rr)`.
    /// - Complexity: O(m) per Newton step.
    static func find(
        projectedSquares uySquared: UnsafePointer<Double>, singularValues d: UnsafePointer<Double>, count: Int, alpha: Double, kappa: Double,
        shrinkCount: Double, norm ftf: Double, lambdaStart: Double, rStart: Double
    ) -> (lambda: Double, r: Double) {
        let lambdaStart = lambdaStart.isNaN ? 100 : lambdaStart
        let rStart = rStart.isNaN ? 0 : rStart
        // The package keeps the positive d_j only; the loops below skip the others in place (no copies).
        let used = 0..<count
        let power = kappa - shrinkCount
        // The package's exp(−0.5·log1p(α^x)) is 1/√(1 + α^x): computed so, with
        // α^(x ± 0.5) = α^x·√α^(±1), it costs one pow and no exp or log1p per
        // step (the same values to a few ulp; they only set the ridge λ).
        let alphaPower = Foundation.pow(alpha, power), rootAlpha = alpha.squareRoot()
        let target = 1 / (1 + alphaPower).squareRoot()
        var lsSquares = 0.0, lsFourth = 0.0
        for j in used where d[j] > 0 {
            let inverse = 1 / (d[j] * d[j])
            lsSquares += uySquared[j] * inverse
            lsFourth += uySquared[j] * inverse * inverse
        }
        let lsNorm = lsSquares.squareRoot()
        let vk = target * lsNorm
        if vk == 0 || !vk.isFinite { return (lambdaStart, rStart) }
        let inverseVk = 1 / vk
        var lambda = lambdaStart - rStart * inverseVk
        var lower = (lsNorm * (lsNorm - vk)) / lsFourth
        var upper = ftf / vk
        let lowerStop = 1 / (1 + alphaPower * rootAlpha).squareRoot()
        let upperStop = 1 / (1 + alphaPower / rootAlpha).squareRoot()
        var sNorm = Double.nan, ratio = Double.nan
        for _ in 0..<10 {
            if lambda <= lower || lambda >= upper { lambda = max(0.0001 * upper, (lower * upper).squareRoot()) }
            // One division per j and two per step on the chain from λ to the next λ
            // (the package's arithmetic rearranged: φ/φ' = −φ·‖s‖/Σ, the same values to rounding).
            var sSquares = 0.0, derivative = 0.0
            for j in used where d[j] > 0 {
                let inverse = 1 / (d[j] * d[j] + lambda)
                let shrunk = d[j] * inverse
                let weighted = uySquared[j] * shrunk * shrunk
                sSquares += weighted
                derivative += weighted * inverse
            }
            sNorm = sSquares.squareRoot()
            let phi = sNorm - vk
            ratio = -phi * sNorm / derivative
            if sNorm <= upperStop * lsNorm && sNorm >= lowerStop * lsNorm { break }
            if phi < 0 { upper = lambda }
            lower = max(lower, lambda - ratio)
            lambda -= sNorm * ratio * inverseVk
        }
        return (lambda, sNorm * ratio)
    }
}
