/// What an EM fit estimates, and when it stops.
///
/// One configuration type covers every model the four documents use:
/// equal fixed weights with a known σ (document 000), free weights with one
/// shared σ (001), free weights with a σ per component (002, 003).
public struct EMConfiguration: Equatable, Sendable {
    /// Whether the mixing weights are estimated.
    public enum Weights: String, CaseIterable, Sendable {
        /// π_k = N_k / n at every M-step.
        case free
        /// The starting weights are kept.
        case fixed
    }

    /// How the components' variances are modelled.
    public enum Variance: Equatable, Sendable, CustomStringConvertible {
        /// σ_k² = Σ_i γ_ik (x_i − μ_k)² / N_k.
        case perComponent
        /// One σ² = Σ_i Σ_k γ_ik (x_i − μ_k)² / n for every component.
        case shared
        /// Every σ_k is this known standard deviation and is not estimated.
        case known(standardDeviation: Double)

        public var description: String {
            switch self {
            case .perComponent: return "per-component"
            case .shared: return "shared"
            case .known(let sd): return "known=\(formatNumber(sd))"
            }
        }

        /// Parses `per-component`, `shared` or `known=SD` (by ``VarianceChoice``).
        public init?(parsing text: String) {
            guard case .model(let variance)? = try? VarianceChoice(parsing: text) else { return nil }
            self = variance
        }
    }

    /// When to stop iterating. Every rule is checked after each EM
    /// iteration (with ``Acceleration/squarem(_:)``: after each accepted
    /// update); ``EMConfiguration/maxIterations`` caps them all except
    /// ``fixedIterations(_:)``. The log-likelihood rules are checked after
    /// the E-step that scores the new parameters (see `StoppingRule+Check.swift`).
    public enum StoppingRule: Equatable, Sendable, CustomStringConvertible {
        /// Σ_k |μ_k(t) − μ_k(t−1)| < ε, document 000's rule.
        case meanChange(Double)
        /// max over every weight, mean and sd of |θ(t) − θ(t−1)| < ε.
        case parameterChange(Double)
        /// |ℓ(t) − ℓ(t−1)| < tol, with ℓ the log-likelihood (mixtools' rule).
        case logLikelihoodChange(Double)
        /// |ℓ(t) − ℓ(t−1)| / |ℓ(t)| < tol.
        case relativeLogLikelihoodChange(Double)
        /// |ℓ(t) − ℓ(t−1)| / (1 + |ℓ(t)|) < tol: mclust's rule (its Fortran
        /// EM loops, src/mclust.f, e.g. `me1e`: `err = abs(hold-hood)/(one+abs(hood))`,
        /// iterating while `err > tol`). The 1 keeps it meaningful when ℓ is
        /// near 0, where ``relativeLogLikelihoodChange(_:)`` divides by almost nothing.
        case mclust(Double)
        /// Aitken's acceleration stopping rule (McNicholas, Murphy, McDaid &
        /// Frost 2010, *CSDA* 54(3), after Böhning et al. 1994): with
        /// a = (ℓ(t) − ℓ(t−1)) / (ℓ(t−1) − ℓ(t−2)) and the asymptotic estimate
        /// ℓ∞ = ℓ(t−1) + (ℓ(t) − ℓ(t−1)) / (1 − a), stop when 0 ≤ ℓ∞ − ℓ(t−1) < ε
        /// and 0 ≤ a < 1. Needs two iterations. See ``AitkenEstimate`` for the guards.
        case aitken(Double)
        /// Exactly N iterations, no test (document 001).
        case fixedIterations(Int)

        public var description: String {
            switch self {
            case .meanChange(let e): return "mean-change<\(formatNumber(e))"
            case .parameterChange(let e): return "parameter-change<\(formatNumber(e))"
            case .logLikelihoodChange(let e): return "loglik-change<\(formatNumber(e))"
            case .relativeLogLikelihoodChange(let e): return "relative-loglik-change<\(formatNumber(e))"
            case .mclust(let e): return "mclust<\(formatNumber(e))"
            case .aitken(let e): return "aitken<\(formatNumber(e))"
            case .fixedIterations(let n): return "iterations=\(n)"
            }
        }
    }

    public var weights: Weights
    public var variance: Variance
    public var stoppingRule: StoppingRule
    /// The most EM iterations a fit may take (ignored by `.fixedIterations`).
    /// With ``Acceleration/squarem(_:)`` it caps EM-map evaluations instead
    /// (E-step passes after the start's, as SQUAREM's `maxiter` caps
    /// `fpevals`), so the same cap buys the same work; see ``SQUAREM``.
    public var maxIterations: Int
    /// A lower bound on every variance σ_k² (0: off, the default). The
    /// M-step takes max(σ̂², floor), which is the constrained maximiser, so
    /// the log-likelihood still never decreases.
    public var varianceFloor: Double
    /// Keep the log-likelihood and every parameter at every iteration.
    public var recordTrace: Bool
    /// Watch for a collapsing variance: the first iteration at which some
    /// σ_k falls below this (absolute) value is reported as
    /// ``FitResult/collapseIteration``. 0: off. Studies and `emlab fit` set
    /// it to ``FailureModes/collapseRatio`` × the data's sd.
    public var collapseThreshold: Double = 0
    /// How the EM iteration is accelerated (``Acceleration/none``: plain EM, the default).
    public var acceleration: Acceleration = .none
    /// A remedy for collapsed variances that changes the M-step and the
    /// objective (``Remedy/none``: maximum likelihood, the default).
    public var remedy: Remedy = .none

    /// The default: free weights, per-component variances, stop when the
    /// log-likelihood changes by less than 1e-8, at most 1000 iterations.
    public init(
        weights: Weights = .free, variance: Variance = .perComponent,
        stoppingRule: StoppingRule = .logLikelihoodChange(1e-8),
        maxIterations: Int = 1000, varianceFloor: Double = 0, recordTrace: Bool = false
    ) {
        self.weights = weights
        self.variance = variance
        self.stoppingRule = stoppingRule
        self.maxIterations = maxIterations
        self.varianceFloor = varianceFloor
        self.recordTrace = recordTrace
    }
}
