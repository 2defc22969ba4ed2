import Foundation

/// The log-likelihood Σ_i log Σ_k π_k N(x_i; μ_k, σ_k²) of raw parameter
/// arrays, by log-sum-exp, allocating nothing.
///
/// Used to score parameters that need not form a valid mixture (the
/// documents' as-written estimators return weights that do not sum to 1).
/// A σ_k of 0 gives +∞ at points exactly on μ_k and −∞ elsewhere for that
/// term, as the limit does.
public enum MixtureLogLikelihood {
    /// - Complexity: O(n·K) time, O(1) extra memory for K ≤ 16 (O(K) above).
    public static func evaluate(data: [Double], weights: [Double], means: [Double], sds: [Double]) -> Double {
        let k = weights.count
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * k) { buffer in
            for j in 0..<k { buffer[j] = Foundation.log(weights[j]) - Foundation.log(sds[j]) - halfLogTwoPi }
            var total = 0.0
            for x in data {
                var largest = -Double.infinity
                for j in 0..<k {
                    let t: Double
                    if sds[j] == 0 {
                        t = weights[j] > 0 && x == means[j] ? .infinity : -.infinity
                    } else {
                        let z = (x - means[j]) / sds[j]
                        t = buffer[j] - 0.5 * z * z
                    }
                    buffer[k + j] = t
                    if t > largest || t.isNaN { largest = t }
                }
                guard largest.isFinite else {
                    total += largest
                    continue
                }
                var sum = 0.0
                for j in 0..<k { sum += Foundation.exp(buffer[k + j] - largest) }
                total += largest + Foundation.log(sum)
            }
            return total
        }
    }
}
