import Foundation

/// Document 000's EM step, as written (`e_step` and `m_step` in the document):
///
///     E[i,j] = exp(−(x_i − μ_j)²/σ²) / Σ_l exp(−(x_i − μ_l)²/σ²)
///     μ_j    = Σ_i E[i,j] x_i / Σ_i E[i,j]
///
/// The exponent lacks the 2 of the normal density, so the step is EM for a
/// mixture whose variance is σ²/2: its fixed point is biased outward. Plain
/// `exp` underflows to 0 for points far (≳ 27σ) from every mean, and 0/0
/// gives NaN, which the driver records as a non-finite stop.
enum Document000Step {
    static func apply(_ p: inout AsWrittenParameters, data: [Double]) {
        let k = p.means.count
        let inverseSigmaSquared = 1 / (p.sds[0] * p.sds[0])
        var numerators = [Double](repeating: 0, count: k), denominators = [Double](repeating: 0, count: k)
        var terms = [Double](repeating: 0, count: k)
        for x in data {
            var denominator = 0.0
            for j in 0..<k {
                let d = x - p.means[j]
                terms[j] = exp(-inverseSigmaSquared * (d * d))
                denominator += terms[j]
            }
            for j in 0..<k {
                let e = terms[j] / denominator
                numerators[j] += e * x
                denominators[j] += e
            }
        }
        for j in 0..<k { p.means[j] = numerators[j] / denominators[j] }
    }
}
