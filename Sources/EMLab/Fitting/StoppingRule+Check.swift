extension EMConfiguration {
    /// The iteration count at which a fit stops regardless: N for
    /// `.fixedIterations(N)`, else ``maxIterations``.
    var iterationLimit: Int {
        if case .fixedIterations(let count) = stoppingRule { return count }
        return maxIterations
    }

    /// The stop, if any, that the log-likelihood rules and the iteration
    /// limit call for after an E-step has scored the current parameters.
    /// Shared by the engine and the documents' as-written estimators, so
    /// both stop by exactly the same rules.
    ///
    /// - Parameters:
    ///   - iterations: M-steps done so far.
    ///   - logLikelihood: ℓ of the current parameters.
    ///   - change: Δℓ(t) = ℓ(t) − ℓ(t−1), exact (``LogLikelihoodChange``; ignored at iteration 0).
    ///   - previousChange: Δℓ(t−1) (used by `.aitken` only, from iteration 2).
    func stopAfterEStep(iterations: Int, logLikelihood: Double, change: Double, previousChange: Double) -> StopReason? {
        if logLikelihoodRuleIsMet(
            iterations: iterations, logLikelihood: logLikelihood, change: change,
            previousChange: previousChange)
        {
            return .converged
        }
        if iterations >= iterationLimit {
            if case .fixedIterations = stoppingRule { return .fixedIterationsDone }
            return .iterationCap
        }
        return nil
    }

    /// Whether a log-likelihood rule (`.logLikelihoodChange`,
    /// `.relativeLogLikelihoodChange`, `.mclust`, `.aitken`) is met by the
    /// latest ℓ; false for the parameter rules and before the rule has the
    /// iterations it needs (one, two for `.aitken`). ``SQUAREM`` checks it
    /// on the changes between its accepted points.
    ///
    /// Every rule reads the exact changes Δℓ (``LogLikelihoodChange``), not
    /// differences of the rounded ℓ, so none fires on, or is held back by,
    /// the rounding of a large ℓ (issue 19).
    func logLikelihoodRuleIsMet(iterations: Int, logLikelihood: Double, change: Double, previousChange: Double) -> Bool {
        guard iterations > 0 else { return false }
        // MixtureInf's loop (R/phi.norm.R, `while (err>tol ...)`, err = pln1 − pln0) tests the change with its sign.
        var signed = false
        if case .penalty(let penalty) = remedy { signed = penalty.signedStop }
        let size = signed ? change : abs(change)
        switch stoppingRule {
        case .logLikelihoodChange(let tol): return size < tol
        case .relativeLogLikelihoodChange(let tol): return size / abs(logLikelihood) < tol
        case .mclust(let tol): return size / (1 + abs(logLikelihood)) < tol
        case .aitken(let epsilon):
            return iterations >= 2
                && AitkenEstimate(previousChange: previousChange, lastChange: change)
                    .meetsMcNicholasRule(epsilon: epsilon)
        case .meanChange, .parameterChange, .fixedIterations: return false
        }
    }
}

extension EMConfiguration.StoppingRule {
    /// The largest |Δℓ| at which the rule can stop a fit whose ℓ is
    /// `logLikelihood`: tol, tol·|ℓ|, tol·(1 + |ℓ|), or ε for `.aitken`
    /// (its estimate Δℓ/(1 − a) with 0 ≤ a < 1 is at least Δℓ); 0 for the
    /// rules that do not read Δℓ.
    func changeThreshold(logLikelihood: Double) -> Double {
        switch self {
        case .logLikelihoodChange(let tol): return tol
        case .relativeLogLikelihoodChange(let tol): return tol * abs(logLikelihood)
        case .mclust(let tol): return tol * (1 + abs(logLikelihood))
        case .aitken(let epsilon): return epsilon
        case .meanChange, .parameterChange, .fixedIterations: return 0
        }
    }
}
