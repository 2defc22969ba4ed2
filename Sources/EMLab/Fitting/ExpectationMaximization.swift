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
/// - **Degenerate** means π_k reached 0 or σ_k fell to the spacing of
///   doubles at μ_k (σ_k ≤ ulp(max(|μ_k|, 1))), where the density is a spike
///   no point but an exact tie can see.
public enum ExpectationMaximization {
    /// Fits a mixture to `data` by EM from `start` — or, when
    /// `configuration.acceleration` is `.squarem`, by SQUAREM-accelerated EM
    /// (``SQUAREM``) on the same EM map.
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
    public static func fit(data: [Double], start: GaussianMixture,
                           configuration: EMConfiguration) -> FitResult {
        if case .squarem(let options) = configuration.acceleration {
            return SQUAREM.fit(data: data, start: start, configuration: configuration, options: options)
        }
        let k = start.componentCount
        let n = Double(data.count)
        // Put the start into the model's form, so ℓ(0) belongs to the model and
        // the first step cannot appear to lower it.
        var (weights, means, sds) = configuration.parametersInModelForm(start)

        var trace: FitTrace? = configuration.recordTrace ? FitTrace() : nil
        var stats = SufficientStatistics(componentCount: k)
        var iterations = 0
        var previousLogLikelihood = Double.nan
        // Δℓ(t) and Δℓ(t−1), exact (LogLikelihoodChange): what every rule and diagnostic reads.
        var change = Double.nan, previousChange = Double.nan
        var startLogLikelihood = Double.nan
        var eSteps = 0
        var largestDecrease = 0.0
        var pendingStop: StopReason?
        var oldWeights = weights, oldMeans = means, oldSDs = sds
        var collapseIteration: Int?
        var lastStep = Double.nan, rate = Double.nan

        while true {
            // The E-step; from iteration 1 on, with the change from the previous
            // parameters (old*) computed directly when the plain difference may
            // have lost its digits to the rounding of ℓ.
            var logLikelihood: Double
            var exactChange = Double.nan
            if iterations > 0 && LogLikelihoodChange.expectsUntrusted(lastChange: change, logLikelihood: previousLogLikelihood, count: data.count) {
                (logLikelihood, exactChange) = stats.accumulate(data: data, weights: weights, means: means, sds: sds,
                                                                referenceWeights: oldWeights, referenceMeans: oldMeans,
                                                                referenceSDs: oldSDs)
            } else {
                logLikelihood = stats.accumulate(data: data, weights: weights, means: means, sds: sds)
                if iterations > 0 && LogLikelihoodChange.plainIsUntrusted(logLikelihood - previousLogLikelihood,
                                                                          logLikelihood: logLikelihood, count: data.count) {
                    // Not expected: the same pass again (the same bits), with the change.
                    (logLikelihood, exactChange) = stats.accumulate(data: data, weights: weights, means: means, sds: sds,
                                                                    referenceWeights: oldWeights, referenceMeans: oldMeans,
                                                                    referenceSDs: oldSDs)
                }
            }
            eSteps += 1
            if iterations == 0 { startLogLikelihood = logLikelihood }
            if iterations > 0 {
                previousChange = change
                change = exactChange.isFinite && previousLogLikelihood.isFinite && logLikelihood.isFinite
                    ? exactChange : logLikelihood - previousLogLikelihood
            }
            if trace != nil {
                trace!.append(iteration: iterations, logLikelihood: logLikelihood,
                              mixture: GaussianMixture(unchecked: weights, means: means, standardDeviations: sds))
            }
            if previousLogLikelihood.isFinite && logLikelihood.isFinite {
                largestDecrease = max(largestDecrease, -change / max(abs(previousLogLikelihood), 1))
            }
            /// - Parameter unbounded: report ℓ = +∞ (a zero σ), reached by a change of +∞.
            func finish(_ reason: StopReason, unbounded: Bool = false) -> FitResult {
                let reported = unbounded ? Double.infinity : logLikelihood
                let lastChange = unbounded ? reported - previousLogLikelihood : change
                let aitken = AitkenEstimate(previousChange: previousChange, lastChange: lastChange)
                return FitResult(mixture: GaussianMixture(unchecked: weights, means: means, standardDeviations: sds),
                                 logLikelihood: reported, iterations: iterations,
                                 stopReason: reason, largestRelativeDecrease: largestDecrease, trace: trace,
                                 collapseIteration: collapseIteration, convergenceRate: rate, eSteps: eSteps,
                                 logLikelihoodGap: aitken.remainingIncrease, logLikelihoodChangeRatio: aitken.reportedRatio,
                                 startLogLikelihood: startLogLikelihood,
                                 lastLogLikelihoodChange: aitken.lastChange)
            }
            if pendingStop == .degenerate {
                // A zero σ makes the likelihood unbounded: report +∞, not the NaN of 0·∞.
                if logLikelihood.isNaN && sds.contains(0) { return finish(.degenerate, unbounded: true) }
                return finish(.degenerate)
            }
            if let reason = pendingStop { return finish(logLikelihood.isNaN ? .nonFinite : reason) }
            if !logLikelihood.isFinite { return finish(.nonFinite) }
            if let stop = configuration.stopAfterEStep(iterations: iterations, logLikelihood: logLikelihood, change: change,
                                                       previousChange: previousChange) {
                return finish(stop)
            }

            // M-step. The previous values are kept in preallocated buffers: no allocation per iteration.
            for j in 0..<k { oldWeights[j] = weights[j]; oldMeans[j] = means[j]; oldSDs[j] = sds[j] }
            let degenerate = MaximizationStep.apply(statistics: stats, count: n, configuration: configuration,
                                                    weights: &weights, means: &means, sds: &sds)
            iterations += 1
            if collapseIteration == nil && configuration.collapseThreshold > 0 {
                for j in 0..<k where !(sds[j] >= configuration.collapseThreshold) { collapseIteration = iterations; break }
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
