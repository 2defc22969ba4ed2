import Foundation

/// How a data set is drawn from a truth: correctly (`latent`), or exactly as
/// one of the four documents drew it, defects included, so a study can show
/// what each defect does. See ../shared/DOCUMENTS.md for the documents.
///
/// Every sampler draws through a ``RandomStream``: with NumPy's legacy stream
/// the documents' own calls are replayed in their order, so a seeded
/// document's data come out exactly.
public enum Sampler: String, CaseIterable, Sendable {
    /// Component by its weight (one uniform), then that component's normal
    /// (one normal): the latent-variable construction.
    case latent
    /// Document 000: per point, `random() > 0.5` picks component 1, else 2;
    /// then `normal()·σ + μ`. Correct in distribution for equal weights
    /// (it ignores the weights).
    case doc000
    /// Document 001 as first written: `u = 30·rand()` for every point first,
    /// then the *curve* `π1·exp(−(u−μ1)²/2·σ²) + (1−π1)·exp(−(u−μ2)²/2·σ²)`
    /// is the datum — density values, not draws, with `/2*σ**2` dividing by
    /// 2 and then multiplying by σ² (operator precedence), and no
    /// normalising constant. The values lie in [0, max(π1, 1−π1)].
    case doc001Curve = "doc001-curve"
    /// Document 001's accepted answer: `randn() < π1` picks component 1 —
    /// a standard normal draw, so component 1 is chosen with probability
    /// Φ(π1), not π1 — then `μ + randn()·σ`.
    case doc001Randn = "doc001-randn"
    /// Document 003: `z = binomial(1, p1, n)`, then `x1 = normal(μ1, σ1, n)`,
    /// `x2 = normal(μ2, σ2, n)`, `x = z·x1 + (1−z)·x2`: both normals drawn for
    /// every point (z = 1 is component 1). Correct in distribution.
    case doc003
    /// For a truth given as data (document 002): n values drawn from it with replacement.
    case bootstrap
    /// For a truth given as data: the data themselves (n must be their count).
    case fixed

    /// Whether this sampler draws from a data set rather than a mixture.
    public var needsData: Bool { self == .bootstrap || self == .fixed }

    /// The number of components this sampler is written for (nil: any K).
    public var requiredComponents: Int? {
        switch self {
        case .doc000, .doc001Curve, .doc001Randn, .doc003: return 2
        default: return nil
        }
    }

    /// The values of ``draw(from:data:count:using:)`` alone (the same draws):
    /// for the latent sampler without building the array of components.
    public func drawValues(
        from truth: GaussianMixture?, data: [Double]? = nil, count: Int,
        using random: any RandomStream
    ) -> [Double] {
        if self == .latent {
            if let source = random as? RandomSource { return truth!.sampleValues(count: count, using: source) }
            return truth!.sampleValues(count: count, using: random)
        }
        return draw(from: truth, data: data, count: count, using: random).values
    }

    /// Draws `count` values.
    ///
    /// - Parameters:
    ///   - truth: the mixture to draw from (mixture samplers).
    ///   - data: the data set to draw from (`bootstrap`, `fixed`).
    /// - Returns: the values and the 0-based component of each (-1 where
    ///   the sampler has no components, as for data and document 001's curve).
    public func draw(
        from truth: GaussianMixture?, data: [Double]? = nil, count: Int,
        using random: any RandomStream
    ) -> (values: [Double], components: [Int]) {
        switch self {
        case .latent:
            // GSL's stream by its concrete type, so the loop is specialised
            // (through the existential each draw is a witness call).
            if let source = random as? RandomSource { return truth!.sample(count: count, using: source) }
            return truth!.sample(count: count, using: random)
        case .doc000:
            let m = truth!
            var values: [Double] = [], components: [Int] = []
            values.reserveCapacity(count)
            components.reserveCapacity(count)
            for _ in 0..<count {
                let k = random.uniform() > 0.5 ? 0 : 1
                components.append(k)
                values.append(random.standardNormal() * m.standardDeviations[k] + m.means[k])
            }
            return (values, components)
        case .doc001Curve:
            let m = truth!
            let positions = (0..<count).map { _ in random.uniform() * 30 }
            let (p1, mu1, mu2, sigma) = (m.weights[0], m.means[0], m.means[1], m.standardDeviations[0])
            let sigmaSquared = sigma * sigma
            // As written: -(x - mu)**2 / 2*sigma**2, i.e. ((−d²) / 2) · σ².
            func term(_ u: Double, _ mu: Double) -> Double {
                let d = u - mu
                let exponent: Double = (-(d * d) / 2) * sigmaSquared
                return exp(exponent)
            }
            var values: [Double] = []
            values.reserveCapacity(count)
            for u in positions {
                let first: Double = p1 * term(u, mu1)
                let second: Double = (1 - p1) * term(u, mu2)
                values.append(first + second)
            }
            return (values, Array(repeating: -1, count: count))
        case .doc001Randn:
            let m = truth!
            var values: [Double] = [], components: [Int] = []
            for _ in 0..<count {
                let k = random.standardNormal() < m.weights[0] ? 0 : 1
                components.append(k)
                values.append(m.means[k] + random.standardNormal() * m.standardDeviations[k])
            }
            return (values, components)
        case .doc003:
            let m = truth!
            let z = (0..<count).map { _ in random.bernoulli(m.weights[0]) }
            let x1 = (0..<count).map { _ in m.means[0] + m.standardDeviations[0] * random.standardNormal() }
            let x2 = (0..<count).map { _ in m.means[1] + m.standardDeviations[1] * random.standardNormal() }
            var values: [Double] = []
            values.reserveCapacity(count)
            for i in 0..<count {
                // As NumPy computes z * x_1 + (1 - z) * x_2.
                let chosen: Double = Double(z[i]) * x1[i]
                let other: Double = Double(1 - z[i]) * x2[i]
                values.append(chosen + other)
            }
            return (values, z.map { $0 == 1 ? 0 : 1 })
        case .bootstrap:
            let d = data!
            return ((0..<count).map { _ in d[random.index(below: d.count)] }, Array(repeating: -1, count: count))
        case .fixed:
            return (data!, Array(repeating: -1, count: data!.count))
        }
    }
}
