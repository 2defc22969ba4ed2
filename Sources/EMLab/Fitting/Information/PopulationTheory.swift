import Foundation

/// EM's behaviour on a *true* mixture before any data exist: the rate and
/// information per observation (``MixtureInformation/population(of:weights:variance:)``),
/// the population version of a start, and the log-likelihood gap a start
/// leaves per observation.
public enum PopulationTheory {
    /// Where quadrature over a mixture's density splits its range: each
    /// component's μ and μ ± 3σ (where the integrand peaks and bends) and
    /// μ ± 40σ (beyond which the density is below e^-800, 0 in doubles); with
    /// `other`, also its components' μ and μ ± 3σ. Ascending, no repeats.
    static func breakpoints(of mixture: GaussianMixture, alsoAt other: GaussianMixture? = nil) -> [Double] {
        var points: [Double] = []
        for j in 0..<mixture.componentCount {
            let mu = mixture.means[j], s = mixture.standardDeviations[j]
            points += [mu - 40 * s, mu - 3 * s, mu, mu + 3 * s, mu + 40 * s]
        }
        if let other {
            for j in 0..<other.componentCount {
                let mu = other.means[j], s = other.standardDeviations[j]
                points += [mu - 3 * s, mu, mu + 3 * s]
            }
        }
        return Array(Set(points)).sorted()
    }

    /// The cumulative distribution function of a mixture, Σ π_k Φ((x − μ_k)/σ_k).
    public static func cdf(_ mixture: GaussianMixture, at x: Double) -> Double {
        var total = 0.0
        for k in 0..<mixture.componentCount {
            total += mixture.weights[k] * 0.5 * erfc(-(x - mixture.means[k]) / (mixture.standardDeviations[k] * 2.0.squareRoot()))
        }
        return total
    }

    /// The p-quantile of a mixture, by bisection on its CDF (to the spacing of doubles).
    public static func quantile(_ mixture: GaussianMixture, _ p: Double) -> Double {
        var low = zip(mixture.means, mixture.standardDeviations).map { $0 - 40 * $1 }.min()!
        var high = zip(mixture.means, mixture.standardDeviations).map { $0 + 40 * $1 }.max()!
        for _ in 0..<200 {
            let middle = 0.5 * (low + high)
            if middle == low || middle == high { break }
            if cdf(mixture, at: middle) < p { low = middle } else { high = middle }
        }
        return 0.5 * (low + high)
    }

    /// The ``Initialization/quantile`` start applied to the population
    /// itself: K groups of equal mass between the mixture's j/K quantiles,
    /// each started at its mass, mean and sd. The truncated moments are
    /// exact: for N(μ, σ²) on [a, b] with α, β the standardised limits and
    /// P = Φ(β) − Φ(α), ∫x = μP + σ(φ(α) − φ(β)) and
    /// ∫x² = μ²P + 2μσ(φ(α) − φ(β)) + σ²(P + αφ(α) − βφ(β)).
    ///
    /// - Returns: the start the quantile strategy tends to as n → ∞.
    public static func quantileStart(of mixture: GaussianMixture, componentCount k: Int) -> GaussianMixture {
        let cuts = [-Double.infinity] + (1..<k).map { quantile(mixture, Double($0) / Double(k)) } + [Double.infinity]
        func phi(_ z: Double) -> Double { z.isInfinite ? 0 : Foundation.exp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }
        func bigPhi(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }
        func zPhi(_ z: Double) -> Double { z.isInfinite ? 0 : z * phi(z) }
        var weights: [Double] = [], means: [Double] = [], sds: [Double] = []
        for g in 0..<k {
            var mass = 0.0, first = 0.0, second = 0.0
            for c in 0..<mixture.componentCount {
                let mu = mixture.means[c], sigma = mixture.standardDeviations[c], w = mixture.weights[c]
                let alpha = (cuts[g] - mu) / sigma, beta = (cuts[g + 1] - mu) / sigma
                let p = bigPhi(beta) - bigPhi(alpha)
                let dphi = phi(alpha) - phi(beta)
                mass += w * p
                first += w * (mu * p + sigma * dphi)
                second += w * (mu * mu * p + 2 * mu * sigma * dphi + sigma * sigma * (p + zPhi(alpha) - zPhi(beta)))
            }
            let mean = first / mass
            weights.append(mass)
            means.append(mean)
            sds.append(max(second / mass - mean * mean, 0).squareRoot())
        }
        return GaussianMixture(unchecked: weights, means: means, standardDeviations: sds)
    }

    /// The expected log-likelihood a start gives up per observation: the
    /// Kullback–Leibler divergence E_f[log f(x) − log g(x)] of the start g
    /// from the truth f, by GSL quadrature (the same pieces as the
    /// population information). n times it is the start's gap ℓ* − ℓ(0)
    /// for n points, to first order.
    ///
    /// - Throws: ``EMLabError`` `.gsl` when the quadrature fails.
    public static func gapPerObservation(truth: GaussianMixture, start: GaussianMixture) throws -> Double {
        return try Quadrature.integrate(breakpoints: breakpoints(of: truth, alsoAt: start), absoluteTolerance: 1e-16, relativeTolerance: 1e-10) { x in
            let logF = truth.logDensity(x), logG = start.logDensity(x)
            guard logF.isFinite else { return 0 }
            return Foundation.exp(logF) * (logF - logG)
        }
    }
}

/// Everything `emlab theory` reports about one true mixture and model.
public struct PopulationAnalysis: Sendable {
    public let truth: GaussianMixture
    public let weights: EMConfiguration.Weights
    public let variance: EMConfiguration.Variance
    /// Per observation.
    public let information: MixtureInformation
    /// J's eigenvalues, descending (empty when I_c is singular).
    public let rateEigenvalues: [Double]
    /// λ, the largest.
    public var rate: Double { rateEigenvalues.first ?? .nan }
    /// n, when asked about a sample size.
    public let sampleSize: Int?
    /// The expected standard errors at n: from (n·I_obs)⁻¹.
    public let standardErrors: StandardErrors?
    /// The start the prediction runs from (the population quantile start, or the one given).
    public let start: GaussianMixture?
    /// E_f[log f − log g] for that start, per observation.
    public let startGapPerObservation: Double?
    /// The stopping rule the prediction is for.
    public let stoppingRule: EMConfiguration.StoppingRule
    /// Iterations that rule needs at n from that start, in the linear regime.
    public let iterationsPredicted: Double?

    /// Analyses `truth` under the model (weights, variance).
    ///
    /// - Parameters:
    ///   - sampleSize: n, for standard errors and an iteration count (nil: per observation only).
    ///   - start: the start of the prediction; nil takes the population quantile start (EMLab's default).
    ///   - stoppingRule: the rule the iteration count is for.
    /// - Throws: ``EMLabError`` `.gsl` when a quadrature fails.
    public init(
        truth: GaussianMixture, weights: EMConfiguration.Weights, variance: EMConfiguration.Variance,
        sampleSize: Int? = nil, start: GaussianMixture? = nil,
        stoppingRule: EMConfiguration.StoppingRule = .logLikelihoodChange(1e-8)
    ) throws {
        self.truth = truth
        self.weights = weights
        self.variance = variance
        self.stoppingRule = stoppingRule
        self.sampleSize = sampleSize
        information = try MixtureInformation.population(of: truth, weights: weights, variance: variance)
        rateEigenvalues = information.rateEigenvalues ?? []
        guard let n = sampleSize else {
            standardErrors = nil
            self.start = nil
            startGapPerObservation = nil
            iterationsPredicted = nil
            return
        }
        standardErrors = StandardErrors(
            information: MixtureInformation(
                layout: information.layout,
                complete: Double(n) * information.complete,
                missing: Double(n) * information.missing),
            mixture: truth)
        // The start in the model's form, as the engine puts it (ExpectationMaximization.fit).
        var chosen = start ?? PopulationTheory.quantileStart(of: truth, componentCount: truth.componentCount)
        let k = truth.componentCount
        var sds = chosen.standardDeviations
        switch variance {
        case .known(let sd): sds = Array(repeating: sd, count: k)
        case .shared:
            let pooled = zip(chosen.weights, chosen.standardDeviations).map { $0 * $1 * $1 }.reduce(0, +)
            sds = Array(repeating: pooled.squareRoot(), count: k)
        case .perComponent: break
        }
        chosen = GaussianMixture(
            unchecked: weights == .fixed ? truth.weights : chosen.weights, means: chosen.means,
            standardDeviations: sds)
        self.start = chosen
        let gap = try PopulationTheory.gapPerObservation(truth: truth, start: chosen)
        startGapPerObservation = gap
        let maximum = Double(n) * -PopulationTheory.entropy(of: truth)
        iterationsPredicted = ConvergenceTheory.predictedIterations(
            rule: stoppingRule, rate: rateEigenvalues.first ?? .nan,
            initialGap: Double(n) * gap, maximum: maximum)
    }
}

extension PopulationTheory {
    /// The differential entropy −E_f[log f] of a mixture (so n·(−entropy)
    /// is the expected log-likelihood of n points at the truth), by quadrature.
    public static func entropy(of mixture: GaussianMixture) -> Double {
        return
            (try? Quadrature.integrate(breakpoints: breakpoints(of: mixture), absoluteTolerance: 1e-14, relativeTolerance: 1e-10) { x in
                let logF = mixture.logDensity(x)
                return logF.isFinite ? -Foundation.exp(logF) * logF : 0
            }) ?? .nan
    }
}
