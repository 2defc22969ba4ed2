/// Which parameters of a constrained one-dimensional mixture are estimated,
/// and where each sits in an information matrix or a parameter vector.
///
/// The order is fixed: the free weights π_1 … π_{K−1} (π_K = 1 − Σ_{j<K} π_j
/// is implied, so the weights have no redundant direction), then the means
/// μ_1 … μ_K, then the variances: σ_1² … σ_K² for per-component variances,
/// one σ² for a shared variance, none for a known one. Variances, not
/// standard deviations, are the coordinates, as in McLachlan & Peel,
/// *Finite Mixture Models* (2000), §2.16 and §3.2.
///
/// With fixed weights there are no weight coordinates. K = 1 has no free
/// weight either.
public struct FreeParameterLayout: Equatable, Sendable {
    public enum VarianceParameters: Equatable, Sendable {
        case perComponent, shared, known
    }

    public let componentCount: Int
    public let weightsFree: Bool
    public let variances: VarianceParameters

    public init(componentCount: Int, weights: EMConfiguration.Weights, variance: EMConfiguration.Variance) {
        self.componentCount = componentCount
        weightsFree = weights == .free
        switch variance {
        case .perComponent: variances = .perComponent
        case .shared: variances = .shared
        case .known: variances = .known
        }
    }

    /// K − 1 with free weights, else 0.
    public var weightCount: Int { weightsFree ? componentCount - 1 : 0 }
    /// K, 1 or 0.
    public var varianceCount: Int {
        switch variances {
        case .perComponent: return componentCount
        case .shared: return 1
        case .known: return 0
        }
    }
    /// The number of free parameters, p.
    public var count: Int { weightCount + componentCount + varianceCount }

    /// The coordinate of π_j, j < K − 1 (0-based), when weights are free.
    public func weightIndex(_ j: Int) -> Int { j }
    /// The coordinate of μ_k (0-based k).
    public func meanIndex(_ k: Int) -> Int { weightCount + k }
    /// The coordinate of σ_k² (the shared σ² for every k), or nil when known.
    public func varianceIndex(_ k: Int) -> Int? {
        switch variances {
        case .perComponent: return weightCount + componentCount + k
        case .shared: return weightCount + componentCount
        case .known: return nil
        }
    }

    /// Coordinate names, e.g. `pi1 mu1 mu2 var1 var2` (`var` when shared).
    public var names: [String] {
        (0..<weightCount).map { "pi\($0 + 1)" } + (0..<componentCount).map { "mu\($0 + 1)" }
            + (variances == .shared ? ["var"] : (0..<varianceCount).map { "var\($0 + 1)" })
    }

    /// The coordinates of a mixture.
    public func vector(of mixture: GaussianMixture) -> [Double] {
        var v = Array(mixture.weights.prefix(weightCount)) + mixture.means
        switch variances {
        case .perComponent: v += mixture.variances
        case .shared: v.append(mixture.variances[0])
        case .known: break
        }
        return v
    }

    /// The mixture with these coordinates; what they do not cover (fixed
    /// weights, a known σ) is taken from `base`.
    public func mixture(from v: [Double], base: GaussianMixture) -> GaussianMixture {
        let k = componentCount
        var weights = base.weights
        if weightsFree {
            for j in 0..<(k - 1) { weights[j] = v[j] }
            weights[k - 1] = 1 - v[0..<(k - 1)].reduce(0, +)
        }
        let means = Array(v[weightCount..<(weightCount + k)])
        var sds = base.standardDeviations
        for j in 0..<k { if let i = varianceIndex(j) { sds[j] = v[i].squareRoot() } }
        return GaussianMixture(unchecked: weights, means: means, standardDeviations: sds)
    }
}
