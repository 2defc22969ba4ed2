import Foundation

/// Renders a ``ModelSelection`` (and its ``BootstrapLRT`` steps) for
/// `emlab select`: a table for people, one JSON object for programs.
public enum SelectionReport {
    /// The variance model as written in options and JSON.
    static func name(_ variance: EMConfiguration.Variance) -> String { variance.description }

    /// The text report: what was fitted, the criteria table (the best model
    /// by each criterion starred), the choices, what was set aside, and the
    /// bootstrap tests.
    public static func text(
        _ selection: ModelSelection, lrt: [BootstrapLRT.Step]?, count n: Int, options: MultiStart.Options,
        configuration: EMConfiguration
    ) -> String {
        var lines: [String] = []
        let ks = Array(Set(selection.models.map(\.components))).sorted()
        let variances = uniqueVariances(selection)
        let startWords =
            options.starts == 1
            ? "one start (\(options.initialization))"
            : "best of \(options.starts) starts (start 1: \(options.initialization), then \(options.laterInitialization); seed \(options.seed)"
                + (MultiStart.screeningConfiguration(configuration, options: options) != nil
                    ? "; each screened at \(MultiStart.screeningRule), the contenders finished)" : ")")
        lines.append(
            "Model selection: \(n) values, K = \(ks.map(String.init).joined(separator: ", ")), "
                + "\(variances.map(name).joined(separator: " and ")) variance, \(startWords), stop when \(configuration.stoppingRule)")
        lines.append("Lower is better (as scikit-learn's bic()/aic()): AIC = −2ℓ + 2p (Akaike 1974), BIC = −2ℓ + p·log n (Schwarz 1978),")
        lines.append("ICL = BIC + 2·Σ −log τ(MAP) (Biernacki, Celeux & Govaert 2000; mclust's icl()). mclust BIC = 2ℓ − p·log n = −BIC, larger is better.")
        lines.append("")
        let screened = selection.models.contains { $0.search.startsFinished != nil }
        var rows = [
            [
                "K", "variance", "log-likelihood", "p", "AIC", "BIC", "ICL", "mclust BIC",
                screened ? "starts: best/finished/kept/collapsed" : "starts: best/kept/collapsed"
            ]
        ]
        let starred = Dictionary(grouping: selection.selected, by: \.model)
        for (index, model) in selection.models.enumerated() {
            let search = model.search
            let kept = search.starts - search.startsDegenerate
            let startsCell =
                screened
                ? "\(search.startsReachingBest)/\(search.startsFinished ?? search.starts)/\(kept)/\(search.startsDegenerate)"
                : "\(search.startsReachingBest)/\(kept)/\(search.startsDegenerate)"
            guard let c = model.criteria else {
                rows.append(["\(model.components)", name(model.variance), "—", "—", "—", "—", "—", "—", startsCell])
                continue
            }
            func cell(_ criterion: InformationCriteria.Criterion) -> String {
                number(c[criterion]) + (starred[index]?.contains { $0.criterion == criterion } == true ? " *" : "")
            }
            rows.append([
                "\(model.components)", name(model.variance), number(c.logLikelihood), "\(c.parameters)",
                cell(.aic), cell(.bic), cell(.icl), number(c.mclustBIC), startsCell
            ])
        }
        lines += FitReport.table(rows)
        lines.append("")
        if selection.selected.isEmpty {
            lines.append("No model could be scored: every start of every model collapsed.")
        }
        for choice in selection.selected {
            let model = selection.models[choice.model]
            lines.append(
                "Best by \(choice.criterion.rawValue): K = \(model.components), \(name(model.variance)) variance "
                    + "(\(choice.criterion.rawValue) \(number(choice.value)))")
        }
        let unscored = selection.unscored
        let setAside = selection.models.map(\.search.startsDegenerate).reduce(0, +)
        let total = selection.models.map(\.search.starts).reduce(0, +)
        if setAside > 0 {
            lines.append(
                "Set aside: \(setAside) of \(total) starts collapsed, degenerated or went non-finite (a likelihood "
                    + "without a maximum has no criteria); they are excluded, not redrawn.")
        }
        for model in unscored {
            lines.append("K = \(model.components), \(name(model.variance)) variance: every start collapsed — no maximum, no criteria.")
        }
        let capped = selection.models.filter { $0.search.best?.stopReason == .iterationCap }
        for model in capped {
            lines.append(
                "K = \(model.components), \(name(model.variance)) variance: the best fit stopped at the iteration cap, "
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
        var lines = [
            "Bootstrap likelihood-ratio test of K against K + 1 (McLachlan 1987), B = \(first.replicates) samples per step",
            "drawn from the K-component fit. Refits start from the fitted mixtures (as mclust's mclustBootstrapLRT), the",
            "K + 1 refit also from the K refit with its heaviest component split (the higher maximum counts);",
            "p = (1 + #{T* ≥ T}) / (1 + used). A sample whose refits collapsed or went non-finite is counted as failed and",
            "left out, never redrawn. A K + 1 refit that ended below the K refit (beyond the same-maximum tolerance) gives",
            "a negative T*, kept and counted.", ""
        ]
        var rows = [["K vs K+1", "variance", "T = 2(ℓ1 − ℓ0)", "p-value", "used", "failed", "negative T*", "capped", "split won"]]
        for step in steps {
            rows.append([
                "\(step.components) vs \(step.components + 1)", name(step.variance), step.statistic.map(number) ?? "—",
                step.pValue.map(FitReport.short) ?? "—", "\(step.usedRefits)", "\(step.failedRefits)", "\(step.negativeStatistics)",
                "\(step.cappedRefits)", "\(step.splitStartWins)"
            ])
        }
        lines += FitReport.table(rows)
        if steps.contains(where: { $0.cappedRefits > 0 }) {
            lines.append("capped: samples kept although a refit stopped at the iteration cap (its T* may be a little low; raise --max-iterations).")
        }
        for step in steps { if let reason = step.reason { lines.append("\(step.components) vs \(step.components + 1), \(name(step.variance)): \(reason)") } }
        for conclusion in sequentialConclusions(steps) {
            lines.append(conclusion.words)
        }
        return lines
    }

    /// The level of the sequential test: a step is rejected when p < 5 %.
    public static let lrtLevel = 0.05

    /// The smallest p-value a step's samples can give, 1/(1 + used): below
    /// it no data can push p. A step can reject at ``lrtLevel`` only when this
    /// is below the level, i.e. with at least 20 usable samples.
    public static func smallestPValue(_ step: BootstrapLRT.Step) -> Double { 1 / Double(1 + step.usedRefits) }

    /// Whether a step could reject at ``lrtLevel`` whatever the data.
    public static func canReject(_ step: BootstrapLRT.Step) -> Bool { step.pValue != nil && smallestPValue(step) < lrtLevel }

    /// What sequential testing says for one variance model.
    public struct Conclusion: Sendable {
        public var variance: EMConfiguration.Variance
        /// K when the test chose one (the first step not rejected), or the
        /// lower bound with ``atLeast``; nil when there is no conclusion.
        public var components: Int?
        /// Every step rejected: K is at least ``components``.
        public var atLeast: Bool
        /// The sentence for the text report.
        public var words: String
    }

    /// Sequential testing per variance model: the first step not rejected
    /// gives K — unless that step could not have rejected at all (too few
    /// usable samples, or no test), in which case there is no conclusion.
    public static func sequentialConclusions(_ steps: [BootstrapLRT.Step]) -> [Conclusion] {
        let percent = formatNumber(lrtLevel * 100)
        var conclusions: [Conclusion] = []
        for variance in uniqueVariances(steps) {
            let label = name(variance)
            let ordered = steps.filter { $0.variance == variance }.sorted { $0.components < $1.components }
            let head = "Sequential testing at \(percent) %, \(label) variance: "
            if let stop = ordered.first(where: { ($0.pValue ?? 1) >= lrtLevel }) {
                let pair = "\(stop.components) vs \(stop.components + 1)"
                if stop.pValue == nil {
                    conclusions.append(
                        Conclusion(
                            variance: variance, components: nil, atLeast: false,
                            words: head + "no conclusion — the step \(pair) was not tested, so K is not decided."))
                } else if !canReject(stop) {
                    let used = stop.usedRefits
                    conclusions.append(
                        Conclusion(
                            variance: variance, components: nil, atLeast: false,
                            words: head
                                + "no conclusion — at \(pair) only \(used) sample\(used == 1 ? "" : "s") could be used, so the smallest p-value "
                                + "it can give is 1/(\(used) + 1) = \(FitReport.short(smallestPValue(stop))), not below \(percent) %: the test could "
                                + "not reject whatever the data, and its p-value decides nothing. Give --bootstrap-lrt 99 or more "
                                + "(at least \(Int((1 / lrtLevel).rounded())) usable samples per step)."))
                } else {
                    conclusions.append(
                        Conclusion(
                            variance: variance, components: stop.components, atLeast: false,
                            words: head + "the first step not rejected is \(pair), so K = \(stop.components)."))
                }
            } else if let last = ordered.last {
                conclusions.append(
                    Conclusion(
                        variance: variance, components: last.components + 1, atLeast: true,
                        words: head + "every step rejected, so K ≥ \(last.components + 1)."))
            }
        }
        return conclusions
    }

    static func uniqueVariances(_ steps: [BootstrapLRT.Step]) -> [EMConfiguration.Variance] {
        var seen: [EMConfiguration.Variance] = []
        for step in steps where !seen.contains(step.variance) { seen.append(step.variance) }
        return seen.sorted { name($0) < name($1) }
    }

    /// One JSON object: `models` (one entry per (K, variance model):
    /// `components`, `variance`, `logLikelihood`, `parameters`, `aic`, `bic`,
    /// `icl`, lower is better, then `mclustBIC`, `starts`,
    /// `startsReachingBest`, `startsFinished` (with screening; null without),
    /// `startsDegenerate`; criteria `null` for a model
    /// whose every start collapsed), `selected` (per criterion, the best
    /// model's `components`, `variance` and `value`), and with the bootstrap
    /// test `lrt` (per step: `components`, `variance`, `statistic`, `pValue`,
    /// `failedRefits`, `usedRefits`, `cappedRefits`, `negativeStatistics`,
    /// `splitStartWins`, `smallestPValue` = 1/(1 + used), `canReject` at
    /// `lrtLevel`) and `lrtConclusions` (per variance model: `variance`,
    /// `components` — K, or null when the test decided nothing — and
    /// `atLeast`, true when every step rejected).
    public static func json(_ selection: ModelSelection, lrt: [BootstrapLRT.Step]?) -> String {
        let models = selection.models.map { model -> String in
            let c = model.criteria
            return JSONText.object([
                ("components", String(model.components)), ("variance", JSONText.string(name(model.variance))),
                ("logLikelihood", JSONText.number(c?.logLikelihood)), ("parameters", c.map { String($0.parameters) } ?? "null"),
                ("aic", JSONText.number(c?.aic)), ("bic", JSONText.number(c?.bic)), ("icl", JSONText.number(c?.icl)),
                ("mclustBIC", JSONText.number(c?.mclustBIC)), ("starts", String(model.search.starts)),
                ("startsReachingBest", String(model.search.startsReachingBest)),
                ("startsFinished", model.search.startsFinished.map(String.init) ?? "null"),
                ("startsDegenerate", String(model.search.startsDegenerate))
            ])
        }
        let selected = selection.selected.map { choice -> (String, String) in
            let model = selection.models[choice.model]
            return (
                choice.criterion.key,
                JSONText.object([
                    ("components", String(model.components)),
                    ("variance", JSONText.string(name(model.variance))),
                    ("value", JSONText.number(choice.value))
                ])
            )
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
                    ("smallestPValue", JSONText.number(smallestPValue(step))), ("canReject", canReject(step) ? "true" : "false")
                ])
            }
            pairs.append(("lrtLevel", JSONText.number(lrtLevel)))
            pairs.append(("lrt", "[" + steps.joined(separator: ", ") + "]"))
            let conclusions = sequentialConclusions(lrt).map { c in
                JSONText.object([
                    ("variance", JSONText.string(name(c.variance))), ("components", c.components.map(String.init) ?? "null"),
                    ("atLeast", c.atLeast ? "true" : "false")
                ])
            }
            pairs.append(("lrtConclusions", "[" + conclusions.joined(separator: ", ") + "]"))
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
