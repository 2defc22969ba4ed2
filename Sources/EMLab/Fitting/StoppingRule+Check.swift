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
    ///   - previous: ℓ of the parameters one iteration earlier (ignored at iteration 0).
    ///   - beforePrevious: ℓ two iterations earlier (used by `.aitken` only, from iteration 2).
    func stopAfterEStep(iterations: Int, logLikelihood: Double, previous: Double, beforePrevious: Double) -> StopReason? {
        if logLikelihoodRuleIsMet(iterations: iterations, logLikelihood: logLikelihood, previous: previous,
                                  beforePrevious: beforePrevious) {
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
    /// on the log-likelihoods of its accepted points.
    func logLikelihoodRuleIsMet(iterations: Int, logLikelihood: Double, previous: Double, beforePrevious: Double) -> Bool {
        guard iterations > 0 else { return false }
        let change = abs(logLikelihood - previous)
        switch stoppingRule {
        case .logLikelihoodChange(let tol): return change < tol
        case .relativeLogLikelihoodChange(let tol): return change / abs(logLikelihood) < tol
        case .mclust(let tol): return change / (1 + abs(logLikelihood)) < tol
        case .aitken(let epsilon):
            return iterations >= 2 && AitkenEstimate(beforePrevious: beforePrevious, previous: previous, current: logLikelihood)
                .meetsMcNicholasRule(epsilon: epsilon)
        case .meanChange, .parameterChange, .fixedIterations: return false
        }
    }
}
