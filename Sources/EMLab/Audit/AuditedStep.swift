import Foundation

/// Weights, means and sds as a trace's row holds them: any numbers, not
/// necessarily a mixture (a defective step's weights need not sum to 1).
public struct TraceParameters: Equatable, Sendable {
    public var weights: [Double]
    public var means: [Double]
    public var sds: [Double]

    public init(weights: [Double], means: [Double], sds: [Double]) {
        (self.weights, self.means, self.sds) = (weights, means, sds)
    }

    /// The 3K values in the audit's order: weights, then means, then sds.
    var flattened: [Double] { weights + means + sds }
    var allFinite: Bool { flattened.allSatisfy(\.isFinite) }

    /// These parameters with value `index` of ``flattened`` moved by `h`
    /// (how the audit carries a row's rounding through the step).
    func moving(_ index: Int, by h: Double) -> TraceParameters {
        var moved = self
        let k = weights.count
        switch index / k {
        case 0: moved.weights[index % k] += h
        case 1: moved.means[index % k] += h
        default: moved.sds[index % k] += h
        }
        return moved
    }
}

/// The steps the audit compares a trace with: EM's own map F, taken from
/// the engine (``SufficientStatistics`` and ``MaximizationStep``, the map
/// ``ExpectationMaximization`` iterates), and the defective maps F_d of
/// ``TraceDefect``.
enum AuditedStep {
    /// EM's step F(θ) and ℓ(θ) under the model, by the engine's own E-step
    /// and M-step (McLachlan & Krishnan, *The EM Algorithm and Extensions*,
    /// 2nd ed., §2.7).
    ///
    /// - Parameters:
    ///   - data: the observations.
    ///   - parameters: θ, in the model's form (a known σ already in place).
    ///   - configuration: the model (weights, variance); its variance floor applies as in the engine.
    ///   - statistics: the E-step's work space, reused between calls.
    /// - Returns: F(θ) and the log-likelihood of θ (with the weights as given).
    /// - Complexity: O(n·K).
    static func em(
        data: [Double], _ parameters: TraceParameters, configuration: EMConfiguration,
        statistics: inout SufficientStatistics
    ) -> (next: TraceParameters, logLikelihood: Double) {
        let logLikelihood = statistics.accumulate(data: data, weights: parameters.weights, means: parameters.means, sds: parameters.sds)
        var next = parameters
        _ = MaximizationStep.apply(
            statistics: statistics, count: Double(data.count), configuration: configuration,
            weights: &next.weights, means: &next.means, sds: &next.sds)
        return (next, logLikelihood)
    }
}

/// An alternative step F_d: EM with some of its parts replaced by the
/// defects of ``TraceDefect`` (the plain EM step when nothing is replaced).
///
/// Each part is one choice on one axis — the density of the E-step, how the
/// responsibilities are normalised, how the variance is updated, whether the
/// weights are updated, what the sd column holds, and an ε added to the
/// denominators — so defects on different axes compose (document 002 has
/// three). Computed by a plain scalar loop in log space (in linear space,
/// as such code is written, when ε > 0 or with plain `exp`).
struct DefectiveStep: Hashable, Sendable {
    enum Density: Hashable, Sendable {
        /// N(x; μ, σ²).
        case normal
        /// exp(−(x − μ)²/σ²) in place of exp(−(x − μ)²/(2σ²)), the normal's constant kept.
        case exponentWithoutHalf
        /// N(x; μ, σ): the sd where the variance belongs.
        case sdAsVariance
    }
    enum Normalization: Hashable, Sendable {
        /// γ_ik = π_k φ_k(x_i) / Σ_l π_l φ_l(x_i).
        case overComponents
        /// γ_ik = π_k φ_k(x_i) / Σ_j π_k φ_k(x_j).
        case overData
        /// γ_ik = 1 for the k with the largest π_k φ_k(x_i), 0 otherwise.
        case hard
    }
    enum VarianceUpdate: Hashable, Sendable {
        /// σ_k² = Σ_i γ_ik (x_i − μ'_k)² / N_k (shared: summed over k, / n).
        case newMean
        /// About the previous μ_k.
        case oldMean
        /// / (N_k − 1) (shared: / (n − 1)).
        case unbiased
        /// / n in place of N_k (per component only).
        case dividedByN
        /// The shared σ² from one component alone, Σ_i γ_ij (x_i − μ'_j)² / N_j:
        /// component 1 as the code numbers them (any j here, since the trace
        /// may number them differently, e.g. after label alignment).
        case oneComponent(Int)
    }

    var density = Density.normal
    var normalization = Normalization.overComponents
    var variance = VarianceUpdate.newMean
    var weightsFrozen = false
    var reportsVariance = false
    var epsilon = 0.0
    /// The densities by plain `exp` in linear space, normalised by their sum:
    /// 0/0 = NaN where every density of a point underflows.
    var plainExponential = false

    /// F_d(θ) for `parameters` as the trace shows them (an sd column holding
    /// variances is read back as such when ``reportsVariance``).
    ///
    /// - Complexity: O(n·K) time and memory (the responsibilities are kept
    ///   when they are normalised over the data).
    func apply(data: [Double], _ shown: TraceParameters, configuration: EMConfiguration) -> TraceParameters {
        let k = shown.means.count
        let n = Double(data.count)
        var sds = reportsVariance ? shown.sds.map { $0.squareRoot() } : shown.sds
        if case .known(let sd) = configuration.variance { sds = [Double](repeating: sd, count: k) }
        let weights = shown.weights, means = shown.means
        // The variance each density uses, and the factor of its exponent.
        let used = (0..<k).map { density == .sdAsVariance ? sds[$0] : sds[$0] * sds[$0] }
        let factor = density == .exponentWithoutHalf ? 1.0 : 0.5
        let eps = epsilon
        let linear = eps > 0 || plainExponential
        func logTerm(_ x: Double, _ j: Int) -> Double {
            let d = x - means[j]
            return log(weights[j]) - 0.5 * log(2 * Double.pi * used[j]) - factor * d * d / used[j]
        }
        func linearTerm(_ x: Double, _ j: Int) -> Double {
            let d = x - means[j]
            return weights[j] / ((2 * Double.pi * used[j]).squareRoot() + eps) * exp(-factor * d * d / (used[j] + eps))
        }
        // γ, n × K, row-major.
        var gamma = [Double](repeating: 0, count: data.count * k)
        var terms = [Double](repeating: 0, count: k)
        switch normalization {
        case .overComponents, .hard:
            for (i, x) in data.enumerated() {
                if linear && normalization == .overComponents {
                    var total = 0.0
                    for j in 0..<k {
                        terms[j] = linearTerm(x, j)
                        total += terms[j]
                    }
                    for j in 0..<k { gamma[i * k + j] = terms[j] / (total + eps) }
                    continue
                }
                var largest = -Double.infinity, best = 0
                for j in 0..<k {
                    terms[j] = logTerm(x, j)
                    if terms[j] > largest {
                        largest = terms[j]
                        best = j
                    }
                }
                if normalization == .hard {
                    gamma[i * k + best] = 1
                    continue
                }
                guard largest.isFinite else { continue }
                var total = 0.0
                for j in 0..<k { total += exp(terms[j] - largest) }
                for j in 0..<k { gamma[i * k + j] = exp(terms[j] - largest) / total }
            }
        case .overData:
            for j in 0..<k {
                if linear {
                    var total = 0.0
                    for (i, x) in data.enumerated() {
                        gamma[i * k + j] = linearTerm(x, j)
                        total += gamma[i * k + j]
                    }
                    for i in data.indices { gamma[i * k + j] /= total + eps }
                    continue
                }
                var largest = -Double.infinity
                for x in data { largest = max(largest, logTerm(x, j)) }
                guard largest.isFinite else { continue }
                var total = 0.0
                for x in data { total += exp(logTerm(x, j) - largest) }
                for (i, x) in data.enumerated() { gamma[i * k + j] = exp(logTerm(x, j) - largest) / total }
            }
        }
        var next = shown
        var mass = [Double](repeating: 0, count: k), squares = [Double](repeating: 0, count: k)
        var newMeans = means
        for j in 0..<k {
            var sum = 0.0, weighted = 0.0
            for (i, x) in data.enumerated() {
                sum += gamma[i * k + j]
                weighted += gamma[i * k + j] * x
            }
            mass[j] = sum
            guard sum != 0 else { continue }  // NaN goes on, as the code it stands for would
            newMeans[j] = weighted / (sum + eps)
            let centre = variance == .oldMean ? means[j] : newMeans[j]
            var s = 0.0
            for (i, x) in data.enumerated() { s += gamma[i * k + j] * (x - centre) * (x - centre) }
            squares[j] = s
        }
        next.means = newMeans
        var variances = sds.map { $0 * $0 }
        switch configuration.variance {
        case .known: break
        case .perComponent:
            for j in 0..<k where mass[j] != 0 {
                switch variance {
                case .unbiased: variances[j] = squares[j] / (mass[j] - 1)
                case .dividedByN: variances[j] = squares[j] / n
                default: variances[j] = squares[j] / (mass[j] + eps)
                }
            }
        case .shared:
            let total = squares.reduce(0, +)
            let pooled: Double
            switch variance {
            case .unbiased: pooled = total / (n - 1)
            case .oneComponent(let j): pooled = squares[j] / mass[j]
            default: pooled = total / n
            }
            variances = [Double](repeating: pooled, count: k)
        }
        if configuration.weights == .free && !weightsFrozen {
            for j in 0..<k { next.weights[j] = mass[j] / n }
        }
        next.sds = reportsVariance ? variances : variances.map { $0.squareRoot() }
        if case .known(let sd) = configuration.variance { next.sds = [Double](repeating: sd, count: k) }
        return next
    }
}
