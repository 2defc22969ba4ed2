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
    /// The damping's target δ_k and the band in which its Newton iteration
    /// stops, which depend on α, κ and s_k alone.
    struct Target {
        /// √δ_k = 1/√(1 + α^(κ − s_k)).
        let rootDelta: Double
        /// The band: ‖s(λ)‖ within [lower, upper]·‖s(0)‖ stops the iteration.
        let lowerStop: Double, upperStop: Double

        /// - Parameters: - alpha: α. - kappa: κ. - shrinkCount: s_k.
        init(alpha: Double, kappa: Double, shrinkCount: Double) {
            // The package's exp(−0.5·log1p(α^x)) is 1/√(1 + α^x): computed so, with
            // α^(x ± 0.5) = α^x·√α^(±1), it costs one pow and no exp or log1p
            // (the same values to a few ulp; they only set the ridge λ).
            let alphaPower = Foundation.pow(alpha, kappa - shrinkCount), rootAlpha = alpha.squareRoot()
            rootDelta = 1 / (1 + alphaPower).squareRoot()
            lowerStop = 1 / (1 + alphaPower * rootAlpha).squareRoot()
            upperStop = 1 / (1 + alphaPower / rootAlpha).squareRoot()
        }
    }

    /// - Parameters:
    ///   - spectrum: ΔFᵀΔF and ΔFᵀf, as the norms of their ridge solutions.
    ///   - target: δ_k's root and stopping band, for α, κ and s_k.
    ///   - norm: ‖Fᵀf‖ = ‖ΔFᵀf‖ (`Ftf`).
    ///   - lambdaStart: the last λ. - rStart: the last r.
    /// - Returns: the new λ and r, as the package's `list(lambda, rr)`.
    /// - Complexity: one ``DAAREMSpectrum/ridgeNorms(at:)`` per Newton step (O(m)).
    static func find<Spectrum: DAAREMSpectrum>(
        _ spectrum: Spectrum, target damping: Target, norm ftf: Double, lambdaStart: Double, rStart: Double
    ) -> (lambda: Double, r: Double) {
        let lambdaStart = lambdaStart.isNaN ? 100 : lambdaStart
        let rStart = rStart.isNaN ? 0 : rStart
        let target = damping.rootDelta
        let (lsSquares, lsFourth) = spectrum.leastSquaresNorms()
        let lsNorm = lsSquares.squareRoot()
        let vk = target * lsNorm
        if vk == 0 || !vk.isFinite { return (lambdaStart, rStart) }
        let inverseVk = 1 / vk
        var lambda = lambdaStart - rStart * inverseVk
        var lower = (lsNorm * (lsNorm - vk)) / lsFourth
        var upper = ftf / vk
        let lowerStop = damping.lowerStop, upperStop = damping.upperStop
        var sNorm = Double.nan, ratio = Double.nan
        for _ in 0..<10 {
            if lambda <= lower || lambda >= upper { lambda = max(0.0001 * upper, (lower * upper).squareRoot()) }
            // Two divisions per step on the chain from λ to the next λ (the package's
            // arithmetic rearranged: φ/φ' = −φ·‖s‖/Σ, the same values to rounding).
            let (sSquares, derivative) = spectrum.ridgeNorms(at: lambda)
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

/// What ``DAAREMDamping`` reads of the Gram matrix G = ΔFᵀΔF and b = ΔFᵀf:
/// the norms of the ridge solutions s(λ) = (G + λI)⁻¹b, which the package
/// writes through ΔF's SVD U D Vᵀ as s(λ) = V D(D² + λ)⁻¹Uᵀf.
protocol DAAREMSpectrum {
    /// ‖s(λ)‖² and s(λ)ᵀ(G + λI)⁻¹s(λ) = −½ d‖s(λ)‖²/dλ, for λ ≥ 0.
    func ridgeNorms(at lambda: Double) -> (squares: Double, derivative: Double)
    /// ‖s(0)‖² and s(0)ᵀG⁻¹s(0): the least-squares step's squared norm and the
    /// package's Σ (Uᵀf)²/d⁴, over the positive d only.
    func leastSquaresNorms() -> (squares: Double, fourth: Double)
}

/// G diagonalised, G = V D² Vᵀ, with (Uᵀf)_j² = (Vᵀb)_j²/d_j²: the package's own form.
struct DAAREMDiagonalSpectrum: DAAREMSpectrum {
    /// (Uᵀf)_j², the residual's squared coordinates on the left singular vectors.
    let projectedSquares: UnsafePointer<Double>
    /// d_j; the package keeps the positive ones only, and the loops skip the others in place.
    let singularValues: UnsafePointer<Double>
    /// How many of the leading entries are in use.
    let count: Int

    @inline(__always) func leastSquaresNorms() -> (squares: Double, fourth: Double) {
        let (d, uySquared) = (singularValues, projectedSquares)
        var squares = 0.0, fourth = 0.0
        for j in 0..<count where d[j] > 0 {
            let inverse = 1 / (d[j] * d[j])
            squares += uySquared[j] * inverse
            fourth += uySquared[j] * inverse * inverse
        }
        return (squares, fourth)
    }

    @inline(__always) func ridgeNorms(at lambda: Double) -> (squares: Double, derivative: Double) {
        let (d, uySquared) = (singularValues, projectedSquares)
        var squares = 0.0, derivative = 0.0
        for j in 0..<count where d[j] > 0 {
            let inverse = 1 / (d[j] * d[j] + lambda)
            let shrunk = d[j] * inverse
            let weighted = uySquared[j] * shrunk * shrunk
            squares += weighted
            derivative += weighted * inverse
        }
        return (squares, derivative)
    }
}
