import Foundation

/// What a trace's own log-likelihood column holds, against EMLab's ℓ(θ_t) =
/// Σ_i log Σ_k π_k N(x_i; μ_k, σ_k²) at each row's parameters.
///
/// Each verdict is a quantity course code writes in ℓ's place; the column
/// is given the first whose value agrees with it at every row (to the
/// tolerance of ``AuditTolerance/logLikelihood(_:count:propagated:)``).
public enum LogLikelihoodColumnVerdict: String, CaseIterable, Sendable {
    /// ℓ itself.
    case matches
    /// ℓ + n·log(2π)/2: the normal density's constant 1/√(2π) left out.
    case missingConstant = "missing-constant"
    /// Σ_i log Σ_k N(x_i; μ_k, σ_k²): the weights left out.
    case weightsLeftOut = "weights-left-out"
    /// Σ_i Σ_k log(π_k N(x_i; μ_k, σ_k²)): a sum of logs where ℓ has the log of a sum.
    case sumOfLogs = "sum-of-logs"
    /// Σ_i Σ_k γ_ik log(π_k N(x_i; μ_k, σ_k²)): the expected complete-data
    /// log-likelihood Q(θ | θ), which EM maximises at each M-step, not ℓ.
    case expectedCompleteData = "expected-complete-data"
    /// ℓ/n, as scikit-learn's `score` reports.
    case averagePerPoint = "average-per-point"
    /// −ℓ, the negative log-likelihood.
    case negated
    /// Row t holds ℓ(θ_{t−1}): ℓ computed in the E-step and written beside the M-step's new parameters.
    case oneRowLate = "one-row-late"

    /// What the column holds, and what to do, in words.
    public var explanation: String {
        switch self {
        case .matches: return "the column is EMLab's log-likelihood at every row"
        case .missingConstant:
            return
                "the column is ℓ + n·log(2π)/2: the density's constant 1/√(2π) is left out; harmless to EM's steps, but the value is not the log-likelihood (fix: subtract n·log(2π)/2, or use the full density)"
        case .weightsLeftOut:
            return "the column is Σ_i log Σ_k N(x_i; μ_k, σ_k²): the weights π_k are left out of the mixture density (fix: Σ_i log Σ_k π_k N(x_i; μ_k, σ_k²))"
        case .sumOfLogs:
            return
                "the column is Σ_i Σ_k log(π_k N(x_i; μ_k, σ_k²)), a sum of logs where the log-likelihood has the log of a sum over components (fix: Σ_i log Σ_k π_k N(x_i; μ_k, σ_k²), by log-sum-exp)"
        case .expectedCompleteData:
            return
                "the column is Q(θ|θ) = Σ_i Σ_k γ_ik log(π_k N(x_i; μ_k, σ_k²)), the expected complete-data log-likelihood, not ℓ (it differs from ℓ by the entropy of the responsibilities; fix: Σ_i log Σ_k π_k N(x_i; μ_k, σ_k²))"
        case .averagePerPoint: return "the column is ℓ/n, the average log-likelihood per point (fine, if it is labelled so)"
        case .negated: return "the column is −ℓ, the negative log-likelihood, which must fall where ℓ rises"
        case .oneRowLate:
            return
                "row t holds ℓ of row t − 1's parameters: the E-step's ℓ is written beside the parameters the M-step made from it (fix: write ℓ with the parameters it was computed at)"
        }
    }

    /// This verdict's value at one row, or nil where it says nothing (the
    /// first row of ``oneRowLate``).
    ///
    /// - Parameters:
    ///   - logLikelihoods: EMLab's ℓ at every row.
    ///   - row: the row.
    ///   - parameters: the row's parameters.
    /// - Complexity: O(n·K) for the verdicts that need a pass over the data, O(1) otherwise.
    func value(data: [Double], logLikelihoods: [Double], row: Int, parameters p: TraceParameters) -> Double? {
        let n = Double(data.count)
        let l = logLikelihoods[row]
        let k = p.means.count
        switch self {
        case .matches: return l
        case .missingConstant: return l + n * log(2 * Double.pi) / 2
        case .averagePerPoint: return l / n
        case .negated: return -l
        case .oneRowLate: return row > 0 ? logLikelihoods[row - 1] : nil
        case .weightsLeftOut:
            return MixtureLogLikelihood.evaluate(data: data, weights: [Double](repeating: 1, count: k), means: p.means, sds: p.sds)
        case .sumOfLogs, .expectedCompleteData:
            var total = 0.0
            var terms = [Double](repeating: 0, count: k)
            for x in data {
                var largest = -Double.infinity
                for j in 0..<k {
                    terms[j] = log(p.weights[j]) + GaussianMixture.logNormalDensity(x, mean: p.means[j], standardDeviation: p.sds[j])
                    largest = max(largest, terms[j])
                }
                if self == .sumOfLogs {
                    total += terms.reduce(0, +)
                    continue
                }
                var sum = 0.0
                for j in 0..<k { sum += exp(terms[j] - largest) }
                for j in 0..<k where terms[j] > -.infinity { total += exp(terms[j] - largest) / sum * terms[j] }
            }
            return total
        }
    }
}
