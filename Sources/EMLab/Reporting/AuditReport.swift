/// The text and JSON of a trace audit (`emlab audit`): renders a
/// ``TraceAuditOutcome``, computes nothing.
public enum AuditReport {
    /// The model in words: "free weights, per-component variances".
    static func model(_ c: EMConfiguration) -> String {
        let variance: String
        switch c.variance {
        case .perComponent: variance = "per-component variances"
        case .shared: variance = "one shared variance"
        case .known(let sd): variance = "known σ = \(formatNumber(sd))"
        }
        return "\(c.weights == .free ? "free" : "fixed") weights, \(variance)"
    }

    /// The verdict on the run as a whole, one line.
    static func verdictLine(_ o: TraceAuditOutcome) -> String {
        switch o.verdict {
        case .em:
            let worst = o.steps.map(\.ratio).max() ?? 0
            return
                "EM: yes — \(o.steps.count == 1 ? "the step is" : "each of the \(o.steps.count) steps is") EM's step from the row before (the largest residual is \(FitReport.short(worst)) of its tolerance)."
        case .defect:
            return "EM: no — the steps are EM's with a known defect (\(o.defectName!)), not EM's."
        case .generalizedEM:
            return "EM: no — a generalised-EM step: a step raises ℓ but is not EM's step, and no catalogued defect explains it."
        case .notEM:
            return "EM: no — not EM: a step is not EM's, and no catalogued defect explains it."
        }
    }

    /// The audit as text, in the issue's order: whether the run is EM, the
    /// first deviation, the defect and its fix, ℓ's monotonicity, the ℓ column.
    public static func text(_ o: TraceAuditOutcome) -> String {
        var lines: [String] = []
        let first = o.steps.first.map { $0.iteration - 1 } ?? 0
        lines.append(
            "Audit of \(o.file): \(o.rowCount) rows (iterations \(first)–\(first + o.rowCount - 1)), K = \(o.componentCount), on \(o.dataCount) values; model: \(model(o.configuration))."
        )
        lines.append(
            "Tolerance: \(formatNumber(o.tolerance.relative)) for weights and \(formatNumber(o.tolerance.relative)) × max|x| = \(FitReport.short(o.tolerance.relative * o.dataScale)) for means and sds, plus the trace's own rounding."
        )
        lines.append("")
        lines.append(verdictLine(o))
        if let d = o.firstDeviation {
            lines.append(
                "First deviation: iteration \(d.iteration) (\(o.file):\(d.line)) is not EM's step from the row before; \(d.parameter): EM gives \(formatNumber(d.expected)), the trace has \(formatNumber(d.actual)). Deviating: \(d.blocks.joined(separator: ", "))."
            )
        } else {
            lines.append("First deviation: none.")
        }
        switch o.verdict {
        case .em: lines.append("Defect: none.")
        case .defect(let defects):
            for defect in defects {
                lines.append("Defect: \(defect.rawValue). \(defect.explanation)")
                lines.append("  Fix: \(defect.fix)")
            }
        case .generalizedEM:
            lines.append(
                "Defect: none of the catalogue reproduces the trace. Every step that is not EM's still raises ℓ, so this may be a deliberate generalised-EM or ECM step; if it is meant to be EM, compare that row's M-step with EM's formulas."
            )
        case .notEM:
            lines.append(
                "Defect: none of the catalogue reproduces the trace. Check the step that makes iteration \(o.firstDeviation!.iteration) against EM's formulas, starting with the \(o.firstDeviation!.blocks.first ?? "parameters")."
            )
        }
        let falls = o.steps.filter(\.falls)
        let ls = o.logLikelihoods
        if let firstFall = falls.first {
            lines.append(
                "Log-likelihood (EMLab's): falls at \(falls.count) of \(o.steps.count) steps, first at iteration \(firstFall.iteration) by \(FitReport.short(-firstFall.logLikelihoodChange)); EM never lowers it."
            )
        } else {
            lines.append(
                "Log-likelihood (EMLab's): never falls over the \(o.steps.count) step\(o.steps.count == 1 ? "" : "s") (\(FitReport.short(ls.first ?? .nan)) → \(FitReport.short(ls[min(o.steps.count, ls.count - 1)])))."
            )
        }
        if let column = o.logLikelihoodColumn {
            lines.append("Log-likelihood column: \(column.matches ? "matches" : "does not match") — \(column.explanation).")
        } else {
            lines.append("Log-likelihood column: none in the trace.")
        }
        if let note = o.uncheckedNote { lines.append("Note: \(note).") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The audit as one JSON object: `isEM`, `verdict`, `firstDeviation`,
    /// `defect`, `defects`, `defectExplanation`, `defectFix`,
    /// `logLikelihoodMonotone`, `logLikelihoodColumn`, `steps` (per step:
    /// `iteration`, `ratio` — the largest residual over its tolerance —,
    /// `residuals` and `tolerances` as {weights, means, sds}, and the exact
    /// `logLikelihoodChange`), and the model and tolerance used.
    public static func json(_ o: TraceAuditOutcome) -> String {
        let k = o.componentCount
        let verdict: String
        switch o.verdict {
        case .em: verdict = "EM"
        case .defect: verdict = "defect"
        case .generalizedEM: verdict = "generalised EM"
        case .notEM: verdict = "not EM"
        }
        let deviation =
            o.firstDeviation.map { d in
                JSONText.object([
                    ("iteration", String(d.iteration)), ("line", String(d.line)), ("parameter", JSONText.string(d.parameter)),
                    ("expected", JSONText.number(d.expected)), ("actual", JSONText.number(d.actual)),
                    ("blocks", "[" + d.blocks.map(JSONText.string).joined(separator: ", ") + "]")
                ])
            } ?? "null"
        let column =
            o.logLikelihoodColumn.map { c in
                JSONText.object([
                    ("matches", c.matches ? "true" : "false"), ("verdict", c.verdict.map { JSONText.string($0.rawValue) } ?? "null"),
                    ("explanation", JSONText.string(c.explanation))
                ])
            } ?? "null"
        func blocks(_ values: [Double]) -> String {
            JSONText.object([
                ("weights", JSONText.array(Array(values[0..<k]))), ("means", JSONText.array(Array(values[k..<(2 * k)]))),
                ("sds", JSONText.array(Array(values[(2 * k)...])))
            ])
        }
        let steps = o.steps.map { s in
            JSONText.object([
                ("iteration", String(s.iteration)), ("agrees", s.agrees ? "true" : "false"), ("ratio", JSONText.number(s.ratio)),
                ("residuals", blocks(s.residuals)), ("tolerances", blocks(s.tolerance)),
                ("logLikelihoodChange", JSONText.number(s.logLikelihoodChange))
            ])
        }
        let defects = o.defects
        return JSONText.object([
            ("file", JSONText.string(o.file)), ("componentCount", String(k)), ("dataCount", String(o.dataCount)),
            ("model", JSONText.string(model(o.configuration))), ("tolerance", JSONText.number(o.tolerance.relative)),
            ("dataScale", JSONText.number(o.dataScale)),
            ("isEM", o.isEM ? "true" : "false"), ("verdict", JSONText.string(verdict)), ("firstDeviation", deviation),
            ("defect", o.defectName.map(JSONText.string) ?? "null"),
            ("defects", "[" + defects.map { JSONText.string($0.rawValue) }.joined(separator: ", ") + "]"),
            ("defectExplanation", defects.isEmpty ? "null" : JSONText.string(defects.map(\.explanation).joined(separator: " "))),
            ("defectFix", defects.isEmpty ? "null" : JSONText.string(defects.map(\.fix).joined(separator: " "))),
            ("logLikelihoodMonotone", o.logLikelihoodMonotone ? "true" : "false"),
            ("logLikelihoodColumn", column), ("logLikelihoods", JSONText.array(o.logLikelihoods)),
            ("uncheckedNote", o.uncheckedNote.map(JSONText.string) ?? "null"),
            ("steps", "[" + steps.joined(separator: ", ") + "]")
        ]) + "\n"
    }
}
