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

    /// Whether λ is a rate of convergence: J's largest eigenvalue is one only
    /// where I_obs = I_c − I_m is positive definite, i.e. 0 ≤ λ < 1. At 1 or
    /// above (a point that is not a local maximum, or a truth whose
    /// components cannot be told apart) it is an eigenvalue and nothing more.
    public static func isConvergenceRate(_ rate: Double) -> Bool { rate.isFinite && rate < 1 }

    /// λ with enough digits to tell it from 1: `%.6g` in general, and near
    /// 1 two significant digits of 1 − λ (0.9999995, not 1; 1.000011, not
    /// 1.00001).
    public static func rateNumber(_ rate: Double) -> String {
        let distance = abs(1 - rate)
        guard rate.isFinite, distance > 0, distance < 1e-3 else { return FitReport.short(rate) }
        let digits = min(Int((-log10(distance)).rounded(.up)) + 2, 17)
        return String(format: "%.\(digits)g", rate)
    }

    /// Whether λ is 1 up to rounding (a few hundred ulps).
    static func isOneToRounding(_ rate: Double) -> Bool { abs(1 - rate) < 1e-13 }

    /// A rate of convergence in words (0 ≤ λ < 1; see ``isConvergenceRate(_:)``):
    /// what one step does, how many iterations a digit costs, and what
    /// 1/(1 − λ) says — each a fact of its own, one per line. A λ that is
    /// not a rate gets ``notARateWords(_:atTruth:identicalComponents:)``.
    public static func rateWords(_ rate: Double) -> [String] {
        guard rate.isFinite else { return ["the rate could not be computed (the complete-data information is singular)"] }
        guard isConvergenceRate(rate) else { return notARateWords(rate, atTruth: false) }
        if rate <= 1e-12 { return ["λ = \(FitReport.short(rate)): there is no missing information; EM reaches the maximum in one step"] }
        let perDigit = ConvergenceTheory.iterationsPerDigit(rate: rate)
        let inverse = grouped(1 / (1 - rate))
        return [
            "λ = \(rateNumber(rate)): near the maximum each EM step leaves \(rateNumber(rate)) of the distance to it, "
                + "and \(rateNumber(rate * rate)) (λ²) of the log-likelihood still to gain",
            "iterations per decimal digit of the parameters: about \(grouped(perDigit)) (−1/log₁₀ λ)",
            "1/(1 − λ) = \(inverse): in the slowest direction the complete data would hold \(inverse) times the information "
                + "the observed data hold, and the distance left to the maximum is \(inverse) times EM's next step"
        ]
    }

    /// J's largest eigenvalue when it is 1 or more, in words: no rate, no
    /// iterations per digit, and why.
    ///
    /// - Parameters:
    ///   - rate: the eigenvalue, ≥ 1.
    ///   - atTruth: whether it was computed at a true mixture (population
    ///     theory) rather than at a fit's estimate.
    ///   - identicalComponents: at a truth, the pairs of components that are
    ///     the same (1-based), if any.
    public static func notARateWords(_ rate: Double, atTruth: Bool, identicalComponents: [(Int, Int)] = []) -> [String] {
        let value = isOneToRounding(rate) ? "1 (to rounding: \(formatNumber(rate)))" : rateNumber(rate)
        if atTruth {
            let why =
                identicalComponents.isEmpty
                ? "some direction of the parameters leaves the distribution unchanged to first order"
                : "components " + identicalComponents.map { "\($0.0) and \($0.1)" }.joined(separator: "; ")
                    + " are the same, so no data can tell them apart"
            return [
                "J's largest eigenvalue is \(value): the observed information I_obs = I_c − I_m is singular here (\(why)).",
                "This is not a rate of convergence: near this point EM slows down without a linear rate (sublinearly), so",
                "theory gives no iterations per digit and no 1/(1 − λ)."
            ]
        }
        return [
            "J's largest eigenvalue is \(value), not below 1: I_obs = I_c − I_m is not positive definite here, so the estimate "
                + "is not a local maximum (the fit stopped short of one, or sits at a saddle point or on a ridge)",
            "and this eigenvalue is not a rate of convergence: theory gives no iterations per digit and no 1/(1 − λ) here"
        ]
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
            rows.append([
                "\(k + 1)", FitReport.short(mixture.weights[k]), cell(se.weights[k]), FitReport.short(mixture.means[k]),
                cell(se.means[k]), FitReport.short(mixture.standardDeviations[k]), cell(se.sds[k])
            ])
        }
        var lines = FitReport.table(rows).map { "  " + $0 }
        if let reason = se.reason { lines.append("  (— : \(reason))") }
        return lines
    }

    /// The text report.
    public static func text(_ a: PopulationAnalysis) -> String {
        let t = a.truth, k = t.componentCount
        var lines = [
            "Population theory: \(modelWords(weights: a.weights, variance: a.variance, k: k))",
            "truth: weights \(list(t.weights)); means \(list(t.means)); sds \(list(t.standardDeviations))", "",
            "EM's rate at the truth — the largest eigenvalue of J = I_c⁻¹ I_m, the largest fraction of missing information:"
        ]
        if a.rate.isFinite && !isConvergenceRate(a.rate) {
            let same = DocumentComparison.duplicatedComponents(t).map { ($0.0 + 1, $0.1 + 1) }
            lines += notARateWords(a.rate, atTruth: true, identicalComponents: same).map { "  " + $0 }
        } else {
            lines += rateWords(a.rate).map { "  " + $0 }
        }
        if !a.rateEigenvalues.isEmpty { lines.append("  every eigenvalue of J: \(a.rateEigenvalues.map(rateNumber).joined(separator: ", "))") }
        lines.append("")
        let names = a.information.layout.names
        lines.append("Information per observation (coordinates \(names.joined(separator: " "))):")
        lines.append(" complete, I_c:")
        lines += matrixLines(a.information.complete, names: names, corner: "I_c")
        lines.append(" missing, I_m (Louis 1982):")
        lines += matrixLines(a.information.missing, names: names, corner: "I_m")
        lines.append(" observed, I_obs = I_c − I_m:")
        lines += matrixLines(a.information.observed, names: names, corner: "I_obs")
        if let n = a.sampleSize {
            lines.append("")
            lines.append("With n = \(n):")
            if let se = a.standardErrors {
                lines.append(" expected standard errors, from (n·I_obs)⁻¹:")
                lines += standardErrorLines(se, mixture: t)
            }
            if let start = a.start, let gap = a.startGapPerObservation {
                lines.append(" from the start weights \(list(start.weights)); means \(list(start.means)); sds \(list(start.standardDeviations))")
                lines.append(
                    " the log-likelihood to gain is about n × \(FitReport.short(gap)) = \(FitReport.short(Double(n) * gap)) (n times the Kullback–Leibler divergence)"
                )
                if let predicted = a.iterationsPredicted {
                    lines.append(
                        " stopping when \(a.stoppingRule) takes about \(grouped(predicted)) iterations by theory "
                            + "(as if EM ran at rate λ from the start)")
                } else {
                    lines.append(" theory gives no iteration count for the rule \(a.stoppingRule)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON object: `parameters` (coordinate names), `rateTheoretical`,
    /// `rateIsConvergenceRate` (false when λ ≥ 1: then λ is no rate, and
    /// `iterationsPerDigit` and `inverseOneMinusRate` are null),
    /// `rateEigenvalues`, `iterationsPerDigit`, `inverseOneMinusRate`
    /// (1/(1 − λ)), the per-observation
    /// `informationComplete`, `informationMissing`, `informationObserved`
    /// (arrays of rows); with n also `n`, `standardErrors` (`weights`,
    /// `means`, `sds`, null where not estimated), `start`,
    /// `startGapPerObservation`, `stop` and `iterationsPredicted`.
    public static func json(_ a: PopulationAnalysis) -> String {
        var pairs: [(String, String)] = [
            ("parameters", "[" + a.information.layout.names.map(JSONText.string).joined(separator: ", ") + "]"),
            ("rateTheoretical", JSONText.number(a.rate)),
            ("rateIsConvergenceRate", isConvergenceRate(a.rate) ? "true" : "false"),
            ("rateEigenvalues", JSONText.array(a.rateEigenvalues)),
            ("iterationsPerDigit", JSONText.number(ConvergenceTheory.iterationsPerDigit(rate: a.rate))),
            ("inverseOneMinusRate", JSONText.number(isConvergenceRate(a.rate) ? 1 / (1 - a.rate) : .nan)),
            ("informationComplete", JSONText.matrix(a.information.complete)),
            ("informationMissing", JSONText.matrix(a.information.missing)),
            ("informationObserved", JSONText.matrix(a.information.observed))
        ]
        if let n = a.sampleSize {
            pairs.append(("n", String(n)))
            if let se = a.standardErrors { pairs.append(("standardErrors", standardErrorsJSON(se))) }
            if let start = a.start {
                pairs.append(
                    (
                        "start",
                        JSONText.object([
                            ("weights", JSONText.array(start.weights)), ("means", JSONText.array(start.means)),
                            ("sds", JSONText.array(start.standardDeviations))
                        ])
                    ))
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
