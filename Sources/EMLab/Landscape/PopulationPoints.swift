import Foundation

/// A population as a deterministic sample: m points, one per cell of m
/// equal-mass cells of a true mixture F, each the cell's conditional mean.
///
/// With the cuts q_i = F⁻¹(i/m) (q_0 = −∞, q_m = +∞), the point of cell i
/// is x_i = m·∫_{q_{i−1}}^{q_i} x dF, in closed form for a Gaussian mixture:
/// Σ_j π_j [μ_j (Φ(β_j) − Φ(α_j)) + σ_j (φ(α_j) − φ(β_j))], with α_j, β_j the
/// cut points standardised by component j (the truncated-normal moments,
/// as in ``PopulationTheory/quantileStart(of:componentCount:)``).
///
/// EM on these points is the population EM map with each expectation
/// E_F[h(x)] replaced by the average of h over the points: exact for every
/// h linear in x (so the population mean is exact), and for a smooth h off
/// by about ½·E[h″]·(the mean within-cell variance), which falls as m grows
/// (the within-cell variance of the two tail cells dominates it). The tests
/// measure the map against GSL's adaptive quadrature of the same
/// expectations. Running the engine itself on these points keeps one
/// implementation of EM, its stopping rules and its information for the
/// sample and the population alike.
public enum PopulationPoints {
    /// The default number of points.
    public static let defaultCount = 2000

    /// The m cell means of `truth`, ascending.
    ///
    /// - Complexity: O(m·K·200): the cuts by bisection on the CDF (``PopulationTheory/quantile(_:_:)``).
    public static func points(of truth: GaussianMixture, count m: Int) -> [Double] {
        let cuts = [-Double.infinity] + (1..<m).map { PopulationTheory.quantile(truth, Double($0) / Double(m)) } + [Double.infinity]
        func phi(_ z: Double) -> Double { z.isInfinite ? 0 : Foundation.exp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }
        func bigPhi(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }
        return (0..<m).map { i in
            var mass = 0.0, first = 0.0
            for j in 0..<truth.componentCount {
                let mu = truth.means[j], sigma = truth.standardDeviations[j], w = truth.weights[j]
                let alpha = (cuts[i] - mu) / sigma, beta = (cuts[i + 1] - mu) / sigma
                let p = bigPhi(beta) - bigPhi(alpha)
                mass += w * p
                first += w * (mu * p + sigma * (phi(alpha) - phi(beta)))
            }
            return first / mass
        }
    }
}
