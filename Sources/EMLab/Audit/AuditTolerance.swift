import Foundation

/// How far a trace's row may be from EM's step and still be EM's: the
/// tolerance rule of `emlab audit`.
///
/// For step t → t + 1 and each parameter p (a weight, a mean or an sd), row
/// t + 1 agrees with F(θ_t) when
///
///     |θ_{t+1,p} − F_p(θ_t)| ≤ τ·u_p + 2·(h_{t+1,p} + Σ_j |F_p(θ_t + h_{t,j}·e_j) − F_p(θ_t)|)
///
/// - **τ·u_p, the arithmetic's rounding**, in the parameter's own unit:
///   u = 1 for a weight, u = M = max_i |x_i| for a mean or an sd. An
///   implementation's M-step forms means and sds from sums of γ·x and
///   γ·(x − μ)², whose rounding is relative to the data's magnitude M (not to
///   the step, and not to the parameter: a mean near 0 of data near 1000 is
///   rounded like 1000). So the rule is scale-invariant: multiplying the
///   data by c multiplies M, the means and the sds by c and leaves every
///   verdict unchanged. τ = 1e-9 by default: 4.5·10⁶ ulps, room for sums
///   over millions of points in any order, for one-pass variance formulas,
///   and for data standardised and mapped back (as EMLab's own fits are),
///   yet below any catalogued defect's effect on n ≤ 10⁶ points (the
///   smallest, `unbiased-variance`, moves σ_k by σ_k/(2N_k)).
/// - **h, the trace's own rounding** (``PrintedPrecision``): 0 for a trace
///   written to full precision; for one written with d decimals, half a unit
///   of the last place of the value compared (h_{t+1,p}) and of each value
///   of the row stepped from (h_{t,j}), the latter carried through F by
///   evaluating F once per rounded parameter (3K extra E-steps per row, only
///   for rounded traces). The factor 2 covers the linearisation.
///
/// **Why not relative to the step's size.** The M-step computes θ_{t+1}
/// afresh from sums over the data, not as θ_t plus a small change, so its
/// rounding does not shrink with the step: near convergence steps fall below
/// the rounding (1e-12 and less), and a rule relative to the step would then
/// call every correct step a deviation. Measured on the step's scale, by
/// contrast, a defect stays visible at convergence: a defective map's fixed
/// point θ_d is not EM's, and F(θ_d) − θ_d does not shrink as the trace converges.
///
/// - Complexity: O(1) per parameter, given the perturbed steps.
public struct AuditTolerance: Sendable, Equatable {
    /// τ, the allowance for arithmetic rounding relative to a parameter's unit.
    public var relative: Double

    public static let defaultRelative = 1e-9

    public init(relative: Double = AuditTolerance.defaultRelative) { self.relative = relative }

    /// M, the unit of the means and sds: max_i |x_i| (1 when every value is 0).
    static func dataScale(_ data: [Double]) -> Double {
        let m = data.reduce(0) { max($0, abs($1)) }
        return m > 0 && m.isFinite ? m : 1
    }

    /// The tolerance of each of the 3K parameters (weights, means, sds) of one step.
    ///
    /// - Parameters:
    ///   - scale: M, from ``dataScale(_:)``.
    ///   - printed: h_{t+1}, the compared row's half-units (3K).
    ///   - propagated: Σ_j |F_p(θ_t + h_{t,j}e_j) − F_p(θ_t)| (3K; zeros for a full-precision row).
    func perParameter(componentCount k: Int, scale: Double, printed: [Double], propagated: [Double]) -> [Double] {
        (0..<(3 * k)).map { p in
            relative * (p < k ? 1 : scale) + 2 * (printed[p] + propagated[p])
        }
    }

    /// The tolerance of a log-likelihood (the ℓ column against EMLab's, and
    /// a fall of ℓ): τ·(|ℓ| + n) for the arithmetic, the rounding of ℓ over n
    /// points (``LogLikelihoodChange``) and twice the trace's rounding
    /// carried into ℓ.
    func logLikelihood(_ value: Double, count n: Int, propagated: Double) -> Double {
        relative * (abs(value) + Double(n)) + 4 * LogLikelihoodChange.roundingOfLogLikelihood(count: n) * max(1, abs(value))
            + 2 * propagated
    }
}
