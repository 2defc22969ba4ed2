import Foundation

/// Renders a ``PopulationAnalysis`` for people and as one JSON object.
public enum TheoryReport {
    static func list(_ xs: [Double]) -> String { xs.map(FitReport.short).joined(separator: ", ") }

    static func modelWords(weights: EMConfiguration.Weights, variance: EMConfiguration.Variance, k: Int) -> String {
        let w = weights == .free ? "free weights" : "fixed weights"
        let v: String
        switch variance {
        case .perComponent: v = "a variance per component"
        case .shared: v = "one shared variance"
        case .known(let sd): v = "known sd \(FitReport.short(sd))"
        }
        return "\(k) component\(k == 1 ? "" : "s") with \(w) and \(v)"
    }

    /// A rate in words: what one step does, and how many steps a digit costs.
    public static func rateWords(_ rate: Double) -> [String] {
        guard rate.isFinite else { return ["the rate could not be computed (the complete-data information is singular)"] }
        if rate <= 1e-12 { return ["λ = \(FitReport.short(rate)): there is no missing information; EM reaches the maximum in one step"] }
        let perDigit = ConvergenceTheory.iterationsPerDigit(rate: rate)
        return ["λ = \(FitReport.short(rate)): near the maximum each EM step leaves \(FitReport.short(rate)) of the distance to it, "
                + "and \(FitReport.short(rate * rate)) (λ²) of the log-likelihood still to gain",
                "so EM needs about \(grouped(perDigit)) iteration\(perDigit.rounded() == 1 ? "" : "s") per decimal digit of the parameters "
                + "(1/(1 − λ) = \(grouped(1 / (1 - rate))))"]
    }

    /// A positive count, rounded, with thousands separated by commas.
    public static func grouped(_ x: Double) -> String {
        guard x.isFinite else { return formatNumber(x) }
        if x < 10 { return String(format: "%.2g", x) }
        let digits = String(Int(x.rounded()))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    static func matrixLines(_ m: Matrix, names: [String], corner: String) -> [String] {
        FitReport.table([[corner] + names] + (0..<m.rows).map { i in [names[i]] + (0..<m.columns).map { FitReport.short(m[i, $0]) } })
            .map { "  " + $0 }
    }

    static func standardErrorLines(_ se: StandardErrors, mixture: GaussianMixture) -> [String] {
        var rows = [["component", "weight", "± SE", "mean", "± SE", "sd", "± SE"]]
        func cell(_ x: Double?) -> String { x.map(FitReport.short) ?? "—" }
        for k in 0..<mixture.componentCount {
            rows.append(["\(k + 1)", FitReport.short(mixture.weights[k]), cell(se.weights[k]), FitReport.short(mixture.means[k]),
                         cell(se.means[k]), FitReport.short(mixture.standardDeviations[k]), cell(se.sds[k])])
        }
        var lines = FitReport.table(rows).map { "  " + $0 }
        if let reason = se.reason { lines.append("  (— : \(reason))") }
        return lines
    }

    /// The text report.
    public static func text(_ a: PopulationAnalysis) -> String {
        let t = a.truth, k = t.componentCount
        var lines = ["Population theory: \(modelWords(weights: a.weights, variance: a.variance, k: k))",
                     "truth: weights \(list(t.weights)); means \(list(t.means)); sds \(list(t.standardDeviations))", "",
                     "EM's rate at the truth — the largest eigenvalue of J = I_c⁻¹ I_m, the largest fraction of missing information:"]
        lines += rateWords(a.rate).map { "  " + $0 }
        if !a.rateEigenvalues.isEmpty { lines.append("  every eigenvalue of J: \(list(a.rateEigenvalues))") }
        lines.append("")
        let names = a.information.layout.names
        lines.append("Information per observation (coordinates \(names.joined(separator: " "))):")
        lines.append(" complete, I_c:"); lines += matrixLines(a.information.complete, names: names, corner: "I_c")
        lines.append(" missing, I_m (Louis 1982):"); lines += matrixLines(a.information.missing, names: names, corner: "I_m")
        lines.append(" observed, I_obs = I_c − I_m:"); lines += matrixLines(a.information.observed, names: names, corner: "I_obs")
        if let n = a.sampleSize {
            lines.append("")
            lines.append("With n = \(n):")
            if let se = a.standardErrors {
                lines.append(" expected standard errors, from (n·I_obs)⁻¹:")
                lines += standardErrorLines(se, mixture: t)
            }
            if let start = a.start, let gap = a.startGapPerObservation {
                lines.append(" from the start weights \(list(start.weights)); means \(list(start.means)); sds \(list(start.standardDeviations))")
                lines.append(" the log-likelihood to gain is about n × \(FitReport.short(gap)) = \(FitReport.short(Double(n) * gap)) (n times the Kullback–Leibler divergence)")
                if let predicted = a.iterationsPredicted {
                    lines.append(" stopping when \(a.stoppingRule) takes about \(grouped(predicted)) iterations by theory "
                                 + "(as if EM ran at rate λ from the start)")
                } else {
                    lines.append(" theory gives no iteration count for the rule \(a.stoppingRule)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON object: `parameters` (coordinate names), `rateTheoretical`,
    /// `rateEigenvalues`, `iterationsPerDigit`, the per-observation
    /// `informationComplete`, `informationMissing`, `informationObserved`
    /// (arrays of rows); with n also `n`, `standardErrors` (`weights`,
    /// `means`, `sds`, null where not estimated), `start`,
    /// `startGapPerObservation`, `stop` and `iterationsPredicted`.
    public static func json(_ a: PopulationAnalysis) -> String {
        var pairs: [(String, String)] = [
            ("parameters", "[" + a.information.layout.names.map(JSONText.string).joined(separator: ", ") + "]"),
            ("rateTheoretical", JSONText.number(a.rate)),
            ("rateEigenvalues", JSONText.array(a.rateEigenvalues)),
            ("iterationsPerDigit", JSONText.number(ConvergenceTheory.iterationsPerDigit(rate: a.rate))),
            ("informationComplete", JSONText.matrix(a.information.complete)),
            ("informationMissing", JSONText.matrix(a.information.missing)),
            ("informationObserved", JSONText.matrix(a.information.observed)),
        ]
        if let n = a.sampleSize {
            pairs.append(("n", String(n)))
            if let se = a.standardErrors { pairs.append(("standardErrors", standardErrorsJSON(se))) }
            if let start = a.start {
                pairs.append(("start", JSONText.object([("weights", JSONText.array(start.weights)), ("means", JSONText.array(start.means)),
                                                        ("sds", JSONText.array(start.standardDeviations))])))
            }
            pairs.append(("startGapPerObservation", JSONText.number(a.startGapPerObservation)))
            pairs.append(("stop", JSONText.string(a.stoppingRule.description)))
            pairs.append(("iterationsPredicted", JSONText.number(a.iterationsPredicted)))
        }
        return JSONText.object(pairs) + "\n"
    }

    /// `{"weights": [...], "means": [...], "sds": [...]}`, null where missing.
    public static func standardErrorsJSON(_ se: StandardErrors) -> String {
        JSONText.object([("weights", JSONText.array(se.weights)), ("means", JSONText.array(se.means)), ("sds", JSONText.array(se.sds))])
    }
}
