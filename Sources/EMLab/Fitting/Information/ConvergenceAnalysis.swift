/// What EMLab says about how one fit converged: the rate theory gives at its
/// estimate, the rate the run showed, the log-likelihood it left behind, the
/// iterations its stopping rule needed by theory, and the estimate's
/// standard errors.
///
/// The theoretical rate is J's largest eigenvalue at the final estimate
/// (``MixtureInformation``), under the fit's own model (free or fixed
/// weights; per-component, shared or known variance). It is the rate EM
/// converges at *there*: exact at a maximum, an approximation at a fit
/// stopped short of it. A value ≥ 1 means I_obs is not positive definite
/// there: the estimate is not a local maximum (a saddle point, or a fit
/// stopped far from one). A fit that degenerated or went non-finite, whose
/// weights do not sum to 1 (a defective estimator), or where the variance
/// floor binds has none.
public struct ConvergenceAnalysis: Sendable {
    /// λ, J's largest eigenvalue at the estimate (NaN: unavailable).
    public var rateTheoretical: Double
    /// J's eigenvalues, descending (empty: unavailable).
    public var rateEigenvalues: [Double]
    /// The empirical rate of the run (``FitResult/convergenceRate``).
    public var rateEmpirical: Double
    /// Aitken's estimate of ℓ* − ℓ at the stop (``FitResult/logLikelihoodGap``).
    public var logLikelihoodGap: Double
    /// The same from theory: Δℓ·λ²/(1 − λ²) with the last change Δℓ.
    public var logLikelihoodGapTheoretical: Double
    /// The iterations plain EM needs from this start to meet the stopping
    /// rule, by theory (``ConvergenceTheory/predictedIterations(rule:rate:initialGap:maximum:)``).
    public var iterationsPredicted: Double?
    /// Wald standard errors from I_obs⁻¹ (nil when not asked for).
    public var standardErrors: StandardErrors?
    /// Why there is no rate, in words (nil when there is one).
    public var unavailableReason: String?

    /// Analyses `result`, a fit of `data` under `configuration`.
    ///
    /// - Parameters:
    ///   - withStandardErrors: also invert I_obs (O(p³) more).
    /// - Complexity: one O(n·p²) pass over the data (``MixtureInformation/sample(_:at:weights:variance:)``) and O(p³).
    public init(result: FitResult, data: [Double], configuration: EMConfiguration, withStandardErrors: Bool = true) {
        let m = result.mixture
        rateEmpirical = result.convergenceRate
        logLikelihoodGap = result.logLikelihoodGap
        // The theory holds at an interior point of a mixture's parameter space
        // under EM's unconstrained M-step.
        var reason: String?
        if result.stopReason == .degenerate || result.stopReason == .nonFinite || !result.logLikelihood.isFinite
            || !(m.weights.allSatisfy { $0 > 0 && $0.isFinite } && m.standardDeviations.allSatisfy { $0 > 0 && $0.isFinite }
                && m.means.allSatisfy(\.isFinite))
        {
            reason = "the fit \(result.stopReason == .degenerate ? "degenerated" : "is not finite"): there is no maximum to take a rate or standard errors at"
        } else if abs(m.weights.reduce(0, +) - 1) > 1e-6 {
            reason = "the weights sum to \(formatNumber(m.weights.reduce(0, +))), not 1: the estimate is not a mixture"
        } else if configuration.varianceFloor > 0 && m.standardDeviations.contains(where: { $0 * $0 <= configuration.varianceFloor * (1 + 1e-12) }) {
            reason = "the variance floor binds: the estimate sits on the boundary the floor makes, where I_c⁻¹ I_m is not EM's rate"
        }
        if let reason {
            rateTheoretical = .nan
            rateEigenvalues = []
            logLikelihoodGapTheoretical = .nan
            iterationsPredicted = nil
            standardErrors = withStandardErrors ? .unavailable(componentCount: m.componentCount, reason: reason) : nil
            unavailableReason = reason
            return
        }
        let information = MixtureInformation.sample(data, at: m, weights: configuration.weights, variance: configuration.variance)
        rateEigenvalues = information.rateEigenvalues ?? []
        rateTheoretical = rateEigenvalues.first ?? .nan
        unavailableReason = rateEigenvalues.isEmpty ? "the complete-data information is singular at the estimate" : nil
        // The theory's gap is for EM's own steps; an accelerated fit's last change is not one.
        logLikelihoodGapTheoretical =
            configuration.acceleration == .none
            ? ConvergenceTheory.remainingGap(lastChange: result.lastLogLikelihoodChange, rate: rateTheoretical) : .nan
        let gapNow = logLikelihoodGap.isFinite ? logLikelihoodGap : (logLikelihoodGapTheoretical.isFinite ? logLikelihoodGapTheoretical : 0)
        let maximum = result.logLikelihood + gapNow
        iterationsPredicted = ConvergenceTheory.predictedIterations(
            rule: configuration.stoppingRule, rate: rateTheoretical,
            initialGap: maximum - result.startLogLikelihood, maximum: maximum)
        standardErrors = withStandardErrors ? StandardErrors(information: information, mixture: m) : nil
    }
}
