/// The accepted points of an accelerated fit and everything a ``FitResult``
/// says about them, kept the same way for ``AndersonAcceleration``,
/// ``DAAREM``, ``QuasiNewtonEM`` and ``ParabolicEM``, so each scheme's
/// counts and flags mean what they mean for EM and ``SQUAREM``.
///
/// - ``FitResult/iterations`` counts accepted updates, ``FitResult/eSteps``
///   every E-step pass (the start's included; ``EMMapVector``).
/// - The stopping rules are checked at each accepted point, after the pass
///   that scored it: the ℓ rules on the (exact) changes between accepted
///   points, as ``SQUAREM`` does; the parameter rules on the EM step
///   F(θ) − θ at the accepted point, the fixed-point residual the papers
///   stop on (that pass gives F(θ), so it costs nothing). The cap is on
///   E-step passes after the start's, as for ``SQUAREM``.
/// - When F at an accepted point is degenerate or not finite, EM would stop
///   at F(θ): it is scored and becomes the fit's last point, with EM's stop reason.
/// - ``FitResult/largestRelativeDecrease`` measures only single EM-map steps
///   θ → F(θ) with both ends scored, which EM never lowers (a bug signal);
///   ``FitResult/nonMonotoneUpdates`` counts accepted updates that lowered
///   ℓ, which a scheme may allow (Anderson, DAAREM within mon.tol).
/// - ``FitResult/convergenceRate`` is the scheme's own contraction, the ratio of
///   the last two accepted steps ‖θ(t) − θ(t−1)‖ / ‖θ(t−1) − θ(t−2)‖ on (π, μ, σ).
struct AcceleratedPath {
    private(set) var map: EMMapVector
    /// The last accepted point θ, its ℓ and F(θ) (from the pass that scored it).
    private(set) var current: [Double]
    private(set) var currentImage: [Double]
    private(set) var logLikelihood = Double.nan
    private(set) var currentEvaluation: EMMapVector.Evaluation
    private(set) var iterations = 0
    private var change = Double.nan, previousChange = Double.nan
    private var trace: FitTrace?
    private var collapseIteration: Int?
    private var largestDecrease = 0.0
    private var nonMonotone = 0
    private var lastStep = Double.nan, rate = Double.nan
    private let startLogLikelihood: Double

    /// Scores the start (one pass).
    init(data: [Double], start: GaussianMixture, configuration: EMConfiguration) {
        let form = configuration.parametersInModelForm(start)
        // The map is built in place and used there: a local copy moved in
        // would retain and release each of its arrays once more per fit.
        self.map = EMMapVector(
            data: data, start: SQUAREM.Point(weights: form.weights, means: form.means, sds: form.sds),
            configuration: configuration)
        let v = self.map.vector(of: SQUAREM.Point(weights: form.weights, means: form.means, sds: form.sds))
        var image = v
        let evaluation = self.map.evaluate(v, image: &image, referenceLogLikelihood: nil, exactChange: false)
        current = v
        currentImage = image
        logLikelihood = evaluation.logLikelihood
        currentEvaluation = evaluation
        startLogLikelihood = evaluation.logLikelihood
        trace = configuration.recordTrace ? FitTrace() : nil
        trace?.append(iteration: 0, logLikelihood: logLikelihood, mixture: self.map.mixture(of: v))
    }

    var configuration: EMConfiguration { map.configuration }
    var dimension: Int { map.dimension }

    /// Whether the next pass should compute its change from the accepted point directly.
    var expectsSmallChange: Bool {
        LogLikelihoodChange.expectsUntrusted(lastChange: change, logLikelihood: logLikelihood, count: map.data.count)
    }

    /// One pass at θ, its change measured from the accepted point.
    mutating func evaluate(_ v: [Double], image: inout [Double]) -> EMMapVector.Evaluation {
        map.evaluate(v, image: &image, referenceLogLikelihood: logLikelihood, exactChange: expectsSmallChange)
    }

    func isInside(_ v: [Double]) -> Bool { map.isInside(v) }

    /// Records the EM-map step from a point scored `before` to its image scored `after` (changes from the same accepted point).
    mutating func noteEMStep(from before: EMMapVector.Evaluation, to after: EMMapVector.Evaluation) {
        guard before.logLikelihood.isFinite && after.logLikelihood.isFinite else { return }
        let fall =
            before.exact && after.exact ? before.change - after.change : before.logLikelihood - after.logLikelihood
        largestDecrease = max(largestDecrease, fall / max(abs(before.logLikelihood), 1))
    }

    /// Records the EM-map step from the accepted point to its image, scored `after`.
    mutating func noteEMStepFromCurrent(to after: EMMapVector.Evaluation) {
        guard after.logLikelihood.isFinite && logLikelihood.isFinite else { return }
        let fall = after.exact ? -after.change : logLikelihood - after.logLikelihood
        largestDecrease = max(largestDecrease, fall / max(abs(logLikelihood), 1))
    }

    /// Makes θ, scored by `evaluation` (its change from the accepted point)
    /// with image F(θ), the new accepted point.
    mutating func accept(_ v: [Double], image: [Double], evaluation: EMMapVector.Evaluation) {
        // Element by element into the path's own storage: the caller's buffers stay
        // uniquely its own, so reusing them next iteration copies nothing.
        for i in current.indices {
            current[i] = v[i]
            currentImage[i] = image[i]
        }
        recordAccepted(evaluation)
    }

    /// ``accept(_:image:evaluation:)`` by exchanging storage with the caller: θ
    /// and F(θ) become the path's, and `v` and `image` come back holding the
    /// last accepted point's (the caller's scratch to overwrite), so nothing is copied.
    mutating func accept(exchanging v: inout [Double], image: inout [Double], evaluation: EMMapVector.Evaluation) {
        swap(&current, &v)
        swap(&currentImage, &image)
        recordAccepted(evaluation)
    }

    /// The bookkeeping of an acceptance, with θ and F(θ) already in ``current`` and ``currentImage``.
    private mutating func recordAccepted(_ evaluation: EMMapVector.Evaluation) {
        let (step, collapsed) = map.accept(current, collapseThreshold: configuration.collapseThreshold)
        rate = lastStep > 0 ? step / lastStep : .nan
        lastStep = step
        iterations += 1
        previousChange = change
        change = evaluation.change
        if change.isFinite {
            let margin = evaluation.exact ? 0 : LogLikelihoodChange.decisionMargin(logLikelihood: evaluation.logLikelihood, count: map.data.count)
            if change < -margin { nonMonotone += 1 }
        }
        logLikelihood = evaluation.logLikelihood
        currentEvaluation = evaluation
        trace?.append(iteration: iterations, logLikelihood: logLikelihood, mixture: map.mixture(of: current))
        if collapseIteration == nil && collapsed {
            collapseIteration = iterations
        }
    }

    /// Why the fit stops at the accepted point, if it does: the rule met,
    /// the cap, a non-finite ℓ, or (after scoring it) F(θ) degenerate or not finite.
    mutating func stop() -> StopReason? {
        if !logLikelihood.isFinite { return .nonFinite }
        if iterations > 0 && map.residualMeetsParameterRule(current, image: currentImage) { return .converged }
        // The configuration is read in place: a local copy would copy its enumerations' payloads.
        if map.configuration.logLikelihoodRuleIsMet(
            iterations: iterations, logLikelihood: logLikelihood, change: change, previousChange: previousChange)
        {
            return .converged
        }
        if case .fixedIterations(let count) = map.configuration.stoppingRule {
            if iterations >= count { return .fixedIterationsDone }
        } else if map.eSteps - 1 >= map.configuration.maxIterations {
            return .iterationCap
        }
        if !currentEvaluation.imageFinite || currentEvaluation.imageDegenerate {
            // EM stops at F(θ): score it and make it the last point.
            let image = currentImage, imageFinite = currentEvaluation.imageFinite
            var next = image
            let evaluation = evaluate(image, image: &next)
            noteEMStepFromCurrent(to: evaluation)
            accept(image, image: next, evaluation: evaluation)
            return imageFinite ? .degenerate : .nonFinite
        }
        return nil
    }

    /// Ends the fit where EM itself failed at F(F(θ)) (``QuasiNewtonEM``,
    /// ``ParabolicEM``): the second image is scored, accepted as the fit's last
    /// point, as it would be for EM, and the stop says how F failed.
    ///
    /// - Parameters:
    ///   - second: F(F(θ)).
    ///   - firstEvaluation: the pass at F(θ), whose image is `second`.
    mutating func finishAtFailedEMStep(_ second: [Double], firstEvaluation: EMMapVector.Evaluation) -> FitResult {
        var image = second
        let evaluation = evaluate(second, image: &image)
        noteEMStep(from: firstEvaluation, to: evaluation)
        accept(second, image: image, evaluation: evaluation)
        return finish(firstEvaluation.imageFinite ? .degenerate : .nonFinite)
    }

    /// The fit's result at the accepted point.
    func finish(_ reason: StopReason) -> FitResult {
        let mixture = map.mixture(of: current)
        var reported = logLikelihood, lastChange = change
        if reason == .degenerate && reported.isNaN && mixture.standardDeviations.contains(0) {
            reported = .infinity
            lastChange = .infinity
        }
        let aitken = AitkenEstimate(previousChange: previousChange, lastChange: lastChange)
        var result = FitResult(
            mixture: mixture, logLikelihood: reported, iterations: iterations, stopReason: reason,
            largestRelativeDecrease: largestDecrease, trace: trace, collapseIteration: collapseIteration,
            convergenceRate: rate, eSteps: map.eSteps, logLikelihoodGap: aitken.remainingIncrease,
            logLikelihoodChangeRatio: aitken.reportedRatio, startLogLikelihood: startLogLikelihood,
            lastLogLikelihoodChange: aitken.lastChange)
        result.nonMonotoneUpdates = nonMonotone
        return result
    }
}
