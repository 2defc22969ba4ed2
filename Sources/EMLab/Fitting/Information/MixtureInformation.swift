import CEMKernels
import Foundation

/// The information matrices of a one-dimensional Gaussian mixture at a
/// parameter value, and the rate at which EM converges there.
///
/// Coordinates are those of ``FreeParameterLayout``: free weights
/// π_1 … π_{K−1}, means, then variances. With z the component labels
/// (one-hot) of an observation x and d_k = x − μ_k, v_k = σ_k²:
///
/// - **Complete-data information** I_c = E[−∇²ℓ_c | x] = Σ_i Σ_k γ_ik B_k(x_i),
///   where −∇² of component k's term log π_k + log N(x; μ_k, v_k) is
///   B_k = u_k u_kᵀ (weights; u_k = e_k/π_k for k < K and −𝟙/π_K for k = K)
///   plus, in (μ_k, v_k): [[1/v, d/v²], [d/v², d²/v³ − 1/(2v²)]].
/// - **Missing information**, by Louis (1982), *J. R. Statist. Soc. B* 44(2),
///   226–233: I_m = Σ_i Cov(S_c | x_i), the conditional covariance of the
///   complete-data score S_c = Σ_k z_k a_k(x) with
///   a_k = u_k ⊕ (d/v) e_{μ_k} ⊕ ((d² − v)/(2v²)) e_{v_k}. Given x, z is
///   one draw of Multinomial(1, γ), so
///   Cov(S_c | x) = Σ_k γ_k a_k a_kᵀ − m mᵀ, m = Σ_k γ_k a_k = ∇ log f(x).
/// - **Observed information** I_obs = I_c − I_m, which equals −∇²ℓ at any θ
///   (Louis 1982, eq. 3.1) — the tests check it against a finite-difference
///   Hessian.
/// - **Rate matrix** J = I_c⁻¹ I_m = I − I_c⁻¹ I_obs, the Jacobian of the EM
///   map at a fixed point (Dempster, Laird & Rubin 1977, *J. R. Statist.
///   Soc. B* 39(1), §3.2; Meng & Rubin 1991, *JASA* 86, 899–909;
///   McLachlan & Krishnan, *The EM Algorithm and Extensions*, 2nd ed.,
///   §3.9). Near the maximum EM is the linear map θ − θ* ↦ J(θ − θ*), so its
///   rate is J's largest eigenvalue λ, "the largest fraction of missing
///   information". J is similar to the symmetric I_c^{−½} I_m I_c^{−½}, so
///   its eigenvalues are real: they are computed as the generalised
///   symmetric-definite problem I_m u = λ I_c u (GSL `gsl_eigen_gensymm`).
///
/// All sums reduce to five weighted moments per component,
/// M_kp = Σ_i γ_ik d_ik^p (p = 0…4), plus the Gram matrix Σ_i m_i m_iᵀ;
/// the population version replaces the moments by
/// their Gaussian expectations and the Gram matrix by an adaptive
/// quadrature (``population(of:weights:variance:)``).
public struct MixtureInformation: Sendable {
    public let layout: FreeParameterLayout
    /// I_c.
    public let complete: Matrix
    /// I_m.
    public let missing: Matrix
    /// The score ∇ℓ in the same coordinates, Σ_i m_i = Σ_i Σ_k γ_ik a_k(x_i)
    /// (Louis 1982, eq. 3.1: the observed score is the conditional
    /// expectation of the complete-data score); empty for the population
    /// (its score at the truth is 0).
    public let score: [Double]

    /// I_obs = I_c − I_m.
    public var observed: Matrix { complete - missing }

    /// J = I_c⁻¹ I_m, or nil when I_c is not positive definite.
    public var rateMatrix: Matrix? { complete.solvingSymmetricPositiveDefinite(missing) }

    /// The eigenvalues of J, descending; nil when I_c is not positive definite.
    public var rateEigenvalues: [Double]? { missing.generalizedSymmetricEigenvalues(relativeTo: complete) }

    /// J's largest eigenvalue, EM's rate of convergence (NaN when it cannot be computed).
    public var rate: Double { rateEigenvalues?.first ?? .nan }

    public init(layout: FreeParameterLayout, complete: Matrix, missing: Matrix, score: [Double] = []) {
        self.layout = layout
        self.complete = complete
        self.missing = missing
        self.score = score
    }

    /// The information in a sample, at `mixture`.
    ///
    /// - Parameters:
    ///   - data: the observations.
    ///   - mixture: the parameters (usually an EM fit's estimate); every
    ///     weight and sd must be positive and finite for the result to be.
    ///   - weights: whether the weights are free coordinates.
    ///   - variance: the variance model (which variance coordinates exist).
    /// - Returns: I_c and I_m summed over the data; NaN entries when the
    ///   mixture is degenerate.
    /// - Complexity: O(n·(K + p²)) time for p coordinates, O(p²) memory.
    public static func sample(
        _ data: [Double], at mixture: GaussianMixture,
        weights: EMConfiguration.Weights, variance: EMConfiguration.Variance
    ) -> MixtureInformation {
        let layout = FreeParameterLayout(componentCount: mixture.componentCount, weights: weights, variance: variance)
        let k = mixture.componentCount, p = layout.count
        // The per-component constants in one buffer (one allocation): μ,
        // log π − log σ − ½ log 2π, ½/σ², σ², 1/σ², 1/(2σ⁴), 1/π.
        var constants = [Double](repeating: 0, count: 7 * k)
        for j in 0..<k {
            let v = mixture.standardDeviations[j] * mixture.standardDeviations[j]
            constants[j] = mixture.means[j]
            constants[k + j] = Foundation.log(mixture.weights[j]) - Foundation.log(mixture.standardDeviations[j]) - halfLogTwoPi
            constants[2 * k + j] = 0.5 / v
            constants[3 * k + j] = v
            constants[4 * k + j] = 1 / v
            constants[5 * k + j] = 1 / (2 * v * v)
            constants[6 * k + j] = 1 / mixture.weights[j]
        }
        // The kernel lays the score out as FreeParameterLayout does (weights,
        // means, variances), from the variance model.
        let varianceModel: emlab_variance_model
        switch layout.variances {
        case .perComponent: varianceModel = EMLAB_VARIANCE_PER_COMPONENT
        case .shared: varianceModel = EMLAB_VARIANCE_SHARED
        case .known: varianceModel = EMLAB_VARIANCE_KNOWN
        }
        // The loop over the data is CEMKernels' (the E-step's kernel target,
        // compiled for the CPU's level): eight observations at a time in
        // 8-lane vectors, with the E-step kernel's exp; the sums stay lane
        // vectors until the end: 5 moments per component and the p(p+1)/2
        // entries of the upper triangle of Σ m mᵀ (then 2k + p vectors of
        // scratch). Padding lanes get γ = 0.
        typealias V = SIMD8<Double>
        let pairs = p * (p + 1) / 2
        var work = [V](repeating: .zero, count: 5 * k + 2 * k + p + pairs)
        constants.withUnsafeBufferPointer { c in
            data.withUnsafeBufferPointer { xs in
                work.withUnsafeMutableBufferPointer { w in
                    let base = c.baseAddress!
                    var shape = emlab_score_shape(
                        mean: base, offset: base + k, half_precision: base + 2 * k,
                        variance: base + 3 * k, inverse_variance: base + 4 * k,
                        variance_scale: base + 5 * k, weight_scale: base + 6 * k,
                        weights_free: layout.weightsFree ? 1 : 0, variance_model: Int32(varianceModel.rawValue))
                    emlab_information_pass(
                        EStepKernel.level, xs.baseAddress, xs.count, k, &shape,
                        UnsafeMutableRawPointer(w.baseAddress!).assumingMemoryBound(to: Double.self))
                }
            }
        }
        var moments = [Double](repeating: 0, count: 5 * k)
        for q in 0..<(5 * k) { moments[q] = work[q].sum() }
        var gram = Matrix(rows: p, columns: p)
        var pair = 5 * k + 2 * k + p
        for a in 0..<p {
            for b in a..<p {
                gram[a, b] = work[pair].sum()
                pair += 1
            }
        }
        gram.symmetrizeFromUpper()
        let momentRows = (0..<k).map { Array(moments[(5 * $0)..<(5 * $0 + 5)]) }
        let (complete, conditionalSecondMoment) = assemble(layout: layout, mixture: mixture, moments: momentRows)
        return MixtureInformation(
            layout: layout, complete: complete, missing: conditionalSecondMoment - gram,
            score: score(layout: layout, mixture: mixture, moments: momentRows))
    }

    /// The information per observation of a *population*: expectations
    /// under `mixture` itself, at θ = the truth (the limit of the sample
    /// information over n at the MLE as n → ∞).
    ///
    /// The moments are Gaussian: E[γ_k d_k^p] = π_k·E_{N(0, v_k)}[d^p], so
    /// M = π_k·(1, 0, v_k, 0, 3v_k²). The Gram part E[m mᵀ] has no closed
    /// form: each entry is integrated by GSL's adaptive Gauss–Kronrod
    /// quadrature (`gsl_integration_qag`, QUADPACK's QAG; Piessens et al.
    /// 1983) over μ_k ± 40σ_k, split at each μ_k and μ_k ± 3σ_k, to a
    /// relative tolerance of 1e-12 (absolute 1e-15 of the entry's bound).
    ///
    /// - Throws: ``EMLabError`` `.numerical` when an integral does not reach
    ///   its tolerance.
    /// - Complexity: O(p²) integrals, each O(K) per evaluation.
    public static func population(
        of mixture: GaussianMixture, weights: EMConfiguration.Weights,
        variance: EMConfiguration.Variance
    ) throws -> MixtureInformation {
        let layout = FreeParameterLayout(componentCount: mixture.componentCount, weights: weights, variance: variance)
        let k = mixture.componentCount, p = layout.count
        let variances = mixture.variances
        let moments = (0..<k).map { j -> [Double] in
            let w = mixture.weights[j], v = variances[j]
            return [w, 0, w * v, 0, 3 * w * v * v]
        }
        let (complete, conditionalSecondMoment) = assemble(layout: layout, mixture: mixture, moments: moments)

        let points = PopulationTheory.breakpoints(of: mixture)

        let logWeights = mixture.weights.map { Foundation.log($0) }
        let offsets = (0..<k).map { logWeights[$0] - Foundation.log(mixture.standardDeviations[$0]) - halfLogTwoPi }
        let shape = ScoreShape(layout: layout, mixture: mixture)
        // The score m(x) = ∇ log f(x) and the density f(x), at one x.
        func scoreAndDensity(_ x: Double, into row: UnsafeMutablePointer<Double>) -> Double {
            var terms = [Double](repeating: 0, count: k)
            var largest = -Double.infinity
            for j in 0..<k {
                let d = x - mixture.means[j]
                terms[j] = offsets[j] - 0.5 * d * d / variances[j]
                largest = max(largest, terms[j])
            }
            guard largest.isFinite else { return 0 }
            var total = 0.0
            for j in 0..<k {
                terms[j] = Foundation.exp(terms[j] - largest)
                total += terms[j]
            }
            for c in 0..<p { row[c] = 0 }
            for j in 0..<k {
                shape.addScore(of: j, responsibility: terms[j] / total, deviation: x - mixture.means[j], into: row)
            }
            return Foundation.exp(largest + Foundation.log(total))
        }
        var gram = Matrix(rows: p, columns: p)
        var row = [Double](repeating: 0, count: p)
        for a in 0..<p {
            for b in a..<p {
                // |E[m_a m_b]| ≤ √(E[m_a²] E[m_b²]) ≤ √(S_aa S_bb), S = E[Σ_k γ_k a_k a_kᵀ].
                let size = (conditionalSecondMoment[a, a] * conditionalSecondMoment[b, b]).squareRoot()
                let integral = try Quadrature.integrate(
                    breakpoints: points, absoluteTolerance: 1e-15 * size,
                    relativeTolerance: 1e-12
                ) { x in
                    row.withUnsafeMutableBufferPointer { r in
                        let f = scoreAndDensity(x, into: r.baseAddress!)
                        return f == 0 ? 0 : r[a] * r[b] * f
                    }
                }
                gram[a, b] = integral
            }
        }
        gram.symmetrizeFromUpper()
        return MixtureInformation(layout: layout, complete: complete, missing: conditionalSecondMoment - gram)
    }

    /// The score ∇ℓ = Σ_i Σ_k γ_ik a_k(x_i) from the weighted moments
    /// M_kp = Σ_i γ_ik d_ik^p: M₀·u_k on the weights, Σγg₁ = M₁/v on μ_k and
    /// Σγg₂ = (M₂ − vM₀)/(2v²) on v_k (summed over k for a shared variance).
    ///
    /// - Complexity: O(K²) with free weights, O(K) otherwise.
    static func score(layout: FreeParameterLayout, mixture: GaussianMixture, moments: [[Double]]) -> [Double] {
        let k = layout.componentCount
        var score = [Double](repeating: 0, count: layout.count)
        for j in 0..<k {
            let v = mixture.variances[j]
            let (m0, m1, m2) = (moments[j][0], moments[j][1], moments[j][2])
            if layout.weightsFree {
                if j < k - 1 {
                    score[layout.weightIndex(j)] += m0 / mixture.weights[j]
                } else {
                    for i in 0..<(k - 1) { score[layout.weightIndex(i)] -= m0 / mixture.weights[k - 1] }
                }
            }
            score[layout.meanIndex(j)] += m1 / v
            if let va = layout.varianceIndex(j) { score[va] += (m2 - v * m0) / (2 * v * v) }
        }
        return score
    }

    /// I_c and Σ_i Σ_k γ_ik a_k a_kᵀ from the weighted moments M_kp = Σ_i γ_ik d_ik^p.
    ///
    /// With g₁ = d/v and g₂ = (d² − v)/(2v²): Σγg₁ = M₁/v, Σγg₂ = (M₂ − vM₀)/(2v²),
    /// Σγg₁² = M₂/v², Σγg₁g₂ = (M₃ − vM₁)/(2v³), Σγg₂² = (M₄ − 2vM₂ + v²M₀)/(4v⁴).
    static func assemble(
        layout: FreeParameterLayout, mixture: GaussianMixture,
        moments: [[Double]]
    ) -> (complete: Matrix, conditionalSecondMoment: Matrix) {
        let k = layout.componentCount, p = layout.count
        var complete = Matrix(rows: p, columns: p)
        var second = Matrix(rows: p, columns: p)
        func add(_ m: inout Matrix, _ i: Int, _ j: Int, _ value: Double) {
            m[i, j] += value
            if i != j { m[j, i] += value }
        }
        for j in 0..<k {
            let v = mixture.variances[j]
            let (m0, m1, m2, m3, m4) = (moments[j][0], moments[j][1], moments[j][2], moments[j][3], moments[j][4])
            let mu = layout.meanIndex(j), va = layout.varianceIndex(j)
            // The weight part u_k: its coordinates and their values.
            var u: [(Int, Double)] = []
            if layout.weightsFree {
                if j < k - 1 {
                    u = [(layout.weightIndex(j), 1 / mixture.weights[j])]
                } else {
                    u = (0..<(k - 1)).map { (layout.weightIndex($0), -1 / mixture.weights[k - 1]) }
                }
            }
            let g1 = m1 / v, g2 = (m2 - v * m0) / (2 * v * v)
            for (a, ua) in u {
                for (b, ub) in u where b >= a {
                    add(&complete, a, b, m0 * ua * ub)
                    add(&second, a, b, m0 * ua * ub)
                }
                add(&second, a, mu, ua * g1)
                if let va { add(&second, a, va, ua * g2) }
            }
            add(&complete, mu, mu, m0 / v)
            add(&second, mu, mu, m2 / (v * v))
            if let va {
                add(&complete, mu, va, m1 / (v * v))
                add(&complete, va, va, m2 / (v * v * v) - m0 / (2 * v * v))
                add(&second, mu, va, (m3 - v * m1) / (2 * v * v * v))
                add(&second, va, va, (m4 - 2 * v * m2 + v * v * m0) / (4 * v * v * v * v))
            }
        }
        return (complete, second)
    }
}

/// Where component k's complete-data score a_k(x) puts its entries, with
/// the constants it needs, looked up once per fit.
struct ScoreShape {
    let componentCount: Int
    let weightsFree: Bool
    let meanIndex: [Int]
    /// −1 when the variance is known.
    let varianceIndex: [Int]
    let inverseWeight: [Double]
    let variance: [Double]

    init(layout: FreeParameterLayout, mixture: GaussianMixture) {
        componentCount = layout.componentCount
        weightsFree = layout.weightsFree
        meanIndex = (0..<componentCount).map { layout.meanIndex($0) }
        varianceIndex = (0..<componentCount).map { layout.varianceIndex($0) ?? -1 }
        inverseWeight = mixture.weights.map { 1 / $0 }
        variance = mixture.variances
    }

    /// Adds γ·a_k(x), component k's complete-data score weighted by its
    /// responsibility: γ·u_k on the weights, γd/v on μ_k, γ(d² − v)/(2v²) on v_k.
    @inline(__always)
    func addScore(of j: Int, responsibility g: Double, deviation d: Double, into row: UnsafeMutablePointer<Double>) {
        let k = componentCount, v = variance[j]
        if weightsFree {
            // The weight coordinates come first (FreeParameterLayout).
            if j < k - 1 {
                row[j] += g * inverseWeight[j]
            } else {
                let w = g * inverseWeight[k - 1]
                for c in 0..<(k - 1) { row[c] -= w }
            }
        }
        row[meanIndex[j]] += g * d / v
        let i = varianceIndex[j]
        if i >= 0 { row[i] += g * (d * d - v) / (2 * v * v) }
    }
}
