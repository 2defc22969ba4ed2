import Foundation

/// mclust's default conjugate prior for a one-dimensional Gaussian mixture
/// (Fraley & Raftery 2007, "Bayesian regularization for normal mixture
/// estimation and model-based clustering", *J. Classif.* 24:155–181, §3),
/// with which EM becomes MAP-EM.
///
/// For each component, μ_k | σ_k² ~ N(μ_P, σ_k²/κ) and σ_k² ~ inverse
/// gamma(ν_P/2, ς²/2); with a shared variance one σ² carries the inverse
/// gamma and every μ_k its normal. The weights have a flat prior. The
/// defaults are `defaultPrior`'s for the models "V" and "E" (cran/mclust
/// 6.1.3, R/mclust.R, `defaultPrior`): κ = 0.01, μ_P = mean(x), ν_P = 3,
/// ς² = var(x)/G², var with divisor n − 1 (R's `var`). Any of the four may
/// be given instead.
public struct ConjugatePrior: Equatable, Sendable, CustomStringConvertible {
    /// κ, the shrinkage of the means (nil: 0.01).
    public var shrinkage: Double?
    /// μ_P, in the data's units (nil: the data's mean).
    public var mean: Double?
    /// ν_P, the degrees of freedom (nil: 3).
    public var degreesOfFreedom: Double?
    /// ς², in squared data units (nil: var(x)/G²).
    public var scale: Double?

    /// mclust's defaults, with any of the four given instead.
    public init(shrinkage: Double? = nil, mean: Double? = nil, degreesOfFreedom: Double? = nil, scale: Double? = nil) {
        self.shrinkage = shrinkage
        self.mean = mean
        self.degreesOfFreedom = degreesOfFreedom
        self.scale = scale
    }

    /// `mclust`, then any overrides: `mclust:shrinkage=0.1,dof=5`.
    public var description: String {
        var overrides: [String] = []
        if let shrinkage { overrides.append("shrinkage=\(formatNumber(shrinkage))") }
        if let mean { overrides.append("mean=\(formatNumber(mean))") }
        if let degreesOfFreedom { overrides.append("dof=\(formatNumber(degreesOfFreedom))") }
        if let scale { overrides.append("scale=\(formatNumber(scale))") }
        return overrides.isEmpty ? "mclust" : "mclust:" + overrides.joined(separator: ",")
    }

    /// The hyperparameters for one data set, every one a number.
    public struct Resolved: Equatable, Sendable {
        public var shrinkage: Double
        public var mean: Double
        public var degreesOfFreedom: Double
        public var scale: Double
    }

    /// The hyperparameters for `data` and `componentCount` components, as
    /// `defaultPrior(data, G, "V")` gives them where none is overridden.
    ///
    /// - Complexity: O(n).
    public func resolved(data: [Double], componentCount g: Int) -> Resolved {
        let n = Double(data.count)
        let center = data.reduce(0, +) / n
        var squares = 0.0
        for x in data { squares += (x - center) * (x - center) }
        let variance = data.count > 1 ? squares / (n - 1) : 0
        return Resolved(
            shrinkage: shrinkage ?? 0.01, mean: mean ?? center, degreesOfFreedom: degreesOfFreedom ?? 3,
            scale: scale ?? variance / Double(g * g))
    }
}

extension ConjugatePrior.Resolved {
    /// The MAP update of one component's mean: μ_k = (n_k x̄_k + κ μ_P)/(n_k + κ)
    /// (mclust's `me1vp`, src/mclust.f: `mu(k) = term*smu + temp*pmu` with
    /// term = n_k/(κ + n_k), temp = κ/(κ + n_k)).
    @inline(__always)
    func mean(count nk: Double, sampleMean: Double) -> Double {
        (nk / (shrinkage + nk)) * sampleMean + (shrinkage / (shrinkage + nk)) * mean
    }

    /// The prior's addition to a component's scatter W_k:
    /// κ n_k/(κ + n_k) (x̄_k − μ_P)² (`me1vp`: `term*temp`, with
    /// temp = (pmu² + smu²) − 2·pmu·smu, here formed as a square).
    @inline(__always)
    func scatterShift(count nk: Double, sampleMean: Double) -> Double {
        let d = sampleMean - mean
        return (shrinkage * nk) / (shrinkage + nk) * d * d
    }

    /// The MAP variance of one component ("V", `me1vp`):
    /// σ_k² = [ς² + W_k + κ n_k/(κ + n_k)(x̄_k − μ_P)²]/(ν_P + n_k + 3).
    @inline(__always)
    func variance(count nk: Double, scatter: Double, shift: Double) -> Double {
        (scale + scatter + shift) / (degreesOfFreedom + nk + 3)
    }

    /// The MAP shared variance ("E", `me1ep`, src/mclust.f):
    /// σ² = [ς² + Σ_k (W_k + κ n_k/(κ + n_k)(x̄_k − μ_P)²)]/(ν_P + n + G + 2).
    @inline(__always)
    func sharedVariance(count n: Double, componentCount g: Int, scatter: Double) -> Double {
        (scale + scatter) / (degreesOfFreedom + n + Double(g) + 2)
    }

    /// log p(θ), the prior's log-density at the parameters (weights flat):
    /// Σ_k log N(μ_k; μ_P, σ_k²/κ) + Σ log IG(σ²; ν_P/2, ς²/2), the inverse
    /// gamma once per variance parameter (G of them, or one when shared).
    ///
    /// mclust computes the same density at the end of `me1vp` but with the
    /// normal's constant +G(log 2π − log κ)/2 of the opposite sign, and
    /// `meV` discards it (`## logpost <- temp[[8]]`); a constant does not
    /// move the maximiser.
    ///
    /// - Complexity: O(K).
    func logDensity(means: [Double], sds: [Double], shared: Bool) -> Double {
        let halfDOF = degreesOfFreedom / 2
        let inverseGammaConstant = halfDOF * (scale / 2).log() - lgamma(halfDOF)
        var total = 0.0
        for j in means.indices {
            let variance = sds[j] * sds[j]
            let d = means[j] - mean
            total += -0.5 * (2 * Double.pi * variance / shrinkage).log() - shrinkage * d * d / (2 * variance)
            if !shared || j == 0 {
                total += inverseGammaConstant - (halfDOF + 1) * variance.log() - scale / (2 * variance)
            }
        }
        return total
    }
}
