import Foundation

/// How one EM fit's end is classified for a landscape (one start's verdict,
/// before the ends are gathered into limits).
///
/// - **collapse**: ``FailureModes`` flags the fit `collapsed` (a σ below
///   10⁻³ of the data's sd at some iteration, or 0), `componentDeath` (a
///   weight below 2/n) or `nonFinite`, or it degenerated.
/// - **cap**: the iteration cap came before the stopping rule.
/// - **saddle** or **maximum**: by the observed information at the end,
///   I_obs = I_c − I_m = −∇²ℓ (Louis 1982, eq. 3.1; ``MixtureInformation``).
///   A local maximum has −∇²ℓ positive definite (its Hessian negative
///   definite); where EM stopped with I_obs's smallest eigenvalue at or below
///   ``saddleThreshold`` × its largest, it converged to a stationary point
///   that is not a maximum — the start lay on a saddle's stable manifold.
///   EM cannot leave such a manifold: on it the unstable direction's
///   component is zero and stays zero (Xu, Hsu & Maleki 2016, NeurIPS,
///   "Global analysis of Expectation Maximization for mixtures of two
///   Gaussians", §2: the diagonal of the symmetric model). The relative
///   threshold lets an exactly singular I_obs (two identical components
///   with free weights, whose weights are then not identified) count as
///   not definite despite rounding.
public struct LimitClassification: Sendable {
    public var kind: LandscapeLimit.Kind
    /// The end's parameters in the data's units, components ordered by mean.
    public var mixture: GaussianMixture
    /// I_obs's eigenvalues, descending (empty for collapse and cap).
    public var observedInformationEigenvalues: [Double]

    /// I_obs's smallest eigenvalue over its largest at or below which the end is a saddle.
    public static let saddleThreshold = 1e-9

    /// Classifies a fit run on standardised data.
    ///
    /// - Parameters:
    ///   - standardizedResult: the fit as EM ran it (on `standard.standardized`).
    ///   - standard: the data and their standardisation.
    ///   - configuration: the model on the standardised scale (weights, variance).
    /// - Complexity: O(n·K + n·p²) for p free parameters (the information), O(p³) for its eigenvalues.
    public init(standardizedResult: FitResult, standard: StandardizedFit, configuration: EMConfiguration) {
        let assessment = FailureModes.assess(
            standardizedResult, dataSD: standard.standardizedSD, count: standard.data.count, best: .nan, truth: nil,
            start: nil, restarts: 0, varianceFloor: configuration.varianceFloor)
        mixture = Self.orderedByMean(standard.restore(standardizedResult.mixture))
        observedInformationEigenvalues = []
        if standardizedResult.hasNoEstimate || assessment[.collapsed] || assessment[.componentDeath] || assessment[.nonFinite] {
            kind = .collapse
            return
        }
        if standardizedResult.stopReason == .iterationCap {
            kind = .cap
            return
        }
        let information = MixtureInformation.sample(
            standard.standardized, at: standardizedResult.mixture, weights: configuration.weights, variance: configuration.variance)
        let eigenvalues = information.observed.symmetricEigenvalues() ?? []
        observedInformationEigenvalues = eigenvalues
        guard let largest = eigenvalues.first, let smallest = eigenvalues.last, largest > 0 else {
            kind = .saddle
            return
        }
        kind = smallest > Self.saddleThreshold * largest ? .maximum : .saddle
    }

    /// `mixture` with its components ordered by mean (then sd, then weight): one form for every labelling.
    public static func orderedByMean(_ mixture: GaussianMixture) -> GaussianMixture {
        let order = (0..<mixture.componentCount).sorted { a, b in
            let (ma, mb) = (mixture.means[a], mixture.means[b])
            if ma != mb { return ma < mb }
            let (sa, sb) = (mixture.standardDeviations[a], mixture.standardDeviations[b])
            if sa != sb { return sa < sb }
            return mixture.weights[a] < mixture.weights[b]
        }
        return GaussianMixture(
            unchecked: order.map { mixture.weights[$0] }, means: order.map { mixture.means[$0] },
            standardDeviations: order.map { mixture.standardDeviations[$0] })
    }

    /// Whether two classified ends are one limit up to labels: the same kind,
    /// ℓ within ``FailureModes/sameMaximumTolerance(_:)``, and, for maxima,
    /// in their mean-ordered forms every weight within 0.01 and every mean
    /// and sd within ``FailureModes/mergeRatio`` × the data's sd. Saddles
    /// are told apart by ℓ alone: the commonest, two identical components,
    /// is a whole set of points (any split of the weight between them), and
    /// EM creeping along it stops at a different one from each start.
    static func sameLimit(
        _ a: LimitClassification, _ la: Double, _ b: LimitClassification, _ lb: Double, dataSD: Double
    ) -> Bool {
        guard a.kind == b.kind, abs(la - lb) <= FailureModes.sameMaximumTolerance(max(abs(la), abs(lb))) else { return false }
        if a.kind == .saddle { return true }
        let tolerance = FailureModes.mergeRatio * dataSD
        for j in 0..<a.mixture.componentCount {
            if abs(a.mixture.weights[j] - b.mixture.weights[j]) > FailureModes.mergeRatio { return false }
            if abs(a.mixture.means[j] - b.mixture.means[j]) > tolerance { return false }
            if abs(a.mixture.standardDeviations[j] - b.mixture.standardDeviations[j]) > tolerance { return false }
        }
        return true
    }
}
