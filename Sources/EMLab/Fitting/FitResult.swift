/// Why an EM fit stopped. Every fit has one; none of them is an error.
public enum StopReason: String, CaseIterable, Sendable, Codable {
    /// The stopping rule was met.
    case converged
    /// ``EMConfiguration/maxIterations`` iterations ran without meeting the rule.
    case iterationCap = "iteration-cap"
    /// The `.fixedIterations(N)` rule ran its N iterations.
    case fixedIterationsDone = "fixed-iterations"
    /// A parameter or the log-likelihood became NaN or infinite.
    case nonFinite = "non-finite"
    /// A variance or a weight reached 0 (see ``ExpectationMaximization``).
    case degenerate

    /// The reason in words, for people.
    public var explanation: String {
        switch self {
        case .converged: return "converged: the stopping rule was met"
        case .iterationCap: return "stopped at the iteration cap without meeting the stopping rule"
        case .fixedIterationsDone: return "ran the requested fixed number of iterations (no convergence test)"
        case .nonFinite: return "stopped: a parameter or the log-likelihood became NaN or infinite"
        case .degenerate: return "stopped: a component degenerated (its variance or its weight reached 0)"
        }
    }
}

/// The log-likelihood and parameters at every iteration of one fit, the
/// starting point (iteration 0) included.
public struct FitTrace: Equatable, Sendable {
    public var iterations: [Int] = []
    public var logLikelihoods: [Double] = []
    public var mixtures: [GaussianMixture] = []

    public init() {}

    mutating func append(iteration: Int, logLikelihood: Double, mixture: GaussianMixture) {
        iterations.append(iteration)
        logLikelihoods.append(logLikelihood)
        mixtures.append(mixture)
    }
}

/// The outcome of one EM fit.
public struct FitResult: Equatable, Sendable {
    /// The final parameters. Not validated: a failed fit may hold zeros or NaN.
    public var mixture: GaussianMixture
    /// The log-likelihood of ``mixture`` on the data.
    public var logLikelihood: Double
    /// The number of EM iterations (M-steps) performed; for an accelerated
    /// fit, the number of accepted updates (SQUAREM cycles).
    public var iterations: Int
    public var stopReason: StopReason
    /// The largest relative fall of the log-likelihood between two
    /// iterations, −Δℓ(t) / max(|ℓ(t−1)|, 1) with Δℓ the exact change
    /// (``LogLikelihoodChange``), so a rise below the rounding of ℓ is no
    /// fall; 0 when it never fell.
    /// EM never lowers the likelihood, so anything above ~1e-10 is a bug signal.
    /// For an accelerated fit it measures single EM-map steps, ℓ(F(θ)) against
    /// ℓ(θ), the steps EM guarantees; a fall SQUAREM's extrapolation is
    /// allowed (``SQUAREMOptions/objectiveIncrease``) is not counted.
    public var largestRelativeDecrease: Double
    /// The per-iteration trace, when ``EMConfiguration/recordTrace`` was on.
    public var trace: FitTrace?
    /// The first iteration at which some σ_k fell below
    /// ``EMConfiguration/collapseThreshold`` (nil: never, or not watched).
    public var collapseIteration: Int? = nil
    /// The empirical rate of convergence: the ratio of the last two
    /// parameter steps, ‖θ(t) − θ(t−1)‖ / ‖θ(t−1) − θ(t−2)‖ (Euclidean, over
    /// every weight, mean and sd). EM converges linearly; a rate near 1 means
    /// many iterations per digit. NaN with fewer than two steps. For
    /// squarem, anderson, daarem, qn and pem, the scheme's own contraction:
    /// the same ratio over its last two accepted updates (``AcceleratedPath``;
    /// SQUAREM's cycles), so EM's rate at such a fit is the theoretical one.
    public var convergenceRate: Double = .nan
    /// The E-step passes over the data (EM-map evaluations, one pass each),
    /// the one scoring the start included: ``iterations`` + 1 for plain EM,
    /// the real cost of an accelerated fit. 0 when not counted.
    public var eSteps: Int = 0
    /// Aitken's estimate of how far ℓ still is below the limit of its
    /// sequence, ℓ* − ℓ ≈ Δℓ·a/(1 − a), with Δℓ the last change and a
    /// ``logLikelihoodChangeRatio`` (Böhning et al. 1994; see
    /// `AitkenEstimate`). NaN with fewer than two changes or a ∉ [0, 1).
    public var logLikelihoodGap: Double = .nan
    /// The ratio of the last two changes of ℓ, a = Δℓ(t)/Δℓ(t−1): for EM
    /// near a maximum, about its linear rate λ². NaN when undefined (fewer
    /// than two changes, or the earlier one 0). The changes are exact
    /// (``LogLikelihoodChange``): near a maximum, differences of the rounded
    /// ℓ would make this ratio noise.
    public var logLikelihoodChangeRatio: Double = .nan
    /// ℓ at the start (iteration 0), in the model's form.
    public var startLogLikelihood: Double = .nan

    /// Whether the fit ended without an estimate: it degenerated (a σ or a
    /// weight reached 0, or ℓ is infinite) or went non-finite.
    public var hasNoEstimate: Bool {
        stopReason == .degenerate || stopReason == .nonFinite || !logLikelihood.isFinite
    }
    /// The last change of ℓ, ℓ(t) − ℓ(t−1) (between accepted points for an
    /// accelerated fit), exact (``LogLikelihoodChange``): computed directly
    /// where the difference of the two rounded values would have lost
    /// digits; NaN before the first step.
    public var lastLogLikelihoodChange: Double = .nan
    /// The objective the iteration increases at ``mixture``: ℓ without a
    /// remedy or under the variance-ratio constraint, the log-posterior
    /// ℓ + log p(θ) under a prior, the penalised ℓ under a penalty
    /// (``Remedy/objectiveName``). NaN when not computed.
    public var objective: Double = .nan
    /// How much the remedy moved the M-step at the solution: the largest
    /// |σ_k²(remedy)/σ_k²(EM) − 1| between the remedy's update and plain
    /// EM's from the same E-step (∞ when EM's σ_k² is 0). nil without a remedy.
    public var remedyEffect: Double? = nil

    /// Whether the remedy was *active* at the solution: the variance-ratio
    /// bound binds (the truncation moved a variance), or a prior or penalty
    /// moved some σ_k² by more than ``Remedy/activityThreshold`` (1%) from
    /// the ML update. nil without a remedy.
    public var remedyActive: Bool? = nil

    /// Accepted updates that lowered ℓ (by more than its rounding): 0 for
    /// EM and for the monotone schemes; counted for the schemes that allow
    /// a fall (``AndersonAcceleration`` always, ``DAAREM`` within mon.tol).
    /// Not counted for ``SQUAREM``, whose falls within objfn.inc are not recorded.
    public var nonMonotoneUpdates: Int = 0

    /// Whether the stopping rule was met (converged or the fixed count ran).
    public var converged: Bool { stopReason == .converged || stopReason == .fixedIterationsDone }
}
