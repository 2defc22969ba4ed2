import Foundation

/// Renders a ``ModelSelection`` (and its ``BootstrapLRT`` steps) for
/// `emlab select`: a table for people, one JSON object for programs.
public enum SelectionReport {
    /// The variance model as written in options and JSON.
    static func name(_ variance: EMConfiguration.Variance) -> String { variance.description }

    /// The text report: what was fitted, the criteria table (the best model
    /// by each criterion starred), the choices, what was set aside, and the
    /// bootstrap tests.
    public static func text(_ selection: ModelSelection, lrt: [BootstrapLRT.Step]?, count n: Int, options: MultiStart.Options,
                            configuration: EMConfiguration) -> String {
        var lines: [String] = []
        let ks = Array(Set(selection.models.map(\.components))).sorted()
        let variances = uniqueVariances(selection)
        let startWords = options.starts == 1 ? "one start (\(options.initialization))"
            : "best of \(options.starts) starts (start 1: \(options.initialization), then \(options.laterInitialization); seed \(options.seed))"
        lines.append("Model selection: \(n) values, K = \(ks.map(String.init).joined(separator: ", ")), "
                     + "\(variances.map(name).joined(separator: " and ")) variance, \(startWords), stop when \(configuration.stoppingRule)")
        lines.append("Lower is better (as scikit-learn's bic()/aic()): AIC = −2ℓ + 2p (Akaike 1974), BIC = −2ℓ + p·log n (Schwarz 1978),")
        lines.append("ICL = BIC + 2·Σ −log τ(MAP) (Biernacki, Celeux & Govaert 2000; mclust's icl()). mclust BIC = 2ℓ − p·log n = −BIC, larger is better.")
        lines.append("")
        var rows = [["K", "variance", "log-likelihood", "p", "AIC", "BIC", "ICL", "mclust BIC", "starts: best/kept/collapsed"]]
        let starred = Dictionary(grouping: selection.selected, by: \.model)
        for (index, model) in selection.models.enumerated() {
            let search = model.search
            let kept = search.starts - search.startsDegenerate
            let startsCell = "\(search.startsReachingBest)/\(kept)/\(search.startsDegenerate)"
            guard let c = model.criteria else {
                rows.append(["\(model.components)", name(model.variance), "—", "—", "—", "—", "—", "—", startsCell])
                continue
            }
            func cell(_ criterion: InformationCriteria.Criterion) -> String {
                number(c[criterion]) + (starred[index]?.contains { $0.criterion == criterion } == true ? " *" : "")
            }
            rows.append(["\(model.components)", name(model.variance), number(c.logLikelihood), "\(c.parameters)",
                         cell(.aic), cell(.bic), cell(.icl), number(c.mclustBIC), startsCell])
        }
        lines += FitReport.table(rows)
        lines.append("")
        if selection.selected.isEmpty {
            lines.append("No model could be scored: every start of every model collapsed.")
        }
        for choice in selection.selected {
            let model = selection.models[choice.model]
            lines.append("Best by \(choice.criterion.rawValue): K = \(model.components), \(name(model.variance)) variance "
                         + "(\(choice.criterion.rawValue) \(number(choice.value)))")
        }
        let unscored = selection.unscored
        let setAside = selection.models.map(\.search.startsDegenerate).reduce(0, +)
        let total = selection.models.map(\.search.starts).reduce(0, +)
        if setAside > 0 {
            lines.append("Set aside: \(setAside) of \(total) starts collapsed, degenerated or went non-finite (a likelihood "
                         + "without a maximum has no criteria); they are excluded, not redrawn.")
        }
        for model in unscored {
            lines.append("K = \(model.components), \(name(model.variance)) variance: every start collapsed — no maximum, no criteria.")
        }
        let capped = selection.models.filter { $0.search.best?.stopReason == .iterationCap }
        for model in capped {
            lines.append("K = \(model.components), \(name(model.variance)) variance: the best fit stopped at the iteration cap, "
                         + "so its log-likelihood may still rise (try --max-iterations).")
        }
        if let lrt {
            lines.append("")
            lines += lrtLines(lrt)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The bootstrap test's paragraph.
    static func lrtLines(_ steps: [BootstrapLRT.Step]) -> [String] {
        guard let first = steps.first else { return ["Bootstrap likelihood-ratio test: no K and K + 1 pair to test."] }
        var lines = ["Bootstrap likelihood-ratio test of K against K + 1 (McLachlan 1987), B = \(first.replicates) samples per step",
                     "drawn from the K-component fit. Refits start from the fitted mixtures (as mclust's mclustBootstrapLRT), the",
                     "K + 1 refit also from the K refit with its heaviest component split (the higher maximum counts);",
                     "p = (1 + #{T* ≥ T}) / (1 + used). A sample whose refits collapsed or went non-finite is counted as failed and",
                     "left out, never redrawn. A K + 1 refit that ended below the K refit (beyond the same-maximum tolerance) gives",
                     "a negative T*, kept and counted.", ""]
        var rows = [["K vs K+1", "variance", "T = 2(ℓ1 − ℓ0)", "p-value", "used", "failed", "negative T*", "capped", "split won"]]
        for step in steps {
            rows.append(["\(step.components) vs \(step.components + 1)", name(step.variance), step.statistic.map(number) ?? "—",
                         step.pValue.map(FitReport.short) ?? "—", "\(step.usedRefits)", "\(step.failedRefits)", "\(step.negativeStatistics)",
                         "\(step.cappedRefits)", "\(step.splitStartWins)"])
        }
        lines += FitReport.table(rows)
        if steps.contains(where: { $0.cappedRefits > 0 }) {
            lines.append("capped: samples kept although a refit stopped at the iteration cap (its T* may be a little low; raise --max-iterations).")
        }
        for step in steps { if let reason = step.reason { lines.append("\(step.components) vs \(step.components + 1), \(name(step.variance)): \(reason)") } }
        for variance in Set(steps.map { name($0.variance) }).sorted() {
            let ordered = steps.filter { name($0.variance) == variance }.sorted { $0.components < $1.components }
            if let stop = ordered.first(where: { ($0.pValue ?? 1) >= 0.05 }) {
                lines.append("Sequential testing at 5 %, \(variance) variance: the first step not rejected is \(stop.components) vs "
                             + "\(stop.components + 1), so K = \(stop.components).")
            } else if let last = ordered.last {
                lines.append("Sequential testing at 5 %, \(variance) variance: every step rejected, so K ≥ \(last.components + 1).")
            }
        }
        return lines
    }

    /// One JSON object: `models` (one entry per (K, variance model):
    /// `components`, `variance`, `logLikelihood`, `parameters`, `aic`, `bic`,
    /// `icl`, lower is better, then `mclustBIC`, `starts`,
    /// `startsReachingBest`, `startsDegenerate`; criteria `null` for a model
    /// whose every start collapsed), `selected` (per criterion, the best
    /// model's `components`, `variance` and `value`), and with the bootstrap
    /// test `lrt` (per step: `components`, `variance`, `statistic`, `pValue`,
    /// `failedRefits`, `usedRefits`, `cappedRefits`, `negativeStatistics`,
    /// `splitStartWins`).
    public static func json(_ selection: ModelSelection, lrt: [BootstrapLRT.Step]?) -> String {
        let models = selection.models.map { model -> String in
            let c = model.criteria
            return JSONText.object([
                ("components", String(model.components)), ("variance", JSONText.string(name(model.variance))),
                ("logLikelihood", JSONText.number(c?.logLikelihood)), ("parameters", c.map { String($0.parameters) } ?? "null"),
                ("aic", JSONText.number(c?.aic)), ("bic", JSONText.number(c?.bic)), ("icl", JSONText.number(c?.icl)),
                ("mclustBIC", JSONText.number(c?.mclustBIC)), ("starts", String(model.search.starts)),
                ("startsReachingBest", String(model.search.startsReachingBest)),
                ("startsDegenerate", String(model.search.startsDegenerate)),
            ])
        }
        let selected = selection.selected.map { choice -> (String, String) in
            let model = selection.models[choice.model]
            return (choice.criterion.key, JSONText.object([("components", String(model.components)),
                                                           ("variance", JSONText.string(name(model.variance))),
                                                           ("value", JSONText.number(choice.value))]))
        }
        var pairs: [(String, String)] = [("models", "[" + models.joined(separator: ", ") + "]"), ("selected", JSONText.object(selected))]
        if let lrt {
            let steps = lrt.map { step in
                JSONText.object([
                    ("components", String(step.components)), ("variance", JSONText.string(name(step.variance))),
                    ("statistic", JSONText.number(step.statistic)), ("pValue", JSONText.number(step.pValue)),
                    ("failedRefits", String(step.failedRefits)), ("usedRefits", String(step.usedRefits)),
                    ("cappedRefits", String(step.cappedRefits)), ("negativeStatistics", String(step.negativeStatistics)),
                    ("splitStartWins", String(step.splitStartWins)),
                ])
            }
            pairs.append(("lrt", "[" + steps.joined(separator: ", ") + "]"))
        }
        return JSONText.object(pairs) + "\n"
    }

    /// A number for the table: 10 significant digits, enough to compare with mclust's and scikit-learn's printouts.
    static func number(_ x: Double) -> String { x.isFinite ? String(format: "%.10g", x) : formatNumber(x) }

    static func uniqueVariances(_ selection: ModelSelection) -> [EMConfiguration.Variance] {
        var seen: [EMConfiguration.Variance] = []
        for model in selection.models where !seen.contains(model.variance) { seen.append(model.variance) }
        return seen
    }
}
