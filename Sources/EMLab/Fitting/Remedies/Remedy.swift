/// A remedy for collapsed variances that changes what EM maximises: a
/// prior (MAP-EM), a constraint on the variances, or a penalty.
///
/// With a variance per component the likelihood of a Gaussian mixture is
/// unbounded (a component on one value, or on a tie, has σ → 0 and ℓ → ∞;
/// Kiefer & Wolfowitz 1956). The floors, restarts and the shared variance
/// act around EM; these three families change the M-step itself, so every
/// start, stopping rule, accelerator and study runs them unchanged:
///
/// - ``ConjugatePrior``: mclust's default conjugate prior (Fraley & Raftery
///   2007, *J. Classif.* 24:155–181), EM becomes MAP-EM;
/// - ``VarianceRatioConstraint``: max σ²/min σ² ≤ C (Hathaway 1985, *Ann.
///   Stat.* 13:795–800), enforced by the optimal truncation of Fritz,
///   García-Escudero & Mayo-Iscar (2013, *Comput. Stat.* 28:1169–1186);
/// - ``ChenTanPenalty``: the penalised likelihood of Chen, Tan & Zhang
///   (2008, *Stat. Sinica* 18:443–465), and MixtureInf 1.1's iteration as
///   it is written.
///
/// The fit reports ℓ and the remedy's own objective (``FitResult/objective``):
/// the log-posterior, the penalised ℓ, or ℓ itself under the constraint.
/// The stopping rules read the objective, the quantity the iteration
/// increases.
public enum Remedy: Equatable, Sendable, CustomStringConvertible {
    /// Plain maximum likelihood.
    case none
    /// MAP-EM under a conjugate prior.
    case prior(ConjugatePrior)
    /// The variance-ratio constraint max σ²/min σ² ≤ C, C ≥ 1.
    case varianceRatio(Double)
    /// A penalty on the variances.
    case penalty(ChenTanPenalty)

    /// The remedy as `--remedy` and an experiment's `remedy` write it:
    /// `none`, `prior=mclust`, `variance-ratio=C`, `penalty=chen-tan`,
    /// `penalty=chen-tan-as-in-mixtureinf` (with overrides after a `:`, see
    /// ``init(parsing:)``).
    public var description: String {
        switch self {
        case .none: return "none"
        case .prior(let prior): return "prior=\(prior.description)"
        case .varianceRatio(let bound): return "variance-ratio=\(formatNumber(bound))"
        case .penalty(let penalty): return "penalty=\(penalty.description)"
        }
    }

    /// The name of the objective the iteration increases, for the report.
    public var objectiveName: String {
        switch self {
        case .none: return "log-likelihood"
        case .prior: return "log-posterior"
        case .varianceRatio: return "log-likelihood under the constraint"
        case .penalty(let penalty):
            return penalty.form == .chenTan
                ? "penalised log-likelihood" : "penalised log-likelihood as MixtureInf reports it (a_n = 1/n)"
        }
    }

    /// A prior or a penalty is *active* at a solution when it moves some σ_k²
    /// by more than this fraction from the ML update of the same E-step
    /// (``FitResult/remedyActive``); the constraint is active when its bound
    /// binds, however little the truncation moves.
    public static let activityThreshold = 0.01

    /// Whether the iteration is the EM (MM) algorithm of its objective, so
    /// the objective can never fall; false only for MixtureInf's iteration,
    /// whose update and reported objective use different a_n.
    public var increasesItsObjective: Bool {
        if case .penalty(let penalty) = self { return penalty.form == .chenTan }
        return true
    }
}
