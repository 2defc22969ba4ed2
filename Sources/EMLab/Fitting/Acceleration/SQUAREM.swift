/// SQUAREM-accelerated EM: squared iterative methods (Varadhan & Roland
/// 2008, "Simple and globally convergent methods for accelerating the
/// convergence of any EM algorithm", *Scand. J. Statist.* 35(2), 335–353),
/// done as the R package SQUAREM's `squarem1` (R/squarem.R) does it, on the
/// EM map F of ``ExpectationMaximization`` (its E-step and
/// `MaximizationStep`, unchanged).
///
/// One cycle from the accepted point θ, in the package's notation:
///
///     θ1 = F(θ),  θ2 = F(θ1),  q1 = θ1 − θ,  q2 = θ2 − θ1
///     α  = −⟨q1, q2−q1⟩/|q2−q1|²  (S1),  −|q1|²/⟨q1, q2−q1⟩  (S2),  |q1|/|q2−q1|  (S3)
///     α  = max(stepMin, min(stepMax, α))
///     θ' = θ + 2α q1 + α² (q2 − q1),  then θ' = F(θ') when |α − 1| > 0.01  (stabilising step)
///
/// θ' is rejected for θ2 = F(F(θ)) when it is outside the parameter space
/// (a weight outside [0, 1], a variance ≤ 0), not finite, degenerate (as the
/// engine defines it), or when ℓ(θ') < ℓ(θ) − objfn.inc (the package
/// minimises objfn = −ℓ and rejects `lnew > lold + objfn.inc`), the change
/// ℓ(θ') − ℓ(θ) read exactly (``LogLikelihoodChange``) where it is small
/// against the rounding of ℓ. The bound
/// moves as in the package: after a rejection with α = stepMax,
/// stepMax = max(stepMax0, stepMax/mstep) and α = 1; then whenever
/// α = stepMax, stepMax = mstep·stepMax; and when stepMin < 0 and
/// α = stepMin, stepMin = mstep·stepMin.
///
/// ## The parameter vector
/// θ = (π_1 … π_K, μ_1 … μ_K, σ_1² … σ_K²). A parameter the map does not
/// move (a fixed weight, a known σ) has q1 = q2 = 0 and is kept exactly; a
/// shared σ² is one value repeated, which the same arithmetic keeps equal.
/// Free weights still sum to 1 in exact arithmetic (q1 and q2 sum to 0 over
/// them), but α² multiplies their rounding — α reaches 10⁴–10⁵ where EM
/// crawls — and weights summing to 1 + δ raise ℓ by about nδ, which the
/// stabilising step would then take back as a false fall of an EM step. So,
/// the one addition to `squarem1` (which knows nothing of the constraint),
/// the extrapolated free weights are divided by their sum.
///
/// ## How a fit is counted, and how it fails
/// - One E-step pass scores θ and gives the sums for F(θ), so each EM-map
///   evaluation is one pass, and ℓ(θ_new) and F(θ_new) come from the same
///   pass. A cycle costs 2 passes (θ1, then the new point), 3 with the
///   stabilising step, and 1 more when the extrapolation is rejected after
///   being scored (the pass at θ2). ``FitResult/eSteps`` counts them all,
///   the start's included.
/// - ``FitResult/iterations`` counts accepted updates (cycles). The
///   stopping rule is checked on the accepted points (the exact changes of
///   ℓ between them, or their parameter change). ``EMConfiguration/maxIterations`` caps the
///   E-step passes after the start's, as the package's `maxiter` caps its
///   `fpevals`: checked at each accepted point, as the package checks at the
///   start of each cycle, so a cycle begun under the cap is finished (at
///   most 3 passes over it). `.fixedIterations(N)` runs N cycles.
/// - The stop reasons mean what they mean for EM: when F(θ) or F(F(θ))
///   is degenerate or not finite, that point is the fit's last, as it would
///   be for EM; a failed *extrapolation* is only rejected.
/// - ``FitResult/largestRelativeDecrease`` measures single EM-map steps,
///   ℓ(F(θ)) against ℓ(θ) — θ → θ1, θ1 → θ2 when θ2 is scored, and the
///   stabilising step — which EM never lowers, so it stays a bug signal;
///   falls the extrapolation is allowed by objfn.inc are not counted.
/// - ``FitResult/collapseIteration`` is in accepted iterations; the trace
///   records the accepted points; the variance floor applies in every F.
public enum SQUAREM {
    /// Fits a mixture to `data` by SQUAREM-accelerated EM from `start`.
    ///
    /// - Parameters:
    ///   - data: the observations; at least one, all finite.
    ///   - start: the starting parameters, put into the model's form first
    ///     (as ``ExpectationMaximization/fit(data:start:configuration:)`` does).
    ///   - configuration: constraints, stopping rule, cap (of E-step
    ///     passes), floor, trace; its `acceleration` is not read.
    ///   - options: the scheme and the step-length bounds.
    /// - Returns: the last accepted point, its log-likelihood, the cycle and
    ///   E-step counts and the stop reason. Never throws: failures are results.
    /// - Complexity: O(n·K) time per E-step pass, 2–4 passes per cycle; O(K)
    ///   extra memory (plus the trace), nothing allocated per cycle.
    public static func fit(
        data: [Double], start: GaussianMixture, configuration: EMConfiguration,
        options: SQUAREMOptions
    ) -> FitResult {
        fitTallied(data: data, start: start, configuration: configuration, options: options).result
    }

    /// How a fit's cycles went: which extrapolations were kept, and why the others were rejected.
    struct Tally: Equatable {
        /// Cycles whose extrapolated point was accepted.
        var extrapolated = 0
        /// Rejected: θ' outside the parameter space (a weight outside [0, 1], a variance ≤ 0), not finite, or degenerate.
        var outsideParameterSpace = 0
        /// Rejected: the stabilising step F(θ') failed (degenerate or not finite).
        var stabilisationFailed = 0
        /// Rejected: ℓ fell by more than objfn.inc.
        var likelihoodFell = 0
    }

    /// ``fit(data:start:configuration:options:)`` and its ``Tally`` (for tests).
    static func fitTallied(
        data: [Double], start: GaussianMixture, configuration: EMConfiguration,
        options: SQUAREMOptions
    ) -> (result: FitResult, tally: Tally) {
        var tally = Tally()
        let k = start.componentCount
        let n = Double(data.count)
        let form = configuration.parametersInModelForm(start)
        var current = Point(weights: form.weights, means: form.means, sds: form.sds)
        // θ1, θ2 and θ' live in buffers of their own, overwritten element by element.
        var first = Point(copying: current), second = Point(copying: current), trial = Point(copying: current)
        var statistics = SufficientStatistics(componentCount: k)
        var trace: FitTrace? = configuration.recordTrace ? FitTrace() : nil
        var eSteps = 0
        var iterations = 0
        var largestDecrease = 0.0
        var collapseIteration: Int?
        // The scheme's own contraction (as ``AcceleratedPath``): the ratio of
        // the last two accepted updates ‖θ(t) − θ(t−1)‖ / ‖θ(t−1) − θ(t−2)‖.
        var rate = Double.nan, lastUpdate = Double.nan
        var stepMin = options.stepMin0, stepMax = options.stepMax0
        var parametersSettled = false
        // The remedy's numbers, and its term of the objective at `current`:
        // every score and change below is the objective's, ℓ + term.
        let remedy = RemedyTerms(configuration.remedy, data: data, componentCount: k)
        var currentTerm = remedy.objectiveTerm(means: current.means, sds: current.sds, variance: configuration.variance)

        // Every pass after the start's scores its point against the cycle's
        // accepted point `current`: its ℓ and the change ℓ(point) − ℓ(current),
        // exact (LogLikelihoodChange) in the cycles where the changes are
        // small against the rounding of ℓ.
        var logLikelihood = Double.nan
        var exactThisCycle = false
        /// ℓ of `point` and its change from `current`; leaves the sums for F(point) in `statistics`.
        func eStep(_ point: Point) -> Scored {
            eSteps += 1
            var exact = Double.nan
            var pointLogLikelihood: Double
            if exactThisCycle {
                (pointLogLikelihood, exact) = statistics.accumulate(
                    data: data, weights: point.weights, means: point.means,
                    sds: point.sds, referenceWeights: current.weights,
                    referenceMeans: current.means, referenceSDs: current.sds)
            } else {
                pointLogLikelihood = statistics.accumulate(data: data, weights: point.weights, means: point.means, sds: point.sds)
                if LogLikelihoodChange.plainIsUntrusted(
                    pointLogLikelihood - logLikelihood, logLikelihood: pointLogLikelihood,
                    count: data.count)
                {
                    // Not expected: the same pass again (the same bits), with the change.
                    (pointLogLikelihood, exact) = statistics.accumulate(
                        data: data, weights: point.weights, means: point.means,
                        sds: point.sds, referenceWeights: current.weights,
                        referenceMeans: current.means, referenceSDs: current.sds)
                }
            }
            let isExact = exact.isFinite && pointLogLikelihood.isFinite && logLikelihood.isFinite
            let pointTerm =
                remedy.isActive ? remedy.objectiveTerm(means: point.means, sds: point.sds, variance: configuration.variance) : 0
            return Scored(
                logLikelihood: pointLogLikelihood,
                change: remedy.objectiveChange(isExact ? exact : pointLogLikelihood - logLikelihood, from: currentTerm, to: pointTerm),
                exact: isExact, objective: pointLogLikelihood + pointTerm)
        }
        /// `point` ← F(point), from the sums of the E-step at `point`; whether it is degenerate.
        func mStep(_ point: inout Point) -> Bool {
            MaximizationStep.apply(
                statistics: statistics, count: n, configuration: configuration, remedy: remedy,
                weights: &point.weights, means: &point.means, sds: &point.sds)
        }
        /// Records a fall of ℓ over one EM-map step, from the changes of both ends from `current`.
        func noteStep(from before: Scored, to after: Scored) {
            if before.logLikelihood.isFinite && after.logLikelihood.isFinite {
                let fall = before.exact || after.exact ? before.change - after.change : before.objective - after.objective
                largestDecrease = max(largestDecrease, fall / max(abs(before.logLikelihood), 1))
            }
        }

        logLikelihood = statistics.accumulate(data: data, weights: current.weights, means: current.means, sds: current.sds)
        eSteps += 1
        let startLogLikelihood = logLikelihood
        // Δℓ between the last two accepted points and the two before them.
        var change = Double.nan, previousChange = Double.nan
        trace?.append(iteration: 0, logLikelihood: logLikelihood, mixture: current.mixture)

        func accept(_ point: Point, scored: Scored) {
            parametersSettled = current.meetsParameterRule(configuration.stoppingRule, after: point)
            let update = current.distance(to: point)
            rate = lastUpdate > 0 ? update / lastUpdate : .nan
            lastUpdate = update
            current.assign(point)
            iterations += 1
            previousChange = change
            change = scored.change
            logLikelihood = scored.logLikelihood
            currentTerm = scored.objective - scored.logLikelihood
            trace?.append(iteration: iterations, logLikelihood: logLikelihood, mixture: current.mixture)
            if collapseIteration == nil && configuration.collapseThreshold > 0 {
                for j in 0..<k where !(current.sds[j] >= configuration.collapseThreshold) {
                    collapseIteration = iterations
                    break
                }
            }
        }
        func finish(_ reason: StopReason) -> (result: FitResult, tally: Tally) {
            var reported = logLikelihood, lastChange = change
            // A zero σ makes the likelihood unbounded: report +∞, not the NaN of 0·∞ (as the engine does).
            if reason == .degenerate && reported.isNaN && current.sds.contains(0) {
                reported = .infinity
                lastChange = .infinity
            }
            let aitken = AitkenEstimate(previousChange: previousChange, lastChange: lastChange)
            var result = FitResult(
                mixture: current.mixture, logLikelihood: reported, iterations: iterations, stopReason: reason,
                largestRelativeDecrease: largestDecrease, trace: trace, collapseIteration: collapseIteration,
                convergenceRate: rate, eSteps: eSteps, logLikelihoodGap: aitken.remainingIncrease,
                logLikelihoodChangeRatio: aitken.reportedRatio, startLogLikelihood: startLogLikelihood,
                lastLogLikelihoodChange: aitken.lastChange,
                objective: reported.isFinite ? reported + currentTerm : reported)
            // `statistics` hold the E-step at the accepted point.
            (result.remedyEffect, result.remedyActive) = remedy.effect(
                statistics: statistics, count: n, configuration: configuration,
                weights: current.weights, means: current.means, sds: current.sds)
            return (result, tally)
        }
        /// Why EM would stop at `point`, an F output scored `pointLogLikelihood` (the engine's order).
        func failure(of point: Point, degenerate: Bool, logLikelihood pointLogLikelihood: Double) -> StopReason? {
            if !point.allFinite { return .nonFinite }
            if degenerate { return .degenerate }
            if !pointLogLikelihood.isFinite { return .nonFinite }
            return nil
        }

        if !logLikelihood.isFinite { return finish(.nonFinite) }
        while true {
            // At an accepted point, scored; `statistics` hold its E-step.
            if parametersSettled
                || configuration.logLikelihoodRuleIsMet(
                    iterations: iterations, logLikelihood: logLikelihood + currentTerm,
                    change: change, previousChange: previousChange)
            {
                return finish(.converged)
            }
            if case .fixedIterations(let count) = configuration.stoppingRule {
                if iterations >= count { return finish(.fixedIterationsDone) }
            } else if eSteps - 1 >= configuration.maxIterations {
                return finish(.iterationCap)
            }
            exactThisCycle = LogLikelihoodChange.expectsUntrusted(lastChange: change, logLikelihood: logLikelihood, count: data.count)
            let start = Scored(logLikelihood: logLikelihood, change: 0, exact: false, objective: logLikelihood + currentTerm)

            // θ1 = F(θ), then the pass at θ1.
            first.assign(current)
            let firstDegenerate = mStep(&first)
            let firstScore = eStep(first)
            noteStep(from: start, to: firstScore)
            if let reason = failure(of: first, degenerate: firstDegenerate, logLikelihood: firstScore.logLikelihood) {
                accept(first, scored: firstScore)
                return finish(reason)
            }
            // θ2 = F(θ1), from that pass.
            second.assign(first)
            let secondDegenerate = mStep(&second)
            if !second.allFinite || secondDegenerate {
                // EM itself fails at θ2: it is the fit's last point, as it would be for EM.
                let secondScore = eStep(second)
                noteStep(from: firstScore, to: secondScore)
                accept(second, scored: secondScore)
                return finish(failure(of: second, degenerate: secondDegenerate, logLikelihood: secondScore.logLikelihood) ?? .nonFinite)
            }

            var alpha = stepLength(current, first, second, scheme: options.scheme)
            if !alpha.isNaN { alpha = max(stepMin, min(stepMax, alpha)) }  // NaN stays NaN, as R's max/min keep it
            var newScore = Scored(logLikelihood: .nan, change: .nan, exact: false, objective: .nan)
            var extrapolated =
                !alpha.isNaN
                && trial.extrapolate(
                    current, first, second, alpha: alpha,
                    normalizingWeights: configuration.weights == .free)
            if extrapolated {
                if abs(alpha - 1) > 0.01 {
                    // The stabilising EM step θ' ← F(θ'), then the pass that scores it.
                    let trialScore = eStep(trial)
                    extrapolated = trialScore.logLikelihood.isFinite && !mStep(&trial) && trial.allFinite
                    if extrapolated {
                        newScore = eStep(trial)
                        noteStep(from: trialScore, to: newScore)
                    } else {
                        tally.stabilisationFailed += 1
                    }
                } else {
                    // θ' itself would be the next point: it must be one EM could reach.
                    extrapolated =
                        !trial.isDegenerate && trial.respects(varianceFloor: configuration.varianceFloor)
                        && remedy.admits(sds: trial.sds)
                    if extrapolated { newScore = eStep(trial) } else { tally.outsideParameterSpace += 1 }
                }
                // objfn.inc: −ℓ may rise by at most this much.
                if extrapolated
                    && !(newScore.logLikelihood.isFinite
                        && newScore.fellAtMost(options.objectiveIncrease, from: logLikelihood + currentTerm))
                {
                    extrapolated = false
                    tally.likelihoodFell += 1
                }
            } else {
                tally.outsideParameterSpace += 1
            }
            if extrapolated { tally.extrapolated += 1 }
            if !extrapolated {
                if alpha == stepMax { stepMax = max(options.stepMax0, stepMax / options.mstep) }
                alpha = 1
                newScore = eStep(second)
                noteStep(from: firstScore, to: newScore)
            }
            if alpha == stepMax { stepMax = options.mstep * stepMax }
            if stepMin < 0 && alpha == stepMin { stepMin = options.mstep * stepMin }
            accept(extrapolated ? trial : second, scored: newScore)
            if !newScore.logLikelihood.isFinite { return finish(.nonFinite) }
        }
    }

    /// A point's log-likelihood and the change of the objective from the
    /// cycle's accepted point (the objective is ℓ without a remedy).
    struct Scored {
        var logLikelihood: Double
        /// obj(point) − obj(accepted point): Δℓ exact (``LogLikelihoodChange``) when `exact`,
        /// else the plain difference, plus the change of the remedy's term.
        var change: Double
        var exact: Bool
        /// ℓ + the remedy's term (``FitResult/objective``).
        var objective: Double

        /// Whether the objective fell by at most `bound` from `accepted` (the
        /// accepted point's objective): change ≥ −bound when the change is
        /// exact, else the package's own test on the two values,
        /// obj ≥ obj_accepted − bound.
        func fellAtMost(_ bound: Double, from accepted: Double) -> Bool {
            exact ? change >= -bound : objective >= accepted - bound
        }
    }

    /// The step length of `scheme` for the cycle θ → θ1 → θ2, in the
    /// (π, μ, σ²) coordinates; NaN or ±∞ when its denominator is 0.
    static func stepLength(_ theta: Point, _ first: Point, _ second: Point, scheme: SQUAREMOptions.Scheme) -> Double {
        var sr2 = 0.0, sv2 = 0.0, srv = 0.0
        func add(_ p: Double, _ p1: Double, _ p2: Double) {
            let q1 = p1 - p, q2 = p2 - p1
            sr2 += q1 * q1
            sv2 += (q2 - q1) * (q2 - q1)
            srv += q1 * (q2 - q1)
        }
        for j in theta.weights.indices {
            add(theta.weights[j], first.weights[j], second.weights[j])
            add(theta.means[j], first.means[j], second.means[j])
            add(theta.sds[j] * theta.sds[j], first.sds[j] * first.sds[j], second.sds[j] * second.sds[j])
        }
        switch scheme {
        case .s1: return -srv / sv2
        case .s2: return -sr2 / srv
        case .s3: return (sr2 / sv2).squareRoot()
        }
    }

    /// One point of the parameter space in the engine's arrays (π, μ, σ).
    /// SQUAREM keeps four and copies between them element by element, so a
    /// cycle allocates nothing.
    struct Point {
        var weights: [Double]
        var means: [Double]
        var sds: [Double]

        init(weights: [Double], means: [Double], sds: [Double]) {
            self.weights = weights
            self.means = means
            self.sds = sds
        }

        /// A copy in storage of its own.
        init(copying other: Point) {
            weights = other.weights.map { $0 }
            means = other.means.map { $0 }
            sds = other.sds.map { $0 }
        }

        /// Overwrites this point with `other`, element by element.
        mutating func assign(_ other: Point) {
            for j in weights.indices {
                weights[j] = other.weights[j]
                means[j] = other.means[j]
                sds[j] = other.sds[j]
            }
        }

        var mixture: GaussianMixture { GaussianMixture(unchecked: weights, means: means, standardDeviations: sds) }

        var allFinite: Bool {
            for j in weights.indices where !(weights[j].isFinite && means[j].isFinite && sds[j].isFinite) { return false }
            return true
        }

        /// Degenerate as the engine defines it: a weight of 0, or σ_k ≤ ulp(max(|μ_k|, 1)).
        var isDegenerate: Bool {
            for j in weights.indices where weights[j] == 0 || MaximizationStep.isDegenerate(sd: sds[j], mean: means[j]) {
                return true
            }
            return false
        }

        /// Whether every σ_k² ≥ `floor` (compared as σ_k ≥ √floor, which a σ that F set to the floor meets exactly).
        func respects(varianceFloor floor: Double) -> Bool {
            let lowest = floor.squareRoot()
            for s in sds where !(s >= lowest) { return false }
            return true
        }

        /// ‖other − self‖ over every weight, mean and sd: the engine's step length.
        func distance(to other: Point) -> Double {
            var total = 0.0
            for j in weights.indices {
                let dw = other.weights[j] - weights[j], dm = other.means[j] - means[j], ds = other.sds[j] - sds[j]
                total += dw * dw + dm * dm + ds * ds
            }
            return total.squareRoot()
        }

        /// Whether the update self → `next` meets a parameter stopping rule
        /// (`.meanChange`, `.parameterChange`), as the engine tests them.
        func meetsParameterRule(_ rule: EMConfiguration.StoppingRule, after next: Point) -> Bool {
            switch rule {
            case .meanChange(let epsilon):
                var total = 0.0
                for j in means.indices { total += abs(next.means[j] - means[j]) }
                return total < epsilon
            case .parameterChange(let epsilon):
                var largest = 0.0
                for j in weights.indices {
                    largest = max(largest, abs(next.weights[j] - weights[j]), abs(next.means[j] - means[j]), abs(next.sds[j] - sds[j]))
                }
                return largest < epsilon
            default: return false
            }
        }

        /// self ← θ + 2α q1 + α²(q2 − q1) with q1 = θ1 − θ, q2 = θ2 − θ1, in
        /// (π, μ, σ²). A coordinate with q1 = q2 = 0 is copied exactly.
        /// - Parameter normalizingWeights: divide the weights by their sum
        ///   (free weights: see ``SQUAREM``, "The parameter vector").
        /// - Returns: false when the point is outside the parameter space (a
        ///   weight outside [0, 1], a variance ≤ 0) or not finite.
        mutating func extrapolate(
            _ theta: Point, _ first: Point, _ second: Point, alpha: Double,
            normalizingWeights: Bool
        ) -> Bool {
            func step(_ p: Double, _ p1: Double, _ p2: Double) -> Double {
                let q1 = p1 - p, q2 = p2 - p1
                return p + 2 * alpha * q1 + alpha * alpha * (q2 - q1)
            }
            var inside = true
            var total = 0.0
            for j in weights.indices {
                weights[j] = step(theta.weights[j], first.weights[j], second.weights[j])
                total += weights[j]
            }
            if normalizingWeights { for j in weights.indices { weights[j] /= total } }
            for j in weights.indices {
                means[j] = step(theta.means[j], first.means[j], second.means[j])
                let v = theta.sds[j] * theta.sds[j], v1 = first.sds[j] * first.sds[j], v2 = second.sds[j] * second.sds[j]
                if v1 == v && v2 == v1 {
                    sds[j] = theta.sds[j]
                } else {
                    let variance = step(v, v1, v2)
                    sds[j] = variance.squareRoot()
                    if !(variance > 0) { inside = false }
                }
                if !(weights[j] >= 0 && weights[j] <= 1) || !means[j].isFinite || !sds[j].isFinite { inside = false }
            }
            return inside
        }
    }
}
