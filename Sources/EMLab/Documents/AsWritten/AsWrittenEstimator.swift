/// The documents' own estimators, exactly as written — defects included —
/// so a study can set each beside the corrected engine
/// (``ExpectationMaximization``) on the same data from the same start.
///
/// Each is one update step (`Document000Step` …); a shared driver runs it
/// with the engine's bookkeeping, so the results are comparable: the same
/// stopping rules, stop reasons, traces, and the log-likelihood of the
/// *correct* mixture model at the parameters the step produced. That
/// log-likelihood may fall from one step to the next — these steps are not
/// EM for the model — and ``FitResult/largestRelativeDecrease`` shows it.
///
/// What the driver adds to the documents: it stops at the first non-finite
/// parameter (the documents would carry NaN on to their iteration cap) and
/// at a variance or weight of exactly 0 (document 002's `+ eps` would hide
/// it and go on with the component stuck).
public enum AsWrittenEstimator: String, CaseIterable, Sendable {
    /// Document 000: equal fixed weights, known σ, E-step `exp(−(x−μ)²/σ²)`
    /// (the normal density needs 2σ²), plain `exp` whose underflow gives 0/0.
    case doc000 = "doc000-as-written"
    /// Document 001: shared σ updated from component 1 alone.
    case doc001 = "doc001-as-written"
    /// Document 002: sd passed where the variance is expected, responsibilities
    /// normalised over the data axis (so every weight becomes 1/n), `+ eps`
    /// (1e-8) in every denominator.
    case doc002 = "doc002-as-written"

    /// document 002's `eps`: the document leaves it undefined; 1e-8 is what it is taken to be here.
    public static let document002Epsilon = 1e-8

    /// Fits from `start` with the document's own update.
    ///
    /// - Parameters:
    ///   - configuration: the stopping rule, cap and trace flag are used; for
    ///     `doc000` the known σ comes from `.known(sd)` (the start's sd
    ///     otherwise). Its acceleration must be `.none`: the documents' steps
    ///     are not the EM map SQUAREM extrapolates (experiment files and
    ///     `emlab fit` refuse the combination).
    public func fit(data: [Double], start: GaussianMixture, configuration: EMConfiguration) -> FitResult {
        precondition(configuration.acceleration == .none, "the as-written estimators run unaccelerated")
        var parameters = AsWrittenParameters(weights: start.weights, means: start.means, sds: start.standardDeviations)
        switch self {
        case .doc000:
            var sigma = start.standardDeviations[0]
            if case .known(let sd) = configuration.variance { sigma = sd }
            parameters.sds = Array(repeating: sigma, count: start.componentCount)
            parameters.weights = Array(repeating: 1 / Double(start.componentCount), count: start.componentCount)
            return AsWrittenDriver.run(data: data, start: parameters, configuration: configuration) { Document000Step.apply(&$0, data: data) }
        case .doc001:
            return AsWrittenDriver.run(data: data, start: parameters, configuration: configuration) { Document001Step.apply(&$0, data: data) }
        case .doc002:
            return AsWrittenDriver.run(data: data, start: parameters, configuration: configuration) { Document002Step.apply(&$0, data: data) }
        }
    }
}

/// Weights, means and sds as an as-written step holds them.
struct AsWrittenParameters {
    var weights: [Double]
    var means: [Double]
    var sds: [Double]

    var mixture: GaussianMixture { GaussianMixture(unchecked: weights, means: means, standardDeviations: sds) }
    var allFinite: Bool { (weights + means + sds).allSatisfy(\.isFinite) }
}

/// The engine's bookkeeping around an arbitrary update step.
enum AsWrittenDriver {
    static func run(
        data: [Double], start: AsWrittenParameters, configuration: EMConfiguration,
        step: (inout AsWrittenParameters) -> Void
    ) -> FitResult {
        var current = start
        var trace: FitTrace? = configuration.recordTrace ? FitTrace() : nil
        var iterations = 0
        var previous = Double.nan
        var previousParameters = start
        // Δℓ(t) and Δℓ(t−1), exact where the plain difference is untrusted (LogLikelihoodChange).
        var change = Double.nan, previousChange = Double.nan
        var startLogLikelihood = Double.nan
        var largestDecrease = 0.0
        var pending: StopReason?
        while true {
            let logLikelihood = MixtureLogLikelihood.evaluate(data: data, weights: current.weights, means: current.means, sds: current.sds)
            if iterations == 0 { startLogLikelihood = logLikelihood }
            if iterations > 0 {
                previousChange = change
                change = logLikelihood - previous
                if previous.isFinite && LogLikelihoodChange.plainIsUntrusted(change, logLikelihood: logLikelihood, count: data.count) {
                    // The model's ℓ at any weights (summing to 1 or not), by one E-step pass with the change.
                    let exact = LogLikelihoodChange.exact(
                        data: data, fromWeights: previousParameters.weights,
                        means: previousParameters.means, sds: previousParameters.sds,
                        toWeights: current.weights, means: current.means, sds: current.sds,
                        normalizingWeights: false)
                    if exact.isFinite { change = exact }
                }
            }
            trace?.append(iteration: iterations, logLikelihood: logLikelihood, mixture: current.mixture)
            if previous.isFinite && logLikelihood.isFinite {
                largestDecrease = max(largestDecrease, -change / max(abs(previous), 1))
            }
            func finish(_ reason: StopReason) -> FitResult {
                // Each step is the document's one pass of E and M over the data: iterations + 1 E-steps with the start's scoring.
                let aitken = AitkenEstimate(previousChange: previousChange, lastChange: change)
                return FitResult(
                    mixture: current.mixture, logLikelihood: logLikelihood, iterations: iterations, stopReason: reason,
                    largestRelativeDecrease: largestDecrease, trace: trace, eSteps: iterations + 1,
                    logLikelihoodGap: aitken.remainingIncrease, logLikelihoodChangeRatio: aitken.reportedRatio,
                    startLogLikelihood: startLogLikelihood)
            }
            if let pending { return finish(pending) }
            if logLikelihood.isNaN { return finish(.nonFinite) }
            if let stop = configuration.stopAfterEStep(
                iterations: iterations, logLikelihood: logLikelihood, change: change,
                previousChange: previousChange)
            {
                return finish(stop)
            }
            let old = current
            previousParameters = current
            step(&current)
            iterations += 1
            previous = logLikelihood
            if !current.allFinite {
                pending = .nonFinite
            } else if current.sds.contains(0) || current.weights.contains(0) {
                pending = .degenerate
            } else {
                switch configuration.stoppingRule {
                case .meanChange(let epsilon):
                    if zip(current.means, old.means).map({ abs($0 - $1) }).reduce(0, +) < epsilon { pending = .converged }
                case .parameterChange(let epsilon):
                    let changes = zip(current.weights + current.means + current.sds, old.weights + old.means + old.sds).map { abs($0 - $1) }
                    if changes.max()! < epsilon { pending = .converged }
                default: break
                }
            }
        }
    }
}
