/// Newton's method on ℓ from a point EM has brought near a maximum: the
/// polish a study's reference maximum applies to every candidate, so that
/// "the best maximum known" is the maximum itself, not where a stopping
/// rule happened to stop.
///
/// Each step solves I_obs(θ)·Δ = ∇ℓ(θ) with the observed information and
/// the score of ``MixtureInformation/sample(_:at:weights:variance:)``
/// (Louis 1982, *J. R. Statist. Soc. B* 44(2), 226–233), in the model's free
/// coordinates (``FreeParameterLayout``), then backtracks — Δ, Δ/2, …,
/// Δ/16 — until ℓ rises at a point inside the parameter space (Nocedal &
/// Wright, *Numerical Optimization*, 2nd ed., 2006, §3.1 and §3.5, Newton's
/// method with a backtracking line search). Near a maximum Newton converges
/// quadratically where EM converges linearly at rate λ, so a few steps reach
/// the maximum to rounding (McLachlan & Krishnan, *The EM Algorithm and
/// Extensions*, 2nd ed., 2008, §4.2–4.3, on Newton-type methods after EM).
///
/// Newton finds stationary points, not maxima: it steps only where I_obs is
/// positive definite (so the quadratic model has a maximum) and accepts only
/// a rise of ℓ, so it never walks to a saddle or out of the space (a weight
/// outside (0, 1), a variance below the floor). Nothing is clipped: a step
/// that would leave the space is shortened, and if no shortening helps the
/// polish ends where it is.
public enum NewtonPolish {
    /// Where the polish ended.
    public struct Outcome: Sendable {
        /// The polished mixture (the starting one when no step was accepted).
        public var mixture: GaussianMixture
        /// ℓ there.
        public var logLikelihood: Double
        /// How many Newton steps were accepted.
        public var steps: Int
    }

    /// Polishes `mixture` under `configuration`'s model (its weights, variance model and floor).
    ///
    /// - Parameters:
    ///   - data: the observations.
    ///   - mixture: the point to start from, in the model's form (fixed
    ///     weights and a known σ are kept as they are).
    ///   - logLikelihood: ℓ at `mixture`, when known (computed otherwise).
    ///   - configuration: the model: ``EMConfiguration/weights``,
    ///     ``EMConfiguration/variance`` and ``EMConfiguration/varianceFloor``.
    ///   - maxSteps: at most this many accepted steps.
    /// - Returns: the best point reached; ℓ never lower than at `mixture`.
    /// - Complexity: O(n·(K + p²) + p³) per step for p free parameters, plus
    ///   O(n·K) per trial point of the line search.
    public static func polish(
        data: [Double], from mixture: GaussianMixture, logLikelihood: Double? = nil,
        configuration: EMConfiguration, maxSteps: Int = 20
    ) -> Outcome {
        var current = mixture
        var currentLogLikelihood = logLikelihood ?? mixture.logLikelihood(data)
        var steps = 0
        guard currentLogLikelihood.isFinite else { return Outcome(mixture: current, logLikelihood: currentLogLikelihood, steps: 0) }
        while steps < maxSteps {
            let information = MixtureInformation.sample(
                data, at: current, weights: configuration.weights, variance: configuration.variance)
            let layout = information.layout
            let score = information.score
            guard score.count == layout.count, score.allSatisfy(\.isFinite) else { break }
            var right = Matrix(rows: layout.count, columns: 1)
            for i in 0..<layout.count { right[i, 0] = score[i] }
            // Only where −∇²ℓ is positive definite does the Newton step point to a maximum.
            guard let direction = information.observed.solvingSymmetricPositiveDefinite(right) else { break }
            let theta = layout.vector(of: current)
            var accepted = false
            var scale = 1.0
            for _ in 0..<5 {
                let trial = (0..<layout.count).map { theta[$0] + scale * direction[$0, 0] }
                scale /= 2
                guard isInside(trial, layout: layout, floor: configuration.varianceFloor) else { continue }
                let candidate = layout.mixture(from: trial, base: current)
                let candidateLogLikelihood = candidate.logLikelihood(data)
                if candidateLogLikelihood.isFinite && candidateLogLikelihood > currentLogLikelihood {
                    let gain = candidateLogLikelihood - currentLogLikelihood
                    current = candidate
                    currentLogLikelihood = candidateLogLikelihood
                    steps += 1
                    accepted = true
                    // A rise within ℓ's rounding: the maximum is reached.
                    if gain <= 1e-14 * max(1, abs(currentLogLikelihood)) { return Outcome(mixture: current, logLikelihood: currentLogLikelihood, steps: steps) }
                    break
                }
            }
            if !accepted { break }
        }
        return Outcome(mixture: current, logLikelihood: currentLogLikelihood, steps: steps)
    }

    /// Whether free coordinates `v` are a point of the parameter space: every
    /// weight in (0, 1) (the last one 1 − Σ the others), every variance
    /// positive and at least `floor`, everything finite.
    static func isInside(_ v: [Double], layout: FreeParameterLayout, floor: Double) -> Bool {
        guard v.allSatisfy(\.isFinite) else { return false }
        if layout.weightsFree {
            var total = 0.0
            for j in 0..<layout.weightCount {
                guard v[j] > 0 && v[j] < 1 else { return false }
                total += v[j]
            }
            guard 1 - total > 0 else { return false }
        }
        for k in 0..<layout.componentCount {
            if let i = layout.varianceIndex(k), !(v[i] > 0 && v[i] >= floor) { return false }
        }
        return true
    }
}
