import Foundation

/// Renders what `emlab fit` adds for inference: the outcome of several
/// starts (``MultiStart``) and the Wald intervals (``WaldIntervals``), in
/// words and as JSON pairs.
public enum InferenceReport {
    /// The paragraph on the starts: how many were kept, set aside, reached
    /// the best maximum, and every maximum found.
    public static func startsText(_ search: MultiStart, options: MultiStart.Options) -> String {
        let m = search.starts
        var lines = [
            "Starts: \(m) (start 1: \(options.initialization), then \(options.laterInitialization) "
                + "from seeds derived from \(options.seed))"
        ]
        let kept = m - search.startsDegenerate
        if let bestIndex = search.bestIndex, let best = search.best {
            lines.append(
                "- kept the best of the \(kept) start\(kept == 1 ? "" : "s") that did not collapse: start \(search.outcomes[bestIndex].number), "
                    + "log-likelihood \(formatNumber(best.logLikelihood))")
            lines.append(
                "- \(search.startsReachingBest) of the \(kept) kept start\(kept == 1 ? "" : "s") reached this maximum "
                    + "(within 1e-6·max(1, |ℓ|) = \(FitReport.short(FailureModes.sameMaximumTolerance(best.logLikelihood))))")
        } else {
            lines.append("- every start collapsed, degenerated or went non-finite: there is no maximum to keep; shown is start 1 as it ended")
        }
        if let finished = search.startsFinished {
            lines.append(
                "- every start screened at \(MultiStart.screeningRule); \(finished) of them (those whose Aitken bound reached the best) "
                    + "finished to the stopping rule by SQUAREM, the others kept their screened fits")
        }
        if search.startsDegenerate > 0 {
            lines.append("- \(search.startsDegenerate) of the \(m) starts collapsed, degenerated or went non-finite and were set aside (not redrawn)")
        }
        if search.startsCapped > 0 {
            lines.append("- \(search.startsCapped) kept start\(search.startsCapped == 1 ? "" : "s") stopped at the iteration cap")
        }
        let maxima = search.maxima
        if maxima.count > 1 {
            let listed = maxima.prefix(8).map { "\(FitReport.short($0.logLikelihood)) (\($0.starts) start\($0.starts == 1 ? "" : "s"))" }
            lines.append(
                "- \(maxima.count) distinct maxima: " + listed.joined(separator: ", ") + (maxima.count > 8 ? ", …" : "")
                    + "; spread \(FitReport.short(maxima.first!.logLikelihood - maxima.last!.logLikelihood)) in log-likelihood")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `starts`, `startsReachingBest`, `startsDegenerate`, then `startsCapped`,
    /// `startsFinished` (with screening; null without), `bestStart` (1-based; null when every start was set aside) and
    /// `maxima` ([{logLikelihood, starts}], highest first).
    public static func startsJSONPairs(_ search: MultiStart) -> [(String, String)] {
        [
            ("starts", String(search.starts)), ("startsReachingBest", String(search.startsReachingBest)),
            ("startsDegenerate", String(search.startsDegenerate)), ("startsCapped", String(search.startsCapped)),
            ("startsFinished", search.startsFinished.map(String.init) ?? "null"),
            ("bestStart", search.bestIndex.map { String(search.outcomes[$0].number) } ?? "null"),
            (
                "maxima",
                "["
                    + search.maxima.map {
                        JSONText.object([("logLikelihood", JSONText.number($0.logLikelihood)), ("starts", String($0.starts))])
                    }.joined(separator: ", ") + "]"
            )
        ]
    }

    /// The interval table, one row per component.
    public static func intervalsText(_ intervals: WaldIntervals) -> String {
        let percent = formatNumber(intervals.level * 100)
        var lines = ["\(percent) % Wald intervals (estimate ± z·SE, z = \(FitReport.short(intervals.criticalValue)); not clipped to the parameter space):"]
        func cell(_ interval: WaldIntervals.Interval?) -> String {
            interval.map { "[\(FitReport.short($0.low)), \(FitReport.short($0.high))]" } ?? "—"
        }
        var rows = [["component", "weight", "mean", "sd"]]
        for k in 0..<intervals.means.count {
            rows.append(["\(k + 1)", cell(intervals.weights[k]), cell(intervals.means[k]), cell(intervals.sds[k])])
        }
        lines += FitReport.table(rows).map { "  " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Intervals as a JSON array: `[low, high]` each, `null` where there is none.
    static func intervalArray(_ xs: [WaldIntervals.Interval?]) -> String {
        "[" + xs.map { $0.map { JSONText.array([$0.low, $0.high]) } ?? "null" }.joined(separator: ", ") + "]"
    }

    /// `{"level": …, "weights": [[low, high] or null, …], "means": …, "sds": …}`.
    public static func intervalsJSON(_ intervals: WaldIntervals) -> String {
        return JSONText.object([
            ("level", JSONText.number(intervals.level)), ("weights", intervalArray(intervals.weights)),
            ("means", intervalArray(intervals.means)), ("sds", intervalArray(intervals.sds))
        ])
    }

    /// The bootstrap paragraph: how the refits ended, then one row per
    /// parameter with its percentile and basic intervals and bootstrap SE —
    /// over every refit, and (when some failed) over the clean ones beside.
    public static func bootstrapText(_ b: BootstrapIntervals, estimate: GaussianMixture) -> String {
        let percent = formatNumber(b.level * 100)
        var lines = [
            "Bootstrap (\(b.kind.rawValue), B = \(b.replicates); every refit starts from this estimate, its labels aligned to it):",
            "- \(b.replicates - b.capped - b.degenerate) clean, \(b.capped) stopped at the iteration cap, \(b.degenerate) collapsed, "
                + "degenerated or went non-finite — all kept, none redrawn\(b.nonFinite > 0 ? " (\(b.nonFinite) with non-finite parameters, in no interval)" : "")"
        ]
        let both = b.clean.refits != b.all.refits
        lines.append(
            both
                ? "- \(percent) % intervals over all \(b.all.refits) refits with finite parameters, and over the \(b.clean.refits) clean ones:"
                : "- \(percent) % intervals over all \(b.all.refits) refits (every one clean):")
        func cell(_ interval: WaldIntervals.Interval?) -> String {
            interval.map { "[\(FitReport.short($0.low)), \(FitReport.short($0.high))]" } ?? "—"
        }
        func se(_ x: Double?) -> String { x.map(FitReport.short) ?? "—" }
        var header = ["parameter", "estimate", "SE", "percentile", "basic"]
        if both { header += ["SE clean", "percentile clean", "basic clean"] }
        var rows = [header]
        let k = estimate.componentCount
        let parameters: [(String, (BootstrapIntervals.Parameters) -> [WaldIntervals.Interval?], (StandardErrors) -> [Double?], [Double])] = [
            ("weight", \.weights, \.weights, estimate.weights), ("mean", \.means, \.means, estimate.means),
            ("sd", \.sds, \.sds, estimate.standardDeviations)
        ]
        for (name, intervals, errors, values) in parameters {
            for j in 0..<k {
                var row = [
                    "\(name) \(j + 1)", FitReport.short(values[j]), se(errors(b.all.standardErrors)[j]),
                    cell(intervals(b.all.percentile)[j]), cell(intervals(b.all.basic)[j])
                ]
                if both {
                    row += [se(errors(b.clean.standardErrors)[j]), cell(intervals(b.clean.percentile)[j]), cell(intervals(b.clean.basic)[j])]
                }
                rows.append(row)
            }
        }
        lines += FitReport.table(rows).map { "  " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"type", "replicates", "level", "cleanRefits", "cappedRefits",
    /// "degenerateRefits", "nonFiniteRefits", "all": {...}, "clean": {...}}`, each summary
    /// `{"refits", "percentile", "basic", "standardErrors"}` with
    /// `weights`, `means`, `sds` ([low, high] or null; SEs number or null).
    public static func bootstrapJSON(_ b: BootstrapIntervals) -> String {
        func parameters(_ p: BootstrapIntervals.Parameters) -> String {
            JSONText.object([("weights", intervalArray(p.weights)), ("means", intervalArray(p.means)), ("sds", intervalArray(p.sds))])
        }
        func summary(_ s: BootstrapIntervals.Summary) -> String {
            JSONText.object([
                ("refits", String(s.refits)), ("percentile", parameters(s.percentile)), ("basic", parameters(s.basic)),
                ("standardErrors", TheoryReport.standardErrorsJSON(s.standardErrors))
            ])
        }
        return JSONText.object([
            ("type", JSONText.string(b.kind.rawValue)), ("replicates", String(b.replicates)), ("level", JSONText.number(b.level)),
            ("cleanRefits", String(b.replicates - b.capped - b.degenerate)), ("cappedRefits", String(b.capped)),
            ("degenerateRefits", String(b.degenerate)), ("nonFiniteRefits", String(b.nonFinite)),
            ("all", summary(b.all)), ("clean", summary(b.clean))
        ])
    }
}
