import Foundation

/// Document 001's EM step, as written (its loop body), K = 2 with one σ:
///
///     γ1 = π1 N1 / (π1 N1 + (1−π1) N2),  γ2 = (1−π1) N2 / (π1 N1 + (1−π1) N2)
///     π1 = Σγ1 / Σ(γ1 + γ2),  μ1 = Σγ1 x / Σγ1,  μ2 = Σγ2 x / Σγ2
///     σ  = √(Σγ1 (x − μ1)² / Σγ1)          ← component 1 alone
///
/// with N_k the normal density by plain `exp` (no log-sum-exp). The pooled
/// update is σ² = Σ_i Σ_k γ_ik (x_i − μ_k)² / n; using component 1 alone is
/// still consistent when the components share σ, but noisier, and wrong
/// when they do not.
enum Document001Step {
    static func apply(_ p: inout AsWrittenParameters, data: [Double]) {
        let (pi1, mu1, mu2, sigma) = (p.weights[0], p.means[0], p.means[1], p.sds[0])
        let normaliser = (2 * Double.pi * sigma * sigma).squareRoot()
        var g1Sum = 0.0, g2Sum = 0.0, g1x = 0.0, g2x = 0.0
        var gammas = [Double](repeating: 0, count: data.count)
        for (i, x) in data.enumerated() {
            let norm1 = exp(-((x - mu1) * (x - mu1)) / (2 * sigma * sigma)) / normaliser
            let norm2 = exp(-((x - mu2) * (x - mu2)) / (2 * sigma * sigma)) / normaliser
            let denominator = pi1 * norm1 + (1 - pi1) * norm2
            let g1 = pi1 * norm1 / denominator
            let g2 = (1 - pi1) * norm2 / denominator
            gammas[i] = g1
            g1Sum += g1
            g2Sum += g2
            g1x += g1 * x
            g2x += g2 * x
        }
        let newPi1 = g1Sum / (g1Sum + g2Sum)
        let newMu1 = g1x / g1Sum, newMu2 = g2x / g2Sum
        var squares = 0.0
        for (i, x) in data.enumerated() { squares += gammas[i] * (x - newMu1) * (x - newMu1) }
        let newSigma = (squares / g1Sum).squareRoot()
        p.weights = [newPi1, 1 - newPi1]
        p.means = [newMu1, newMu2]
        p.sds = [newSigma, newSigma]
    }
}
