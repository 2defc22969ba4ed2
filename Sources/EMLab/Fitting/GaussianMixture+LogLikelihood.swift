/// A mixture's log-density and log-likelihood, by the E-step's passes. They
/// live with the E-step in Fitting/ (not in Mixture/, which the E-step
/// builds on), so the folders depend one way.
extension GaussianMixture {
    /// log f(x), computed with log-sum-exp so it stays finite when every
    /// component density underflows.
    ///
    /// - Complexity: O(K).
    public func logDensity(_ x: Double) -> Double {
        MixtureLogLikelihood.evaluate(data: [x], weights: weights, means: means, sds: standardDeviations)
    }

    /// Σ_i log f(x_i), by the E-step's fast pass (``SufficientStatistics``).
    ///
    /// - Complexity: O(nK).
    public func logLikelihood(_ data: [Double]) -> Double {
        // The E-step's fast pass (its sums are discarded): ~20x the scalar
        // loop, and the same value to ~1e-15 relative.
        var pass = SufficientStatistics(componentCount: componentCount)
        return pass.accumulate(data: data, weights: weights, means: means, sds: standardDeviations)
    }
}
