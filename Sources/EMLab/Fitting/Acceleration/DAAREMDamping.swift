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
            let exponent = kappa - shrinkCount
            // At the package's α = 1.2, κ − s_k is an integer whenever κ is (s_k moves by
            // 1 and by −lag from 0, and stops at −2κ): the target is read from a table
            // computed by the same arithmetic below, so it has the same bits, without a
            // pow on the chain of every step.
            let lowest = Self.tabledExponents.lowerBound
            if alpha == Self.tabledAlpha {
                // Below the table, 1 + α^x rounds to 1: all three are 1 (a test holds the arithmetic to it).
                if exponent < Double(lowest) {
                    self.init(rootDelta: 1, lowerStop: 1, upperStop: 1)
                    return
                }
                if exponent <= Double(Self.tabledExponents.upperBound) {
                    // In range, so the conversion cannot trap; an integer exactly when it converts back.
                    let index = Int(exponent)
                    if Double(index) == exponent {
                        self = Self.table[index - lowest]
                        return
                    }
                }
            }
            self.init(alpha: alpha, exponent: exponent)
        }

        /// The target for α^x, x = κ − s_k.
        private init(alpha: Double, exponent: Double) {
            // The package's exp(−0.5·log1p(α^x)) is 1/√(1 + α^x): computed so, with
            // α^(x ± 0.5) = α^x·√α^(±1), it costs one pow and no exp or log1p
            // (the same values to a few ulp; they only set the ridge λ).
            let alphaPower = Foundation.pow(alpha, exponent), rootAlpha = alpha.squareRoot()
            rootDelta = 1 / (1 + alphaPower).squareRoot()
            lowerStop = 1 / (1 + alphaPower * rootAlpha).squareRoot()
            upperStop = 1 / (1 + alphaPower / rootAlpha).squareRoot()
        }

        private init(rootDelta: Double, lowerStop: Double, upperStop: Double) {
            (self.rootDelta, self.lowerStop, self.upperStop) = (rootDelta, lowerStop, upperStop)
        }

        /// The α whose targets are tabled: the package's default.
        static let tabledAlpha = 1.2
        /// The integer exponents x = κ − s_k tabled: at the default κ = 25, x ≤ 3κ = 75,
        /// and below −250, 1.2^x·√1.2 < 10⁻¹⁹ vanishes beside 1, and the target is 1.
        static let tabledExponents = -250...100
        /// The targets at ``tabledAlpha`` over ``tabledExponents`` (8 KB).
        static let table = tabledExponents.map { Target(alpha: tabledAlpha, exponent: Double($0)) }

        /// The target by the arithmetic, never the table (for tests).
        static func computed(alpha: Double, kappa: Double, shrinkCount: Double) -> Target {
            Target(alpha: alpha, exponent: kappa - shrinkCount)
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
