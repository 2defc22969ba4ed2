/// A ``Remedy`` with its numbers for one data set: what the M-step and the
/// objective of one fit read. Made once per fit, from the data the fit sees
/// (a bootstrap sample resolves its own), so every caller of the engine
/// gets the remedy without doing anything.
struct RemedyTerms: Sendable {
    enum Kind: Sendable {
        case none
        case prior(ConjugatePrior.Resolved)
        case varianceRatio(Double)
        case penalty(ChenTanPenalty.Resolved)
    }

    let kind: Kind
    /// Whether the stopping rules read the objective's change with its sign (MixtureInf).
    let signedStop: Bool

    /// No remedy: the objective is ℓ.
    static let none = RemedyTerms(kind: .none, signedStop: false)

    /// The terms of `remedy` for `data` and `componentCount` components.
    ///
    /// - Complexity: O(n) for the prior and the penalty (a mean and a variance), O(1) otherwise.
    init(_ remedy: Remedy, data: [Double], componentCount k: Int) {
        switch remedy {
        case .none: self = .none
        case .prior(let prior): self.init(kind: .prior(prior.resolved(data: data, componentCount: k)), signedStop: false)
        case .varianceRatio(let bound): self.init(kind: .varianceRatio(bound), signedStop: false)
        case .penalty(let penalty): self.init(kind: .penalty(penalty.resolved(data: data)), signedStop: penalty.signedStop)
        }
    }

    private init(kind: Kind, signedStop: Bool) {
        self.kind = kind
        self.signedStop = signedStop
    }

    /// Whether there is a remedy (the objective differs from ℓ or the M-step from EM's).
    var isActive: Bool {
        if case .none = kind { return false }
        return true
    }

    /// The objective minus ℓ at θ: log p(θ) for the prior, Σ_k p_n(σ_k²) for
    /// the penalty, 0 for none and the constraint.
    ///
    /// - Complexity: O(K).
    @inline(__always)
    func objectiveTerm(means: [Double], sds: [Double], variance: EMConfiguration.Variance) -> Double {
        switch kind {
        case .none, .varianceRatio: return 0
        case .prior(let prior):
            if case .shared = variance { return prior.logDensity(means: means, sds: sds, shared: true) }
            return prior.logDensity(means: means, sds: sds, shared: false)
        case .penalty(let penalty):
            return penalty.logPenalty(sds: sds)
        }
    }

    /// The objective's change from Δℓ: Δℓ + (term at the new θ − term at the
    /// old); Δℓ itself, to the bit, without a remedy (no −0 turned into +0).
    @inline(__always)
    func objectiveChange(_ logLikelihoodChange: Double, from oldTerm: Double, to newTerm: Double) -> Double {
        isActive ? logLikelihoodChange + (newTerm - oldTerm) : logLikelihoodChange
    }

    /// Whether `sds` satisfy the constraint (always, without one).
    func admits(sds: [Double]) -> Bool {
        guard case .varianceRatio(let bound) = kind else { return true }
        return VarianceRatioConstraint.isSatisfied(variances: sds.map { $0 * $0 }, bound: bound)
    }
}

extension RemedyTerms {
    /// How much the remedy moves the M-step at θ, and whether it is active
    /// there (``FitResult/remedyEffect``, ``FitResult/remedyActive``): the
    /// remedy's update and plain EM's, both from `statistics` (the E-step at θ).
    ///
    /// - Returns: (nil, nil) without a remedy.
    /// - Complexity: O(K); allocates the two updates.
    func effect(
        statistics: SufficientStatistics, count n: Double, configuration: EMConfiguration,
        weights: [Double], means: [Double], sds: [Double]
    ) -> (effect: Double?, active: Bool?) {
        guard isActive else { return (nil, nil) }
        var (w1, m1, s1) = (weights, means, sds)
        var (w0, m0, s0) = (weights, means, sds)
        _ = MaximizationStep.apply(
            statistics: statistics, count: n, configuration: configuration, remedy: self,
            weights: &w1, means: &m1, sds: &s1)
        _ = MaximizationStep.apply(
            statistics: statistics, count: n, configuration: configuration, remedy: .none,
            weights: &w0, means: &m0, sds: &s0)
        var largest = 0.0
        for j in sds.indices {
            let plain = s0[j] * s0[j], remedied = s1[j] * s1[j]
            let moved = plain > 0 ? abs(remedied / plain - 1) : (remedied > 0 ? .infinity : 0)
            largest = max(largest, moved.isNaN ? .infinity : moved)
        }
        if case .varianceRatio = kind { return (largest, largest > 0) }
        return (largest, largest > Remedy.activityThreshold)
    }
}
