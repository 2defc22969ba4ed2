import Foundation

/// Renders a ``RemedyComparison``: one table, one row per remedy and
/// component, for people; one JSON object for programs.
public enum RemedyComparisonReport {
    /// The table `emlab fit --compare-remedies` prints. Per remedy, on its
    /// first row: ℓ, the remedy's own objective, whether it was active at
    /// the solution, whether its maximum differs from the unremedied one and
    /// Δℓ; on every row, one component's weight, mean and sd with their
    /// standard errors, and how far each moved from the unremedied fit.
    ///
    /// - Parameter comparison: what ``RemedyComparison/run(request:data:)`` gave.
    /// - Returns: the table and a key, ending in a line end.
    public static func text(_ comparison: RemedyComparison, dataCount: Int) -> String {
        let short = FitReport.short
        var rows = [
            [
                "remedy", "ℓ", "objective", "active", "differs", "Δℓ", "k", "weight (SE)", "mean (SE)", "sd (SE)", "Δweight",
                "Δmean", "Δsd"
            ]
        ]
        for row in comparison.rows {
            let result = row.outcome.result
            let errors = row.outcome.analysis.standardErrors
            let noEstimate = result.hasNoEstimate
            for (k, j) in row.permutation.enumerated() {
                func withError(_ value: Double, _ error: Double??) -> String {
                    guard !noEstimate else { return "—" }
                    guard let error = error ?? nil else { return short(value) }
                    return "\(short(value)) (\(short(error)))"
                }
                let m = result.mixture
                let first = k == 0
                let objective = row.outcome.request.configuration.remedy == .none ? "" : short(result.objective)
                rows.append([
                    first ? row.name : "",
                    first ? (noEstimate ? (result.logLikelihood == .infinity ? "+∞" : "—") : short(result.logLikelihood)) : "",
                    first ? (noEstimate ? "—" : objective) : "",
                    first ? row.active.map { $0 ? "yes" : "no" } ?? "" : "",
                    first ? (k == 0 && row.name == "none" ? "" : (row.differs ? "yes" : "no")) : "",
                    first && row.logLikelihoodShift.isFinite && row.name != "none" ? short(row.logLikelihoodShift) : "",
                    "\(k + 1)",
                    withError(m.weights[j], errors?.weights[j]),
                    withError(m.means[j], errors?.means[j]),
                    withError(m.standardDeviations[j], errors?.sds[j]),
                    row.shift.map { row.name == "none" ? "" : short($0.weights[k]) } ?? "",
                    row.shift.map { row.name == "none" ? "" : short($0.means[k]) } ?? "",
                    row.shift.map { row.name == "none" ? "" : short($0.standardDeviations[k]) } ?? ""
                ])
            }
        }
        var lines = ["Remedies for collapsed variances: \(dataCount) values, each fit from the same start", ""]
        // Cells padded to their column (a remedy's later rows start with empty cells, which must keep their place).
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max()! }
        lines += rows.map { row in
            row.enumerated().map { c, cell in cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
        lines += [
            "",
            "objective: what the remedy maximises (the log-posterior under the prior, the penalised ℓ under a penalty; MixtureInf's as it reports it).",
            "active: the floor or the ratio bound binds, a restart was taken, or the prior or penalty moves a variance by more than 1% at the solution.",
            "differs: the maximum is not the unremedied one (a weight moved by more than \(formatNumber(RemedyComparison.differenceTolerance)), a mean or sd by more than \(formatNumber(RemedyComparison.differenceTolerance)) of the data's sd, or only one of the two has an estimate).",
            "Δ: this fit minus the unremedied one, components matched by label alignment. SE: from the observed information of ℓ at the estimate."
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The comparison as JSON: `{"remedies": [...]}`, each entry with
    /// `name`, `active`, `differs`, `logLikelihoodShift`, the shifts, and the
    /// fit as ``FitReport/json(_:extra:)`` writes it plus its `remedy`.
    public static func json(_ comparison: RemedyComparison) -> String {
        let entries = comparison.rows.map { row -> String in
            var result = row.outcome.result
            result.mixture = LabelAlignment.relabel(result.mixture, by: row.permutation)
            let fit = FitReport.json(
                result,
                extra: [("remedy", FitReport.remedyJSON(result, configuration: row.outcome.request.configuration))]
            ).trimmingCharacters(in: .whitespacesAndNewlines)
            return JSONText.object([
                ("name", JSONText.string(row.name)), ("active", row.active.map { $0 ? "true" : "false" } ?? "null"),
                ("differs", row.differs ? "true" : "false"), ("logLikelihoodShift", JSONText.number(row.logLikelihoodShift)),
                ("weightShifts", row.shift.map { JSONText.array($0.weights) } ?? "null"),
                ("meanShifts", row.shift.map { JSONText.array($0.means) } ?? "null"),
                ("sdShifts", row.shift.map { JSONText.array($0.standardDeviations) } ?? "null"),
                ("fit", fit)
            ])
        }
        return "{\"remedies\": [" + entries.joined(separator: ", ") + "]}\n"
    }
}
