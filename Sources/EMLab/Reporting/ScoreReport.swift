import Foundation

/// `emlab score`'s output: a few lines for people, one JSON object for
/// programs, and the per-value CSV (`--posteriors`).
public enum ScoreReport {
    /// The text report: what was scored, ℓ, ℓ/n, AIC and BIC on these data, and the count per MAP component.
    ///
    /// - Parameters:
    ///   - score: what ``ModelScore/init(data:model:)`` gave.
    ///   - modelName: the model file, as given.
    ///   - dataName: the data file, as given.
    /// - Returns: the lines, ending in a line end.
    /// - Complexity: O(n·K).
    public static func text(_ score: ModelScore, modelName: String, dataName: String) -> String {
        let k = score.posteriors.componentCount
        var counts = [Int](repeating: 0, count: k)
        for i in 0..<score.data.count { counts[score.posteriors.mapComponent(i)] += 1 }
        let number = SelectionReport.number
        return """
            Scored \(score.data.count) value\(score.data.count == 1 ? "" : "s") from \(dataName) under \(modelName) (K = \(k))
            log-likelihood: \(formatNumber(score.logLikelihood)) (per value \(number(score.meanLogLikelihood)))
            AIC \(number(score.aic)), BIC \(number(score.bic)) on these data (p = \(score.parameters))
            values by MAP component: \(counts.enumerated().map { "\($0.offset + 1): \($0.element)" }.joined(separator: ", "))

            """
    }

    /// One JSON object: `count`, `logLikelihood`, `meanLogLikelihood`,
    /// `aic`, `bic`, `parameters`, then per value `logDensity`,
    /// `responsibilities` (one array of K per value), `map` (1-based) and
    /// `uncertainty`, in data order. Numbers in the shortest round-trip form.
    ///
    /// - Complexity: O(n·K).
    public static func json(_ score: ModelScore) -> String {
        let posteriors = score.posteriors
        let k = posteriors.componentCount
        let rows = (0..<score.data.count).map { i in JSONText.array((0..<k).map { posteriors[i, $0] }) }
        return JSONText.object([
            ("count", String(score.data.count)), ("logLikelihood", JSONText.number(score.logLikelihood)),
            ("meanLogLikelihood", JSONText.number(score.meanLogLikelihood)), ("aic", JSONText.number(score.aic)),
            ("bic", JSONText.number(score.bic)), ("parameters", String(score.parameters)),
            ("logDensity", JSONText.array(score.logDensities)), ("responsibilities", "[" + rows.joined(separator: ", ") + "]"),
            ("map", "[" + (0..<score.data.count).map { String(posteriors.mapComponent($0) + 1) }.joined(separator: ", ") + "]"),
            ("uncertainty", JSONText.array((0..<score.data.count).map { posteriors.uncertainty($0) }))
        ]) + "\n"
    }

    /// The per-value CSV: `value,logDensity,tau1..tauK,map,uncertainty`
    /// (``Posteriors/csv(data:logDensities:)`` with the log-density second), one row per
    /// value in data order.
    ///
    /// - Complexity: O(n·K).
    public static func csv(_ score: ModelScore) -> String {
        score.posteriors.csv(data: score.data, logDensities: score.logDensities)
    }
}
