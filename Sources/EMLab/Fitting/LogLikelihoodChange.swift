import Foundation

/// The change of the log-likelihood between two parameter sets,
/// Δℓ = ℓ(θ') − ℓ(θ), accurate relative to itself at any scale (issue 19).
///
/// ## Why not ℓ(θ') − ℓ(θ)
/// ℓ is a sum of n log-densities, so its rounding error grows with |ℓ|: at
/// n = 10,000, ℓ ≈ −16,000 has an ulp of 3.6e-12, and the two sums differ
/// by a few ulp from the exact values in no correlated way. Near a maximum
/// EM changes ℓ by 1e-10 and less, so the plain difference is then a
/// difference of two large sums, quantised to several per cent, and
/// everything that reads it — the ℓ stopping rules, Aitken's ratio of two
/// changes, the non-monotone flag, SQUAREM's objfn.inc test — reads noise.
///
/// ## The direct formula
/// With γ'_k the responsibilities at θ', for every point x
/// (Dempster, Laird & Rubin 1977, *JRSS B* 39(1), the identity behind
/// their eq. (3.10): f(x; θ) = Σ_k γ'_k f(x; θ')·π_k φ_k(x)/(π'_k φ'_k(x))),
///
///     ℓ_x(θ') − ℓ_x(θ) = −log Σ_k γ'_k e^{y_k} = −log1p(Σ_k γ'_k expm1(y_k)),
///     y_k = log(π_k φ_k(x) / (π'_k φ'_k(x))) = B_k − v_k·(u'_k + v_k/2),
///
/// where u' = (x − μ'_k)/σ'_k, u = (x − μ_k)/σ_k, B_k = log(π_k/π'_k) +
/// log(σ'_k/σ_k), and v_k = u − u' = (μ'_k − μ_k)/σ_k + ((σ'_k − σ_k)/σ_k)·u'
/// (from x − μ = (x − μ') + (μ' − μ)), so u² − u'² = v(2u' + v). Near a
/// maximum the parameters differ little, the differences π − π', μ' − μ,
/// σ' − σ are exact (Sterbenz), B_k is formed by log1p, and every y_k is
/// small and accurate relative to itself; expm1 and log1p keep it so, and
/// the terms are summed with Neumaier's compensation. Each set's weights are
/// taken divided by their sum (exactly: see
/// ``constants(into:weights:means:sds:referenceWeights:referenceMeans:referenceSDs:normalizingWeights:)``),
/// since the M-step's sum to 1 only up to rounding. The result's error is
/// then a small multiple of ε·|Δℓ|/‖θ' − θ‖ — 1e-8 relative at a change of
/// 1e-12 on n = 10,000 — where the plain difference's is ε·|ℓ|.
///
/// The formula needs the responsibilities at θ', which the E-step at θ'
/// computes anyway, so it runs inside that pass (`emlab_estep_change_pass`,
/// vectorised like it and with the same bits at every CPU level), at about
/// 1.4–1.7 times the cost of the plain pass (K = 2…5; 6–7 times in a block where some
/// |y_k| > 2^−10, which takes the general expm1 and log1p). It holds for any positive
/// weights, summing to 1 or not (the documents' as-written estimators).
///
/// ## When it is used
/// The plain difference is good wherever the change is large against the
/// rounding of ℓ, which grows with n (``roundingOfLogLikelihood(count:)``,
/// a few ulp of ℓ). It is trusted when that rounding is at most
/// ``plainAccuracy`` (1e-4) of it, i.e. above ``relativeThreshold(count:)``·max(1, |ℓ|)
/// — 6e-12·|ℓ| up to n = 1000, 1.9e-11·|ℓ| at 10⁴. Below that:
/// - the EM engine reads Δℓ directly only where a reader could read the
///   plain difference differently (``engineReadsExactly(_:logLikelihood:count:rule:)``):
///   near its stopping rule's threshold, or within the rounding of 0 (the
///   sign a fall needs); elsewhere rule and fall measure decide as on the
///   exact change, so the direct pass runs for a few iterations of a fit;
/// - the last two changes a fit reports (``FitResult/lastLogLikelihoodChange``,
///   Aitken's ratio and gap) are computed directly at the end;
/// - SQUAREM, a few dozen cycles a fit, and the documents' as-written
///   estimators, short fits, read every such change directly.
/// A pass that expects to be asked (the last change was read directly, or,
/// for SQUAREM, below twice the threshold) computes the change as it goes;
/// one that did not expect it runs again with it (the same bits: the sums
/// and ℓ do not change).
///
/// Degenerate cases — a σ or weight of 0, a non-finite parameter or ℓ —
/// have no direct formula and keep the plain difference.
public enum LogLikelihoodChange {
    /// The rounding error of the E-step pass's ℓ over n points, relative to
    /// max(1, |ℓ|): 6e-16·max(1, √(n/1000)). Measured (and checked at n =
    /// 10³ and 10⁴ by `ExactLogLikelihoodChangeTests`) as the largest |(ℓ(θ') − ℓ(θ)) − Δℓ|
    /// over EM iterations of four mixtures, K = 2…5: 5.8e-16 at n = 100,
    /// 6.1e-16 at 10³, 1.4e-15 at 10⁴, 3.8e-15 at 10⁵, 1.3e-14 at 10⁶ — a
    /// few ulp of ℓ, growing as √n like the rounding of the pass's eight
    /// running lane sums.
    @inline(__always) static func roundingOfLogLikelihood(count n: Int) -> Double {
        // Up to n = 1000 the factor is 1: no division or square root on the path of
        // every pass that asks (and the thresholds below fold to constants).
        n <= 1000 ? 6e-16 : 6e-16 * (Double(n) / 1000).squareRoot()
    }

    /// How large a fraction of itself the rounding of a trusted plain
    /// difference may be: 1e-4. A stopping rule whose threshold is above the
    /// untrusted range then decides as on the exact change unless Δℓ is
    /// within 1e-4 of the threshold, and Aitken's ratio of two trusted
    /// changes is good to 2e-4, against the 1 − λ² of 1e-2 to 1e-3 of slow
    /// fits (a gap good to 2–20 % at worst, where a fit stops just above the
    /// untrusted range). A smaller fraction would move the threshold up, and
    /// with it the iterations SQUAREM and the as-written estimators pay the
    /// direct pass for.
    static let plainAccuracy = 1e-4

    /// Below this |Δℓ|/max(1, |ℓ|) the plain difference is not trusted and
    /// Δℓ is computed directly: the rounding of ℓ over `count` points divided
    /// by ``plainAccuracy``, 6e-12·max(1, √(n/1000)) (6e-12 up to n = 1000,
    /// 1.9e-11 at 10⁴, 1.9e-10 at 10⁶).
    @inline(__always) public static func relativeThreshold(count n: Int) -> Double {
        roundingOfLogLikelihood(count: n) / plainAccuracy
    }

    /// Whether a plain difference `plain` of log-likelihoods near
    /// `logLikelihood` over `count` points is too small to trust:
    /// |plain| < ``relativeThreshold(count:)``·max(1, |ℓ|). False for NaN or an infinite ℓ.
    static func plainIsUntrusted(_ plain: Double, logLikelihood: Double, count: Int) -> Bool {
        logLikelihood.isFinite && abs(plain) < relativeThreshold(count: count) * max(1, abs(logLikelihood))
    }

    /// How far the plain difference may be from the exact change, for a
    /// decision: 4 times the rounding of ℓ over `count` points,
    /// 4·``roundingOfLogLikelihood(count:)``·max(1, |ℓ|) (the factor covers the
    /// tail the measurement may not have seen).
    static func decisionMargin(logLikelihood: Double, count: Int) -> Double {
        4 * roundingOfLogLikelihood(count: count) * max(1, abs(logLikelihood))
    }

    /// Whether the EM engine reads the change Δℓ(t) directly: its plain
    /// difference `plain` is untrusted (``plainIsUntrusted(_:logLikelihood:count:)``)
    /// and something could read it differently from the exact change —
    /// - the largest fall, when `plain` is within ``decisionMargin(logLikelihood:count:)``
    ///   of 0 or below it (its sign is not known);
    /// - the stopping rule, when |plain| is below the rule's threshold on the
    ///   change plus the margin: tol for `.logLikelihoodChange`, tol·|ℓ| for
    ///   `.relativeLogLikelihoodChange`, tol·(1 + |ℓ|) for `.mclust`, ε for
    ///   `.aitken` (whose estimate Δℓ/(1 − a) < ε needs |Δℓ| < ε, and then
    ///   reads the ratio of two changes, both exact).
    /// Elsewhere the rule and the fall measure decide as they would on the
    /// exact change, and a plain Δℓ near a threshold far above the rounding
    /// (where the plain difference is trusted) is good to ``plainAccuracy``.
    /// So the direct pass runs only near a rule's decision: for |Δℓ| < 1e-10
    /// on n = 10⁴ (|ℓ| ≈ 1.4·10⁴, margin 1.1e-10), in the iterations where
    /// Δℓ < 2.1e-10 (0.7/(1 − λ²) of them), not in all below 2.7e-7 (7.9/(1 − λ²)).
    static func engineReadsExactly(
        _ plain: Double, logLikelihood: Double, count: Int,
        rule: EMConfiguration.StoppingRule
    ) -> Bool {
        guard plainIsUntrusted(plain, logLikelihood: logLikelihood, count: count) else { return false }
        let margin = decisionMargin(logLikelihood: logLikelihood, count: count)
        return plain <= margin || abs(plain) <= rule.changeThreshold(logLikelihood: logLikelihood) + margin
    }

    /// Whether the next change is likely to be untrusted as a plain
    /// difference, so a pass should compute it directly: the last change
    /// `lastChange` was below twice the threshold (EM's changes shrink
    /// geometrically, so the next is smaller still). False when it is NaN.
    static func expectsUntrusted(lastChange: Double, logLikelihood: Double, count: Int) -> Bool {
        logLikelihood.isFinite && abs(lastChange) < 2 * relativeThreshold(count: count) * max(1, abs(logLikelihood))
    }

    /// Writes the pass's per-component constants for the change from θ =
    /// (`referenceWeights`, `referenceMeans`, `referenceSDs`) to θ' =
    /// (`weights`, `means`, `sds`) into `constants` (4K doubles, blocks of K):
    /// B_k = log1p((π_k − π'_k)/π'_k) + log1p((σ'_k − σ_k)/σ_k) − log(Σπ/Σπ'),
    /// 1/σ'_k, (σ'_k − σ_k)/σ_k and (μ'_k − μ_k)/σ_k.
    ///
    /// - Parameter normalizingWeights: take each set's weights divided by
    ///   their sum (the last term of B_k; 0 when false). The M-step's
    ///   weights sum to 1 only up to rounding, and a sum of 1 + δ moves ℓ by
    ///   about nδ — 1e-12 at n = 10⁴, a wobble from one iteration to the next
    ///   as large as the changes near a maximum, which the model (whose
    ///   weights lie on the simplex) does not have. The sums are taken with
    ///   their rounding errors (TwoSum), so log(Σπ/Σπ') is exact to ε·|Σπ − Σπ'|.
    /// - Returns: whether the formula applies: every weight and σ of both
    ///   sets positive and finite, every mean finite, the same K.
    static func constants(
        into constants: inout [Double], weights: [Double], means: [Double], sds: [Double],
        referenceWeights: [Double], referenceMeans: [Double], referenceSDs: [Double],
        normalizingWeights: Bool = true
    ) -> Bool {
        let k = weights.count
        guard referenceWeights.count == k, referenceMeans.count == k, referenceSDs.count == k, constants.count == 4 * k else {
            return false
        }
        var sum = (hi: 0.0, lo: 0.0), referenceSum = (hi: 0.0, lo: 0.0)
        for j in 0..<k {
            let weight = weights[j], sd = sds[j], oldWeight = referenceWeights[j], oldSD = referenceSDs[j]
            guard weight > 0, weight.isFinite, sd > 0, sd.isFinite, oldWeight > 0, oldWeight.isFinite,
                oldSD > 0, oldSD.isFinite, means[j].isFinite, referenceMeans[j].isFinite
            else { return false }
            let sdStep = (sd - oldSD) / oldSD
            constants[j] = log1p((oldWeight - weight) / weight) + log1p(sdStep)
            constants[k + j] = 1 / sd
            constants[2 * k + j] = sdStep
            constants[3 * k + j] = (means[j] - referenceMeans[j]) / oldSD
            sum = twoSum(sum, weight)
            referenceSum = twoSum(referenceSum, oldWeight)
        }
        if normalizingWeights {
            // log(Σπ/Σπ'), from the difference of the two exact sums.
            let shift = log1p(((referenceSum.hi - sum.hi) + (referenceSum.lo - sum.lo)) / sum.hi)
            guard shift.isFinite else { return false }
            for j in 0..<k { constants[j] -= shift }
        }
        return true
    }

    /// (hi, lo) + term, with hi + lo the running sum and lo the accumulated
    /// rounding errors of Knuth's TwoSum (TAOCP vol. 2, §4.2.2, Theorem B).
    private static func twoSum(_ running: (hi: Double, lo: Double), _ term: Double) -> (hi: Double, lo: Double) {
        let hi = running.hi + term
        let back = hi - term
        let error = (running.hi - back) + (term - (hi - back))
        return (hi, running.lo + error)
    }

    /// log(1 + z) for z > −1, by Kahan's log(w)·z/(w − 1), w = 1 + z, which
    /// cancels the rounding of w (Goldberg 1991, "What every computer
    /// scientist should know about floating-point arithmetic", *ACM Comput.
    /// Surv.* 23(1), Theorem 4). It uses only `log`, the function the E-step
    /// already takes from libm, so it adds no other libm dependence to the
    /// results' bits.
    static func log1p(_ z: Double) -> Double {
        let w = 1 + z
        return w == 1 ? z : Foundation.log(w) * z / (w - 1)
    }

    /// ℓ(θ') − ℓ(θ) on `data`, computed directly by one E-step pass at θ'
    /// (see ``LogLikelihoodChange``), each mixture's weights taken divided
    /// by their sum.
    ///
    /// - Parameters:
    ///   - data: the points (finite).
    ///   - from: θ, the reference.
    ///   - to: θ', the parameters the change goes to.
    /// - Returns: the change, or NaN when the direct formula does not apply
    ///   (a weight or σ of 0, a non-finite parameter or log-likelihood).
    /// - Complexity: O(n·K), one vectorised pass.
    public static func exact(data: [Double], from reference: GaussianMixture, to target: GaussianMixture) -> Double {
        exact(
            data: data, fromWeights: reference.weights, means: reference.means, sds: reference.standardDeviations,
            toWeights: target.weights, means: target.means, sds: target.standardDeviations, normalizingWeights: true)
    }

    /// ``exact(data:from:to:)`` on raw parameter arrays, which need not form
    /// a mixture (the documents' as-written estimators: weights that do not
    /// sum to 1, taken as given when `normalizingWeights` is false).
    static func exact(
        data: [Double], fromWeights referenceWeights: [Double], means referenceMeans: [Double],
        sds referenceSDs: [Double], toWeights weights: [Double], means: [Double], sds: [Double],
        normalizingWeights: Bool
    ) -> Double {
        guard referenceWeights.count == weights.count, !weights.isEmpty else { return .nan }
        var statistics = SufficientStatistics(componentCount: weights.count)
        return statistics.accumulate(
            data: data, weights: weights, means: means, sds: sds, referenceWeights: referenceWeights,
            referenceMeans: referenceMeans, referenceSDs: referenceSDs,
            normalizingWeights: normalizingWeights
        ).change
    }
}
