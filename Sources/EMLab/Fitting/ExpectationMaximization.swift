import Foundation

/// The EM algorithm for a one-dimensional Gaussian mixture (Dempster, Laird
/// & Rubin 1977; McLachlan & Krishnan, *The EM Algorithm and Extensions*,
/// 2nd ed., §2.7), one implementation for every constraint set in
/// ``EMConfiguration``.
///
/// ## Numerical contract
/// - **E-step in log space.** For each point the terms
///   `log π_k + log N(x; μ_k, σ_k²)` are combined by log-sum-exp, so the
///   responsibilities are exact ratios even when every density underflows
///   (no 0/0). The same pass gives the log-likelihood of the current
///   parameters.
/// - **Closed-form M-step in one pass.** The pass accumulates, per
///   component, N_k = Σγ, S_k = Σγ(x − c_k) and Q_k = Σγ(x − c_k)² about the
///   current mean c_k, so μ_k' = c_k + S_k/N_k and
///   Σγ(x − μ_k')² = Q_k − S_k²/N_k without the cancellation of raw moments.
/// - **Every stop is at an E-step**: the log-likelihood reported is the one
///   of the parameters reported, and the trace pairs each with its own.
/// - **Changes of ℓ are exact.** The stopping rules, Aitken's estimate and
///   the largest fall read Δℓ(t) = ℓ(t) − ℓ(t−1) computed directly from
///   the two parameter sets where the difference of the rounded ℓ would
///   have lost digits (``LogLikelihoodChange``), so near a maximum none of
///   them reads the rounding of a large ℓ.
/// - **With a remedy** (``Remedy``) the M-step is the remedy's and the
///   rules read the changes of its objective, Δℓ + Δ(log prior or penalty)
///   (``FitResult/objective``), the quantity the iteration increases; the
///   largest fall is the objective's too.
/// - **Degenerate** means π_k reached 0 or σ_k fell to the spacing of
///   doubles at μ_k (σ_k ≤ ulp(max(|μ_k|, 1))), where the density is a spike
///   no point but an exact tie can see.
public enum ExpectationMaximization {
    /// Fits a mixture to `data` by EM from `start` — or, when
    /// `configuration.acceleration` is not `.none`, by that accelerator
    /// (``SQUAREM``, ``AndersonAcceleration``, ``DAAREM``, ``QuasiNewtonEM``,
    /// ``ParabolicEM``) on the same EM map.
    ///
    /// - Parameters:
    ///   - data: the observations; at least one, all finite (the caller
    ///     validates, see ``DataSet``).
    ///   - start: the starting parameters, put into the model's form first:
    ///     `.known(sd)` replaces its sds by `sd`; `.shared` pools them,
    ///     σ² = Σ π_k σ_k²; the variance floor applies to them; with fixed
    ///     weights its weights are kept.
    ///   - configuration: constraints, stopping rule, caps, floor, trace, acceleration.
    /// - Returns: the final parameters, their log-likelihood, the iteration
    ///   count and the stop reason. Never throws: failures are results.
    /// - Complexity: O(n·K) time per iteration (one E-step pass), O(K) extra
    ///   memory (plus the trace when it is on).
    public static func fit(
        data: [Double], start: GaussianMixture,
        configuration: EMConfiguration
    ) -> FitResult {
        switch configuration.acceleration {
        case .none: break
        case .squarem(let options):
            return SQUAREM.fit(data: data, start: start, configuration: configuration, options: options)
        case .anderson(let order):
            return AndersonAcceleration.fit(data: data, start: start, configuration: configuration, order: order)
        case .daarem(let options):
            return DAAREM.fit(data: data, start: start, configuration: configuration, options: options)
        case .quasiNewton(let secants):
            return QuasiNewtonEM.fit(data: data, start: start, configuration: configuration, secants: secants)
        case .parabolic(let options):
            return ParabolicEM.fit(data: data, start: start, configuration: configuration, options: options)
        }
        let k = start.componentCount
        let n = Double(data.count)
        // Put the start into the model's form, so ℓ(0) belongs to the model and
        // the first step cannot appear to lower it.
        var (weights, means, sds) = configuration.parametersInModelForm(start)
        // The remedy's numbers for these data, and its term of the objective
        // (objective = ℓ + term) at θ(t), θ(t−1), θ(t−2): every change the
        // rules read is the objective's, Δℓ + Δterm.
        let remedy = RemedyTerms(configuration.remedy, data: data, componentCount: k)
        var term = remedy.objectiveTerm(means: means, sds: sds, variance: configuration.variance)
        var oldTerm = term, olderTerm = term

        var trace: FitTrace? = configuration.recordTrace ? FitTrace() : nil
        var stats = SufficientStatistics(componentCount: k)
        var iterations = 0
        var previousLogLikelihood = Double.nan
        // Δℓ(t) and Δℓ(t−1), what every rule and diagnostic reads: computed
        // directly where their plain differences could be read wrongly
        // (LogLikelihoodChange.engineReadsExactly), and for the report.
        var change = Double.nan, previousChange = Double.nan
        var changeIsExact = false, previousChangeIsExact = false, lastReadExactly = false
        var startLogLikelihood = Double.nan
        var eSteps = 0
        var largestDecrease = 0.0
        var pendingStop: StopReason?
        // θ(t−1) and θ(t−2), the references of the changes.
        var oldWeights = weights, oldMeans = means, oldSDs = sds
        var olderWeights = weights, olderMeans = means, olderSDs = sds
        var collapseIteration: Int?
        var lastStep = Double.nan, rate = Double.nan
        // A second pass's sums, for a change computed after the fact (made when first needed).
        var scratch: SufficientStatistics?
        func exactChange(
            fromWeights w0: [Double], means m0: [Double], sds s0: [Double],
            toWeights w1: [Double], means m1: [Double], sds s1: [Double]
        ) -> Double {
            if scratch == nil { scratch = SufficientStatistics(componentCount: k) }
            return scratch!.accumulate(
                data: data, weights: w1, means: m1, sds: s1, referenceWeights: w0,
                referenceMeans: m0, referenceSDs: s0
            ).change
        }

        while true {
            // The E-step; with the change from θ(t−1) when the last change had
            // to be read exactly (the next one is likely to be too).
            var logLikelihood: Double
            var exact = Double.nan
            let fused = iterations > 0 && lastReadExactly
            if fused {
                (logLikelihood, exact) = stats.accumulate(
                    data: data, weights: weights, means: means, sds: sds,
                    referenceWeights: oldWeights, referenceMeans: oldMeans,
                    referenceSDs: oldSDs)
            } else {
                logLikelihood = stats.accumulate(data: data, weights: weights, means: means, sds: sds)
            }
            eSteps += 1
            if iterations == 0 { startLogLikelihood = logLikelihood }
            if remedy.isActive && iterations > 0 {
                olderTerm = oldTerm
                oldTerm = term
                term = remedy.objectiveTerm(means: means, sds: sds, variance: configuration.variance)
            }
            if iterations > 0 {
                let plain = logLikelihood - previousLogLikelihood
                let readExactly =
                    previousLogLikelihood.isFinite
                    && LogLikelihoodChange.engineReadsExactly(
                        plain, logLikelihood: logLikelihood, count: data.count,
                        rule: configuration.stoppingRule)
                if readExactly && !fused {
                    // Not expected: the same pass again (the same bits), with the change.
                    (logLikelihood, exact) = stats.accumulate(
                        data: data, weights: weights, means: means, sds: sds,
                        referenceWeights: oldWeights, referenceMeans: oldMeans,
                        referenceSDs: oldSDs)
                }
                previousChange = change
                previousChangeIsExact = changeIsExact
                changeIsExact = readExactly && exact.isFinite
                change = remedy.objectiveChange(changeIsExact ? exact : plain, from: oldTerm, to: term)
                lastReadExactly = readExactly
                // Aitken's rule reads the ratio of the last two changes: both exact.
                if changeIsExact, case .aitken = configuration.stoppingRule, !previousChangeIsExact, iterations >= 2 {
                    let earlier = exactChange(
                        fromWeights: olderWeights, means: olderMeans, sds: olderSDs,
                        toWeights: oldWeights, means: oldMeans, sds: oldSDs)
                    if earlier.isFinite {
                        previousChange = remedy.objectiveChange(earlier, from: olderTerm, to: oldTerm)
                        previousChangeIsExact = true
                    }
                }
            }
            if trace != nil {
                trace!.append(
                    iteration: iterations, logLikelihood: logLikelihood,
                    mixture: GaussianMixture(unchecked: weights, means: means, standardDeviations: sds))
            }
            if previousLogLikelihood.isFinite && logLikelihood.isFinite {
                largestDecrease = max(largestDecrease, -change / max(abs(previousLogLikelihood), 1))
            }
            /// - Parameter unbounded: report ℓ = +∞ (a zero σ), reached by a change of +∞.
            func finish(_ reason: StopReason, unbounded: Bool = false) -> FitResult {
                let reported = unbounded ? Double.infinity : logLikelihood
                var lastChange = unbounded ? reported - previousLogLikelihood : change
                // The report reads the last two changes: exact wherever the plain difference is untrusted.
                if !changeIsExact && !unbounded
                    && LogLikelihoodChange.plainIsUntrusted(lastChange, logLikelihood: logLikelihood, count: data.count)
                {
                    let exact = exactChange(
                        fromWeights: oldWeights, means: oldMeans, sds: oldSDs,
                        toWeights: weights, means: means, sds: sds)
                    if exact.isFinite { lastChange = remedy.objectiveChange(exact, from: oldTerm, to: term) }
                }
                var earlierChange = previousChange
                if !previousChangeIsExact && iterations >= 2
                    && LogLikelihoodChange.plainIsUntrusted(earlierChange, logLikelihood: previousLogLikelihood, count: data.count)
                {
                    let exact = exactChange(
                        fromWeights: olderWeights, means: olderMeans, sds: olderSDs,
                        toWeights: oldWeights, means: oldMeans, sds: oldSDs)
                    if exact.isFinite { earlierChange = remedy.objectiveChange(exact, from: olderTerm, to: oldTerm) }
                }
                let aitken = AitkenEstimate(previousChange: earlierChange, lastChange: lastChange)
                var result = FitResult(
                    mixture: GaussianMixture(unchecked: weights, means: means, standardDeviations: sds),
                    logLikelihood: reported, iterations: iterations,
                    stopReason: reason, largestRelativeDecrease: largestDecrease, trace: trace,
                    collapseIteration: collapseIteration, convergenceRate: rate, eSteps: eSteps,
                    logLikelihoodGap: aitken.remainingIncrease, logLikelihoodChangeRatio: aitken.reportedRatio,
                    startLogLikelihood: startLogLikelihood,
                    lastLogLikelihoodChange: aitken.lastChange, objective: unbounded ? reported : logLikelihood + term)
                // `stats` hold the E-step at these parameters.
                (result.remedyEffect, result.remedyActive) = remedy.effect(
                    statistics: stats, count: n, configuration: configuration,
                    weights: weights, means: means, sds: sds)
                return result
            }
            if pendingStop == .degenerate {
                // A zero σ makes the likelihood unbounded: report +∞, not the NaN of 0·∞.
                if logLikelihood.isNaN && sds.contains(0) { return finish(.degenerate, unbounded: true) }
                return finish(.degenerate)
            }
            if let reason = pendingStop { return finish(logLikelihood.isNaN ? .nonFinite : reason) }
            if !logLikelihood.isFinite { return finish(.nonFinite) }
            if let stop = configuration.stopAfterEStep(
                iterations: iterations, logLikelihood: logLikelihood + term, change: change,
                previousChange: previousChange)
            {
                return finish(stop)
            }

            // M-step. The previous values are kept in preallocated buffers: no allocation per iteration.
            for j in 0..<k {
                olderWeights[j] = oldWeights[j]
                olderMeans[j] = oldMeans[j]
                olderSDs[j] = oldSDs[j]
                oldWeights[j] = weights[j]
                oldMeans[j] = means[j]
                oldSDs[j] = sds[j]
            }
            let degenerate = MaximizationStep.apply(
                statistics: stats, count: n, configuration: configuration, remedy: remedy,
                weights: &weights, means: &means, sds: &sds)
            iterations += 1
            if collapseIteration == nil && configuration.collapseThreshold > 0 {
                for j in 0..<k where !(sds[j] >= configuration.collapseThreshold) {
                    collapseIteration = iterations
                    break
                }
            }
            var step = 0.0
            for j in 0..<k {
                let dw = weights[j] - oldWeights[j], dm = means[j] - oldMeans[j], ds = sds[j] - oldSDs[j]
                step += dw * dw + dm * dm + ds * ds
            }
            step = step.squareRoot()
            rate = lastStep > 0 ? step / lastStep : .nan
            lastStep = step
            previousLogLikelihood = logLikelihood

            var allFinite = true
            for j in 0..<k where !(weights[j].isFinite && means[j].isFinite && sds[j].isFinite) { allFinite = false }
            if !allFinite {
                pendingStop = .nonFinite
            } else if degenerate {
                pendingStop = .degenerate
            } else {
                switch configuration.stoppingRule {
                case .meanChange(let epsilon):
                    var total = 0.0
                    for j in 0..<k { total += abs(means[j] - oldMeans[j]) }
                    if total < epsilon { pendingStop = .converged }
                case .parameterChange(let epsilon):
                    var largest = 0.0
                    for j in 0..<k {
                        largest = max(largest, abs(weights[j] - oldWeights[j]), abs(means[j] - oldMeans[j]), abs(sds[j] - oldSDs[j]))
                    }
                    if largest < epsilon { pendingStop = .converged }
                default: break
                }
            }
        }
    }
}
