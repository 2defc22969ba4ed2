/// The catalogue of defects the audit can name: each a change to one part
/// of the EM step (``DefectiveStep``), with what it does and its fix, in
/// words a student can act on.
///
/// The first ten are the (the four documents' among them, see
/// ../shared/DOCUMENTS.md); `epsilon-in-denominators` is the `+ eps` that
/// course code adds to hide divisions by zero (document 002's), and
/// `plain-exp-underflow` the E-step by plain `exp` whose 0/0 makes NaN
/// (documents 000 and 001).
public enum TraceDefect: String, CaseIterable, Sendable {
    case exponentWithoutHalf = "exponent-without-half"
    case sharedSDFromFirstComponent = "shared-sd-from-first-component"
    case sdPassedAsVariance = "sd-passed-as-variance"
    case responsibilitiesOverData = "responsibilities-over-data"
    case varianceFromOldMean = "variance-from-old-mean"
    case unbiasedVariance = "unbiased-variance"
    case varianceDividedByN = "variance-divided-by-n"
    case hardAssignments = "hard-assignments"
    case weightsNotUpdated = "weights-not-updated"
    case varianceReportedAsSD = "variance-reported-as-sd"
    case epsilonInDenominators = "epsilon-in-denominators"
    case plainExpUnderflow = "plain-exp-underflow"

    /// The ε values tried for `epsilon-in-denominators`: those course code
    /// writes (1e-8 is document 002's as EMLab reads it; 2.2e-16 is
    /// `np.finfo(float).eps`).
    static let epsilons = [1e-8, 1e-10, 1e-6, 1e-12, 1e-5, 1e-4, 2.220446049250313e-16]

    /// What the code does, in a sentence.
    public var explanation: String {
        switch self {
        case .exponentWithoutHalf:
            return
                "The E-step weights each point by exp(−(x−μ)²/σ²), but the normal density is exp(−(x−μ)²/(2σ²)): the step is EM for components of variance σ²/2, so responsibilities are too sharp and the means are pushed apart (document 000)."
        case .sharedSDFromFirstComponent:
            return "The shared σ is updated from component 1 alone, Σγ_i1(x_i−μ_1)²/Σγ_i1, so the other components' spread is ignored (document 001)."
        case .sdPassedAsVariance:
            return "The density is called with σ where it expects σ²: each component is evaluated with variance σ instead of σ² (document 002)."
        case .responsibilitiesOverData:
            return
                "The responsibilities are normalised over the data points (each component's γ sums to 1 over i) instead of over the components (each point's γ summing to 1 over k), so components stop competing for points and every weight becomes 1/n (document 002)."
        case .varianceFromOldMean:
            return "σ²_k is computed around the previous iteration's μ_k instead of the mean just updated."
        case .unbiasedVariance:
            return "σ²_k is divided by Σ_i γ_ik − 1 (a sample variance's n − 1), which is not the M-step's maximiser."
        case .varianceDividedByN:
            return "σ²_k is divided by n, the number of points, instead of Σ_i γ_ik, the component's share of them."
        case .hardAssignments:
            return "Each point is given wholly to its most likely component (classification EM, k-means-like) instead of being shared by its responsibilities."
        case .weightsNotUpdated:
            return "The weights π_k stay at their start although the model estimates them."
        case .varianceReportedAsSD:
            return "The step is right, but the sd column holds variances σ²: the trace is wrong, not the fit."
        case .plainExpUnderflow:
            return
                "The E-step computes the densities with plain exp and divides each by their sum: for a point far from every component all of them underflow to 0, and 0/0 makes the responsibilities, then every parameter, NaN (documents 000 and 001)."
        case .epsilonInDenominators:
            return
                "A small ε is added to the denominators (the densities' and the responsibilities' sums), which changes the step and hides the divisions by zero it was meant to prevent."
        }
    }

    /// The fix, in a sentence.
    public var fix: String {
        switch self {
        case .exponentWithoutHalf: return "Use exp(−(x−μ)²/(2σ²)), or compute the E-step from log N(x; μ, σ²) = −½log(2πσ²) − (x−μ)²/(2σ²)."
        case .sharedSDFromFirstComponent: return "Pool every component: σ² = Σ_i Σ_k γ_ik (x_i − μ_k)² / n."
        case .sdPassedAsVariance:
            return "Pass σ² where the density takes a variance (or pass σ to a function that takes a standard deviation, such as scipy's norm.pdf(x, μ, σ))."
        case .responsibilitiesOverData:
            return "Normalise over the components: γ_ik = π_k φ_k(x_i) / Σ_l π_l φ_l(x_i) (in NumPy, sum over axis 1 of an n × K array)."
        case .varianceFromOldMean: return "Update μ_k first, then σ²_k = Σ_i γ_ik (x_i − μ_k)² / Σ_i γ_ik with the new μ_k."
        case .unbiasedVariance: return "Divide by Σ_i γ_ik: the M-step maximises the likelihood, and the maximiser has no − 1."
        case .varianceDividedByN: return "Divide by N_k = Σ_i γ_ik."
        case .hardAssignments: return "Keep the soft responsibilities γ_ik in every sum of the M-step."
        case .weightsNotUpdated: return "Update π_k = Σ_i γ_ik / n at every M-step (or declare --weights fixed if they are meant to stay)."
        case .varianceReportedAsSD: return "Write √σ² to the sd column (or name the column var1…varK)."
        case .plainExpUnderflow:
            return "Work in log space: γ_ik = exp(log π_k φ_k(x_i) − log Σ_l exp(log π_l φ_l(x_i))), with the largest term taken out (log-sum-exp)."
        case .epsilonInDenominators:
            return "Compute the E-step in log space (log-sum-exp) so nothing underflows, and report an empty component instead of hiding it."
        }
    }

    /// The step with this defect added to `step`, or nil when it does not apply to the model or clashes with `step`.
    ///
    /// - Parameter variant: ε for `epsilon-in-denominators`; the component
    ///   (0-based) for `shared-sd-from-first-component`.
    func applied(to step: DefectiveStep, configuration: EMConfiguration, variant: Double = 0) -> DefectiveStep? {
        var s = step
        let known: Bool
        if case .known = configuration.variance { known = true } else { known = false }
        switch self {
        case .exponentWithoutHalf:
            guard s.density == .normal else { return nil }
            s.density = .exponentWithoutHalf
        case .sdPassedAsVariance:
            guard s.density == .normal else { return nil }
            s.density = .sdAsVariance
        case .responsibilitiesOverData:
            guard s.normalization == .overComponents else { return nil }
            s.normalization = .overData
        case .hardAssignments:
            guard s.normalization == .overComponents else { return nil }
            s.normalization = .hard
        case .sharedSDFromFirstComponent:
            guard s.variance == .newMean, configuration.variance == .shared else { return nil }
            s.variance = .oneComponent(Int(variant))
        case .varianceFromOldMean:
            guard s.variance == .newMean, !known else { return nil }
            s.variance = .oldMean
        case .unbiasedVariance:
            guard s.variance == .newMean, !known else { return nil }
            s.variance = .unbiased
        case .varianceDividedByN:
            guard s.variance == .newMean, configuration.variance == .perComponent else { return nil }
            s.variance = .dividedByN
        case .weightsNotUpdated:
            guard !s.weightsFrozen, configuration.weights == .free else { return nil }
            s.weightsFrozen = true
        case .varianceReportedAsSD:
            guard !s.reportsVariance, !known else { return nil }
            s.reportsVariance = true
        case .plainExpUnderflow:
            guard !s.plainExponential, s.normalization != .hard else { return nil }
            s.plainExponential = true
        case .epsilonInDenominators:
            guard s.epsilon == 0 else { return nil }
            s.epsilon = variant
        }
        return s
    }

    /// Every combination of up to `most` defects that applies to the model,
    /// fewest first and in catalogue order, each with the step it makes.
    static func combinations(configuration: EMConfiguration, componentCount: Int, most: Int = 3) -> [(defects: [TraceDefect], step: DefectiveStep)] {
        var result: [(defects: [TraceDefect], step: DefectiveStep)] = []
        var layer: [(defects: [TraceDefect], step: DefectiveStep)] = [([], DefectiveStep())]
        for _ in 0..<most {
            var next: [(defects: [TraceDefect], step: DefectiveStep)] = []
            for (defects, step) in layer {
                let after = defects.last.flatMap { allCases.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
                for defect in allCases[after...] {
                    let variants: [Double]
                    switch defect {
                    case .epsilonInDenominators: variants = epsilons
                    case .sharedSDFromFirstComponent: variants = (0..<componentCount).map(Double.init)
                    default: variants = [0]
                    }
                    for variant in variants {
                        if let made = defect.applied(to: step, configuration: configuration, variant: variant) {
                            next.append((defects + [defect], made))
                        }
                    }
                }
            }
            result += next
            layer = next
        }
        return result
    }
}
