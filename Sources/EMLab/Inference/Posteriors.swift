import Foundation

/// Which component each observation belongs to, under a fitted mixture: the
/// responsibilities (posterior probabilities)
///
///     τ_ik = π_k N(x_i; μ_k, σ_k²) / Σ_j π_j N(x_i; μ_j, σ_j²),
///
/// the MAP component argmax_k τ_ik, and mclust's *uncertainty* 1 − max_k τ_ik
/// (Fraley & Raftery 2002, *JASA* 97, §3; mclust's `Mclust()$uncertainty`).
///
/// τ is computed in log space (log-sum-exp), so it is exact even when every
/// density underflows. A component with σ_k = 0 (a degenerate fit) has an
/// infinite density at its mean: a point there belongs to it (shared equally
/// among such components), any other point not at all.
public struct Posteriors: Sendable {
    /// The number of components, K.
    public let componentCount: Int
    /// τ, row by row: τ_ik is `responsibilities[i * K + k]`.
    public let responsibilities: [Double]

    /// The number of observations.
    public var count: Int { componentCount == 0 ? 0 : responsibilities.count / componentCount }

    /// τ_ik.
    public subscript(i: Int, k: Int) -> Double { responsibilities[i * componentCount + k] }

    /// The MAP component of observation i (0-based; the first on a tie, as
    /// mclust's `map()` and R's `which.max`).
    public func mapComponent(_ i: Int) -> Int {
        var best = 0
        for k in 1..<componentCount where self[i, k] > self[i, best] { best = k }
        return best
    }

    /// 1 − max_k τ_ik: 0 for a point surely in one component, up to 1 − 1/K.
    public func uncertainty(_ i: Int) -> Double { 1 - self[i, mapComponent(i)] }

    /// The responsibilities of `data` under `mixture`.
    ///
    /// - Complexity: O(n·K) time and memory.
    public init(data: [Double], mixture: GaussianMixture) {
        let k = mixture.componentCount
        componentCount = k
        var tau = [Double](repeating: 0, count: data.count * k)
        var terms = [Double](repeating: 0, count: k)
        let logWeights = mixture.weights.map { Foundation.log($0) }
        for (i, x) in data.enumerated() {
            var largest = -Double.infinity
            for j in 0..<k {
                let s = mixture.standardDeviations[j]
                let t: Double
                if s == 0 {
                    t = mixture.weights[j] > 0 && x == mixture.means[j] ? .infinity : -.infinity
                } else {
                    t = logWeights[j] + GaussianMixture.logNormalDensity(x, mean: mixture.means[j], standardDeviation: s)
                }
                terms[j] = t
                if t > largest || t.isNaN { largest = t }
            }
            if largest.isFinite {
                var sum = 0.0
                for j in 0..<k { sum += Foundation.exp(terms[j] - largest) }
                for j in 0..<k { tau[i * k + j] = Foundation.exp(terms[j] - largest) / sum }
            } else if largest == .infinity {
                let tied = terms.filter { $0 == .infinity }.count
                for j in 0..<k { tau[i * k + j] = terms[j] == .infinity ? 1 / Double(tied) : 0 }
            } else {
                for j in 0..<k { tau[i * k + j] = .nan }
            }
        }
        responsibilities = tau
    }

    /// The entropy term of mclust's ICL: Σ_i −log τ_{i,MAP(i)}, the
    /// log-likelihood lost by classifying every point to its MAP component
    /// (the hard-classification form mclust's `icl()` uses; Biernacki,
    /// Celeux & Govaert 2000 write the soft −Σ_i Σ_k τ_ik log τ_ik).
    ///
    /// - Complexity: O(n·K).
    public var classificationEntropy: Double {
        var total = 0.0
        for i in 0..<count {
            let t = self[i, mapComponent(i)]
            if t > 0 { total -= Foundation.log(t) }
        }
        return total
    }

    /// The posteriors as CSV: `value,tau1..tauK,map,uncertainty`, one row per
    /// observation in data order; `map` is 1-based; numbers in the shortest
    /// form that reads back to the same double (``formatNumber(_:)``). With
    /// `logDensities` (`emlab score`), a `logDensity` column follows `value`.
    ///
    /// - Complexity: O(n·K).
    public func csv(data: [Double], logDensities: [Double]? = nil) -> String {
        precondition(data.count == count && (logDensities?.count ?? count) == count, "one row per observation")
        let header = ["value"] + (logDensities == nil ? [] : ["logDensity"]) + (1...max(componentCount, 1)).map { "tau\($0)" }
        var text = CSVFormat.row(header + ["map", "uncertainty"])
        for (i, x) in data.enumerated() {
            var row = [formatNumber(x)]
            if let logDensities { row.append(formatNumber(logDensities[i])) }
            for j in 0..<componentCount { row.append(formatNumber(self[i, j])) }
            row.append(String(mapComponent(i) + 1))
            row.append(formatNumber(uncertainty(i)))
            text += CSVFormat.row(row)
        }
        return text
    }
}
