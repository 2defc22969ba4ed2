/// The closed-form M-step of EM for a one-dimensional Gaussian mixture
/// under the constraints of an ``EMConfiguration`` (McLachlan & Krishnan,
/// *The EM Algorithm and Extensions*, 2nd ed., §2.7).
///
/// With the E-step (``SufficientStatistics/accumulate(data:weights:means:sds:)``)
/// it is the EM map F: θ ↦ F(θ) that ``ExpectationMaximization`` iterates
/// and ``SQUAREM`` extrapolates — one function, so both climb the same map.
enum MaximizationStep {
    /// Replaces θ by F(θ), in place, from the sums of the E-step at θ.
    ///
    /// π_k = N_k/n (free weights), μ_k = c_k + S_k/N_k about the E-step's
    /// means c_k, and σ_k² = max((Q_k − S_k²/N_k)/N_k, floor) per component,
    /// or σ² = max(Σ_k (Q_k − S_k²/N_k)/n, floor) shared; a known σ and
    /// fixed weights are left as they are.
    ///
    /// - Parameters:
    ///   - statistics: the E-step at exactly these parameters (its sums are
    ///     about these means).
    ///   - count: n, the number of data values.
    ///   - configuration: the constraints and the variance floor.
    ///   - weights: in, π; out, F's π.
    ///   - means: in, μ; out, F's μ.
    ///   - sds: in, σ; out, F's σ.
    /// - Returns: whether F(θ) is degenerate: a component no point claims
    ///   (N_k = 0; with free weights its weight becomes 0, its mean and sd are
    ///   kept), a weight of 0, or σ_k ≤ ulp(max(|μ_k|, 1)).
    /// - Complexity: O(K); allocates nothing (O(K²) and two small arrays
    ///   under the variance-ratio constraint).
    ///
    /// With a remedy (``Remedy``, its numbers in `remedy`) the update is the
    /// remedy's: the MAP means and variances of ``ConjugatePrior``, the
    /// truncated variances of ``VarianceRatioConstraint``, the penalised
    /// variances of ``ChenTanPenalty``; the floor applies after it.
    @inline(__always)
    static func apply(
        statistics stats: SufficientStatistics, count n: Double, configuration: EMConfiguration,
        remedy: RemedyTerms = .none,
        weights: inout [Double], means: inout [Double], sds: inout [Double]
    ) -> Bool {
        let k = weights.count
        var pooledSquares = 0.0
        var degenerate = false
        for j in 0..<k {
            let nk = stats.responsibility[j]
            guard nk > 0 else {
                // No point claims this component: it has died. Keep its
                // last mean and sd (they are undefined now) and stop.
                if configuration.weights == .free { weights[j] = 0 }
                degenerate = true
                continue
            }
            let mean = means[j] + stats.shiftedSum[j] / nk
            var squares = max(stats.shiftedSquares[j] - stats.shiftedSum[j] * stats.shiftedSum[j] / nk, 0)
            var variance = squares / nk
            switch remedy.kind {
            case .none, .varianceRatio:
                means[j] = mean
            case .prior(let prior):
                let shift = prior.scatterShift(count: nk, sampleMean: mean)
                means[j] = prior.mean(count: nk, sampleMean: mean)
                variance = prior.variance(count: nk, scatter: squares, shift: shift)
                squares += shift
            case .penalty(let penalty):
                means[j] = mean
                // MixtureInf takes the scatter about the means before this step (R/iter1.norm.R, `xx`).
                if penalty.scatterAboutOldMeans { squares = stats.shiftedSquares[j] }
                variance = penalty.variance(count: nk, scatter: squares)
            }
            pooledSquares += squares
            if configuration.weights == .free { weights[j] = nk / n }
            if case .perComponent = configuration.variance {
                sds[j] = max(variance, configuration.varianceFloor).squareRoot()
            }
            if weights[j] == 0 { degenerate = true }
        }
        switch configuration.variance {
        case .shared:
            var variance = pooledSquares / n
            switch remedy.kind {
            case .none, .varianceRatio: break
            case .prior(let prior): variance = prior.sharedVariance(count: n, componentCount: k, scatter: pooledSquares)
            case .penalty(let penalty): variance = penalty.variance(count: n, scatter: pooledSquares, copies: Double(k))
            }
            let sd = max(variance, configuration.varianceFloor).squareRoot()
            for j in 0..<k { sds[j] = sd }
        case .perComponent:
            if case .varianceRatio(let bound) = remedy.kind, !degenerate {
                let truncated = VarianceRatioConstraint.truncate(
                    variances: sds.map { $0 * $0 }, counts: stats.responsibility, bound: bound)
                for j in 0..<k { sds[j] = max(truncated[j], configuration.varianceFloor).squareRoot() }
            }
        case .known: break
        }
        for j in 0..<k where isDegenerate(sd: sds[j], mean: means[j]) { degenerate = true }
        return degenerate
    }

    /// The engine's degeneracy bound on one component: σ ≤ ulp(max(|μ|, 1)), where σ
    /// no longer resolves a step in the data at the scale of μ (false for NaN).
    @inline(__always) static func isDegenerate(sd: Double, mean: Double) -> Bool { sd <= max(abs(mean), 1).ulp }
}
