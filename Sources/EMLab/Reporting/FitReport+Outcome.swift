import Foundation

/// `emlab fit`'s report of a whole ``FitOutcome``: the fit's table, its
/// criteria, its starts, its convergence, its intervals and what went wrong,
/// for people or as one JSON object.
extension FitReport {
    /// The text `emlab fit` prints: the fit (``text(_:dataCount:configuration:truth:)``),
    /// AIC/BIC/ICL, the starts (with several), the convergence analysis, the
    /// Wald and bootstrap intervals and, for a fit that went wrong, what
    /// went wrong and what to try (``FitDiagnosis``), in blocks separated by
    /// a blank line.
    ///
    /// - Parameter outcome: what ``FitRequest/run(data:)`` gave.
    /// - Returns: the report, ending in a line end.
    /// - Complexity: O(n) for the diagnosis (ties are counted in the data),
    ///   O(B·K) for the bootstrap table.
    public static func text(_ outcome: FitOutcome) -> String {
        let (request, result) = (outcome.request, outcome.result)
        var text = FitReport.text(result, dataCount: outcome.data.count, configuration: request.configuration)
        text += "\n" + FitCriteria.text(outcome.criteria)
        if let search = outcome.search {
            text += "\n" + InferenceReport.startsText(search, options: request.multiStartOptions)
        }
        text += "\n" + ConvergenceReport.text(outcome.analysis, result: result, configuration: request.configuration)
        if let intervals = outcome.intervals {
            text += "\n" + InferenceReport.intervalsText(intervals)
        }
        if let bootstrap = outcome.bootstrap {
            text += "\n" + InferenceReport.bootstrapText(bootstrap, estimate: result.mixture)
        } else if outcome.bootstrapSkipped {
            text += "\nBootstrap: not run — the fit collapsed, degenerated or went non-finite, so there is no estimate to start the refits from.\n"
        }
        let diagnosis = diagnosisLines(outcome)
        if !diagnosis.isEmpty {
            text += "\nWhat went wrong:\n" + diagnosis.map { "- \($0)\n" }.joined()
        }
        return text
    }

    /// What went wrong with the outcome's fit, in plain words (none for a clean fit).
    ///
    /// - Returns: ``FitDiagnosis/lines(for:data:assessment:maxIterations:restarts:request:)``,
    ///   with advice that never repeats what the request already asked for.
    public static func diagnosisLines(_ outcome: FitOutcome) -> [String] {
        let request = outcome.request
        let configuration = request.configuration
        return FitDiagnosis.lines(
            for: outcome.result, data: outcome.data, assessment: outcome.assessment,
            maxIterations: configuration.maxIterations, restarts: outcome.restarts,
            request: FitDiagnosis.Request(
                initialization: request.initialization, variance: configuration.variance,
                varianceFloor: configuration.varianceFloor,
                relativeVarianceFloor: request.relativeVarianceFloor,
                maxRestarts: request.maxRestarts, stoppingRule: configuration.stoppingRule,
                accelerated: configuration.acceleration != .none))
    }

    /// The JSON object `emlab fit --format json` prints: ``json(_:extra:)``
    /// with the criteria, the convergence analysis, the Wald intervals, the
    /// bootstrap (`null` when asked for and not run) and the starts.
    ///
    /// - Parameter outcome: what ``FitRequest/run(data:)`` gave.
    /// - Returns: one object and a line end.
    public static func json(_ outcome: FitOutcome) -> String {
        let (request, result) = (outcome.request, outcome.result)
        var extra =
            FitCriteria.jsonPairs(outcome.criteria)
            + ConvergenceReport.jsonPairs(outcome.analysis, result: result, configuration: request.configuration)
        if let intervals = outcome.intervals { extra.append(("intervals", InferenceReport.intervalsJSON(intervals))) }
        if request.bootstrapReplicates > 0 { extra.append(("bootstrap", outcome.bootstrap.map(InferenceReport.bootstrapJSON) ?? "null")) }
        extra += InferenceReport.startsJSONPairs(outcome.starts)
        if request.configuration.remedy != .none { extra.append(("remedy", remedyJSON(result, configuration: request.configuration))) }
        return json(result, extra: extra)
    }

    /// The one-line error `emlab fit` ends a fit without an estimate with.
    ///
    /// - Parameters:
    ///   - outcome: what ``FitRequest/run(data:)`` gave.
    ///   - afterJSON: whether the report above it was JSON.
    /// - Returns: nil when the fit has an estimate (``FitOutcome/isDegenerate``).
    public static func degenerateMessage(_ outcome: FitOutcome, afterJSON: Bool) -> String? {
        let result = outcome.result
        guard result.hasNoEstimate else { return nil }
        return "the fit \(result.stopReason == .nonFinite ? "went non-finite" : "degenerated") and has no estimate "
            + "(stop: \(result.stopReason.rawValue)); \(afterJSON ? "the JSON above says what it ended with" : "see the report above")"
    }
}
