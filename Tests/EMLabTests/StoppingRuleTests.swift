import Foundation
import Testing
@testable import EMLab

extension AitkenEstimate {
    /// The estimate from three log-likelihoods, oldest first (their plain differences as the changes).
    init(beforePrevious: Double, previous: Double, current: Double) {
        self.init(previousChange: previous - beforePrevious, lastChange: current - previous)
    }
}

/// The log-likelihood stopping rules, on synthetic sequences and on real fits.
@Suite struct StoppingRuleTests {
    /// The first t at which `rule` is met by ℓ(0…t), checked as the engine
    /// does after each E-step, with the changes `changes` (by default the
    /// plain differences of `lls`).
    static func firstStop(_ rule: EMConfiguration.StoppingRule, _ lls: [Double], changes: [Double]? = nil) -> Int? {
        let configuration = EMConfiguration(stoppingRule: rule)
        let changes = changes ?? lls.indices.map { $0 >= 1 ? lls[$0] - lls[$0 - 1] : .nan }
        return lls.indices.first { t in
            configuration.logLikelihoodRuleIsMet(
                iterations: t, logLikelihood: lls[t], change: changes[t],
                previousChange: t >= 1 ? changes[t - 1] : .nan)
        }
    }

    /// ℓ(t) = L − c·aᵗ: Aitken's ℓ∞ is exactly L, and ℓ∞ − ℓ(t−1) = c·a^(t−1),
    /// which first falls below 1e-3 at t − 1 = 88 (10·0.9⁸⁸ = 9.5e-4; 10·0.9⁸⁷ = 1.06e-3).
    @Test func aitkenStopsWhereTheGeometricTailIsBelowEpsilon() {
        let lls = (0...200).map { -1000 - 10 * pow(0.9, Double($0)) }
        #expect(Self.firstStop(.aitken(1e-3), lls) == 89)
        // The remaining increase it estimates is the true one (up to the
        // rounding of changes of ~1e-4 in numbers of ~1000: ~1e-9 relative).
        let estimate = AitkenEstimate(beforePrevious: lls[88], previous: lls[89], current: lls[90])
        #expect(abs(estimate.ratio - 0.9) < 1e-7)
        #expect(abs(estimate.remainingIncrease - (-1000 - lls[90])) < 1e-6 * (-1000 - lls[90]))
    }

    /// The guards: a ≥ 1 (growing changes), a < 0 (opposite signs) and a
    /// falling ℓ never stop, however small the changes; a stall does.
    @Test func aitkensGuardsDoNotStopEarly() {
        let rule = EMConfiguration.StoppingRule.aitken(1e-6)
        // a = 2: Δ/(1 − a) = −2e-9 would be "below ε" without the a < 1 guard.
        #expect(Self.firstStop(rule, [-10, -10 + 1e-9, -10 + 3e-9]) == nil)
        // a = 1 exactly: ℓ∞ is infinitely far.
        #expect(Self.firstStop(rule, [-8, -7, -6, -5]) == nil)
        // a = −1: ℓ fell, then rose; Δ/(1 − a) = 5e-10 would stop without the a ≥ 0 guard.
        #expect(Self.firstStop(rule, [-10, -10 - 1e-9, -10]) == nil)
        // Falling, shrinking: a = 0.1 but ℓ∞ − ℓ(t−1) < 0.
        #expect(Self.firstStop(rule, [-10, -10.001, -10.0011]) == nil)
        // Two iterations are needed, even when the first change is tiny.
        #expect(Self.firstStop(rule, [-10, -10 + 1e-12]) == nil)
        // A stall (changes 0, 0: a is 0/0, taken as 0) stops.
        #expect(Self.firstStop(rule, [-10, -10, -10]) == 2)
        // Growing, then converging: it stops only once the changes shrink.
        #expect(Self.firstStop(rule, [-10, -9.9, -9.7, -9.69, -9.689_998, -9.689_997_9]) == 5)
        // The reported values: NaN when undefined.
        #expect(AitkenEstimate(beforePrevious: .nan, previous: -10, current: -9).reportedRatio.isNaN)
        #expect(AitkenEstimate(beforePrevious: -10, previous: -10, current: -9).reportedRatio.isNaN)
        #expect(AitkenEstimate(beforePrevious: -10, previous: -9, current: -7).remainingIncrease.isNaN)  // a = 2
        #expect(AitkenEstimate(beforePrevious: -10, previous: -11, current: -10).remainingIncrease.isNaN)  // a = −1
        #expect(AitkenEstimate(beforePrevious: -10, previous: -9, current: -8.5).remainingIncrease == 0.5)  // a = ½
    }

    /// mclust's rule: |Δℓ|/(1 + |ℓ|) < tol, exactly — and meaningful at ℓ ≈ 0,
    /// where the relative rule divides by almost nothing.
    @Test func mclustStopsExactlyWhenTheRelativeChangeIsBelowTol() {
        let tol = 1e-5
        // |Δℓ| / (1 + |ℓ|) at t = 1…5: 1e-3, 5e-4, 1.0015e-5, 9.995e-6, 2e-8: first below 1e-5 at t = 4.
        let lls: [Double] = [-999, -998, -997.5, -997.49, -997.480_02, -997.48]
        let ratios: [Double] = (1..<lls.count).map { (t: Int) -> Double in
            let change: Double = abs(lls[t] - lls[t - 1])
            return change / (1 + abs(lls[t]))
        }
        let expected = ratios.firstIndex { $0 < tol }.map { $0 + 1 }
        #expect(expected == 4)
        #expect(Self.firstStop(.mclust(tol), lls) == expected)
        // At the threshold itself it does not stop (the rule is strict, as the others are).
        // (Powers of 2, so every number is exact: |Δℓ| = 2⁻⁷, 1 + |ℓ| = 8, tol = 2⁻¹⁰.)
        #expect(Self.firstStop(.mclust(0x1p-10), [-7 - 0x1p-7, -7]) == nil)
        #expect(Self.firstStop(.mclust(0x1p-10), [-7 - 0x1p-8, -7]) == 1)
        // Near ℓ = 0: a change of 1e-3 is small for mclust, infinite for the relative rule.
        #expect(Self.firstStop(.mclust(1e-2), [-1e-3, 0]) == 1)
        #expect(Self.firstStop(.relativeLogLikelihoodChange(1e-2), [-1e-3, 0]) == nil)
    }

    /// On a real fit each rule stops at the first iteration its test holds
    /// on the trace's changes (computed directly where the plain difference
    /// is untrusted, as the engine does), and not before.
    @Test(arguments: [EMConfiguration.StoppingRule.aitken(1e-6), .mclust(1e-9), .aitken(1e-3), .mclust(1e-6)])
    func onARealFitTheRuleStopsAtTheFirstIterationItHolds(rule: EMConfiguration.StoppingRule) throws {
        let problem = AccelerationProblem.overlap()
        let data = problem.data
        var configuration = problem.configuration(rule)
        configuration.recordTrace = true
        let fit = ExpectationMaximization.fit(data: data, start: try problem.start(data), configuration: configuration)
        #expect(fit.stopReason == .converged)
        let trace = try #require(fit.trace)
        #expect(Self.firstStop(rule, trace.logLikelihoods, changes: trace.engineChanges(data: data, rule: rule).read) == fit.iterations)
        #expect(fit.iterations >= 2)
    }

    /// The existing rules keep their names; the new ones read as their options do.
    @Test func descriptions() {
        #expect(EMConfiguration.StoppingRule.logLikelihoodChange(1e-8).description == "loglik-change<1e-08")
        #expect(EMConfiguration.StoppingRule.relativeLogLikelihoodChange(1e-10).description == "relative-loglik-change<1e-10")
        #expect(EMConfiguration.StoppingRule.meanChange(1e-4).description == "mean-change<0.0001")
        #expect(EMConfiguration.StoppingRule.aitken(1e-8).description == "aitken<1e-08")
        #expect(EMConfiguration.StoppingRule.mclust(1e-5).description == "mclust<1e-05")
        #expect(EMConfiguration.Acceleration.squarem(SQUAREMOptions()).description == "squarem-S3")
    }
}
