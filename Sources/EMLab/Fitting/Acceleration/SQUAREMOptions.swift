/// The settings of ``SQUAREM``, named after and defaulted as the `control`
/// list of the R package SQUAREM (Varadhan 2010–2026, `squarem1`).
public struct SQUAREMOptions: Equatable, Sendable {
    /// The step length α of a cycle, from r = F(θ) − θ and
    /// v = F(F(θ)) − 2F(θ) + θ (Varadhan & Roland 2008, §3; the package's
    /// `method`, in its sign convention, where θ' = θ + 2αr + α²v and α = 1
    /// gives F(F(θ))).
    public enum Scheme: Int, CaseIterable, Sendable {
        /// S1: α = −⟨r, v⟩ / ⟨v, v⟩.
        case s1 = 1
        /// S2: α = −⟨r, r⟩ / ⟨r, v⟩.
        case s2 = 2
        /// S3: α = √(⟨r, r⟩ / ⟨v, v⟩), the package's default and the most stable.
        case s3 = 3
    }

    /// The step-length scheme (`method`, default 3).
    public var scheme: Scheme
    /// The lower bound on α (`step.min0`, default 1: EM is a contraction
    /// whose Jacobian has eigenvalues in [0, 1), so α ≥ 1 never steps back).
    public var stepMin0: Double
    /// The starting upper bound on α (`step.max0`, default 1).
    public var stepMax0: Double
    /// The factor the upper bound grows by when α reaches it, and shrinks by
    /// after a rejected extrapolation (`mstep`, default 4).
    public var mstep: Double
    /// How far ℓ may fall below the last accepted point's before an
    /// extrapolation is rejected (`objfn.inc`, default 1: monotone far from
    /// the maximum, where ℓ moves by more, not necessarily near it). 0 makes
    /// the accepted ℓ sequence non-decreasing; +∞ never rejects for ℓ.
    public var objectiveIncrease: Double

    /// The package's defaults: scheme 3, step.min0 = step.max0 = 1, mstep = 4, objfn.inc = 1.
    public init(
        scheme: Scheme = .s3, stepMin0: Double = 1, stepMax0: Double = 1, mstep: Double = 4,
        objectiveIncrease: Double = 1
    ) {
        self.scheme = scheme
        self.stepMin0 = stepMin0
        self.stepMax0 = stepMax0
        self.mstep = mstep
        self.objectiveIncrease = objectiveIncrease
    }
}
