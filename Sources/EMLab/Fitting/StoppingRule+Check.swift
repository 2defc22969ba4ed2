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
    func stopAfterEStep(iterations: Int, logLikelihood: Double, previous: Double) -> StopReason? {
        if iterations > 0 {
            let change = abs(logLikelihood - previous)
            switch stoppingRule {
            case .logLikelihoodChange(let tol) where change < tol: return .converged
            case .relativeLogLikelihoodChange(let tol) where change / abs(logLikelihood) < tol: return .converged
            default: break
            }
        }
        if iterations >= iterationLimit {
            if case .fixedIterations = stoppingRule { return .fixedIterationsDone }
            return .iterationCap
        }
        return nil
    }
}
