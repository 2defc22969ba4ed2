import Foundation

/// Document 002's EM step, as written (`EM_GMM`'s loop body), any K:
///
///     s_k   = √v_k                                   ← passed as "variances"
///     L_ik  = 1/(√(2π s_k) + eps) · exp(−½ (x_i − m_k)² / (s_k + eps))
///     b_ik  = L_ik w_k;  b_ik /= Σ_i b_ik + eps      ← normalised over the data, not over k
///     m_k   = Σ_i b_ik x_i / (Σ_i b_ik + eps)
///     v_k   = Σ_i b_ik (x_i − m_k)² / (Σ_i b_ik + eps)
///     w_k   = mean_i b_ik                            ← ≈ 1/n, since Σ_i b_ik ≈ 1
///
/// Three defects: the sd stands where the variance belongs; each component's
/// responsibilities sum to 1 over the points instead of each point's over
/// the components (so every weight becomes 1/n, and components no longer
/// compete: two that start close become the same one); and `+ eps`
/// (``AsWrittenEstimator/document002Epsilon``) hides the divisions by zero
/// that underflow would otherwise reveal.
enum Document002Step {
    static func apply(_ p: inout AsWrittenParameters, data: [Double]) {
        let eps = AsWrittenEstimator.document002Epsilon
        let k = p.means.count
        let n = Double(data.count)
        var b = [Double](repeating: 0, count: data.count)
        for j in 0..<k {
            let s = p.sds[j]  // √variance, passed where PDF expects the variance
            let front = 1 / ((2 * Double.pi * s).squareRoot() + eps)
            var total = 0.0
            for (i, x) in data.enumerated() {
                let d = x - p.means[j]
                b[i] = front * exp(-0.5 * (d * d / (s + eps))) * p.weights[j]
                total += b[i]
            }
            var mass = 0.0, weighted = 0.0
            for i in b.indices {
                b[i] /= total + eps
                mass += b[i]
                weighted += b[i] * data[i]
            }
            let mean = weighted / (mass + eps)
            var squares = 0.0
            for (i, x) in data.enumerated() { squares += b[i] * (x - mean) * (x - mean) }
            p.means[j] = mean
            p.sds[j] = (squares / (mass + eps)).squareRoot()
            p.weights[j] = mass / n
        }
    }
}
