import Foundation

/// Renders a ``Landscape`` for people and as one JSON object: each limit's
/// kind, ℓ, parameters, share of the starts and median iterations; the
/// saddles with the eigenvalues of the observed information; the share of
/// slow starts; and the grid.
public enum LandscapeReport {
    static func list(_ xs: [Double]) -> String { xs.map(FitReport.short).joined(separator: ", ") }

    /// The plane in words: "mu1 from -2 to 6 × mu2 from -2 to 6, 50 × 50 starts".
    static func gridWords(_ plane: LandscapePlane) -> String {
        "\(plane.horizontal) from \(FitReport.short(plane.horizontalRange.from)) to \(FitReport.short(plane.horizontalRange.to)) × "
            + "\(plane.vertical) from \(FitReport.short(plane.verticalRange.from)) to \(FitReport.short(plane.verticalRange.to)), "
            + "\(plane.gridSize) × \(plane.gridSize) starts"
    }

    /// What each start's unset parameters were, in words (the rule of ``LandscapeStartRule``).
    public static func ruleWords(_ landscape: Landscape) -> String {
        let rule = landscape.options.rule
        var parts: [String] = []
        if !rule.fixed.isEmpty {
            let fixed = rule.fixed.sorted { $0.key.description < $1.key.description }
            parts.append("fixed " + fixed.map { "\($0.key) = \(FitReport.short($0.value))" }.joined(separator: ", "))
        }
        parts.append("weights not set share the rest equally; means not set from the quantile start; sds not set pooled at each start")
        return parts.joined(separator: "; ")
    }

    /// What an iteration count counts: EM iterations, or SQUAREM cycles when accelerated.
    static func iterationWord(_ landscape: Landscape) -> String {
        landscape.options.configuration.acceleration == .none ? "iterations" : "SQUAREM cycles"
    }

    /// The text report.
    public static func text(_ landscape: Landscape) -> String {
        let scale = landscape.logLikelihoodScale
        let what =
            (landscape.options.title.map { $0 + ", " } ?? "")
            + (landscape.isPopulation ? "the population (ℓ per observation)" : "\(landscape.data.count) values")
        var lines = [
            "Landscape of EM for \(what): \(gridWords(landscape.plane))",
            "Each start: \(ruleWords(landscape)).",
            "Model: \(TheoryReport.modelWords(weights: landscape.options.configuration.weights, variance: landscape.options.configuration.variance, k: landscape.options.rule.componentCount)); "
                + "stop: \(landscape.options.configuration.stoppingRule), cap \(landscape.options.configuration.maxIterations)"
                + (landscape.options.configuration.acceleration == .none ? "" : ", \(landscape.options.configuration.acceleration)") + ".",
            "",
            "Limits (share of starts, median \(iterationWord(landscape))):"
        ]
        for limit in landscape.limits {
            var line =
                "  \(limit.name): \(FitReport.short(limit.share * 100))% of starts, median \(FitReport.short(limit.medianIterations)) \(iterationWord(landscape))"
            if let mixture = limit.mixture {
                line +=
                    "\n    ℓ = \(FitReport.short(limit.logLikelihood * scale)); weights \(list(mixture.weights)); means \(list(mixture.means)); sds \(list(mixture.standardDeviations))"
                if limit.kind == .saddle, let smallest = limit.observedInformationEigenvalues.last {
                    line += "\n    smallest eigenvalue of the observed information \(FitReport.short(smallest * scale)) (not positive: not a maximum)"
                }
            }
            lines.append(line)
        }
        if landscape.saddles.isEmpty { lines.append("No start converged to a saddle.") }
        if landscape.options.estimator != nil {
            // A document's map as written is not EM's: where it stops, ℓ's gradient need not vanish.
            lines.append(
                "This map is not EM's: each \"maximum\" above is a fixed point of the map where the observed information is positive definite, not necessarily a maximum of ℓ."
            )
        }
        lines.append(
            "Slow starts (more than 10 × the median \(FitReport.short(landscape.medianIterations)) iterations): \(FitReport.short(landscape.slowFraction * 100))% of the plane."
        )
        let given = landscape.paths.suffix(landscape.options.extraPathStarts.count)
        for path in given {
            let plane = landscape.plane
            func point(_ p: (x: Double, y: Double)) -> String { "(\(plane.horizontal) \(FitReport.short(p.x)), \(plane.vertical) \(FitReport.short(p.y)))" }
            var line = "Path from \(point(path.start)): stopped after \(path.em.count - 1) iterations at \(point(path.em.last ?? path.start))"
            if path.em.count > 51 { line += "; after 50 iterations it was at \(point(path.em[50]))" }
            lines.append(line + ".")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One limit as a JSON object.
    static func limitJSON(_ limit: LandscapeLimit, scale: Double) -> String {
        var pairs: [(String, String)] = [
            ("kind", JSONText.string(limit.kind.rawValue)), ("label", limit.label.map(String.init) ?? "null"),
            ("logLikelihood", JSONText.number(limit.logLikelihood * scale)),
            ("weights", limit.mixture.map { JSONText.array($0.weights) } ?? "null"),
            ("means", limit.mixture.map { JSONText.array($0.means) } ?? "null"),
            ("sds", limit.mixture.map { JSONText.array($0.standardDeviations) } ?? "null"),
            ("share", JSONText.number(limit.share)), ("count", String(limit.count)),
            ("medianIterations", JSONText.number(limit.medianIterations))
        ]
        if limit.kind == .saddle || limit.kind == .maximum {
            pairs.append(("observedInformationEigenvalues", JSONText.array(limit.observedInformationEigenvalues.map { $0 * scale })))
        }
        return JSONText.object(pairs)
    }

    /// The JSON report of the first landscape, with the others (the
    /// population's beside a sample's, a document's corrected map beside its
    /// map as written) in its key `alongside`.
    public static func json(_ landscapes: [Landscape]) -> String {
        guard let first = landscapes.first else { return "{}\n" }
        guard landscapes.count > 1 else { return json(first) }
        let others = landscapes.dropFirst().map { json($0).dropLast() }.joined(separator: ", ")
        return String(json(first).dropLast(2)) + ", " + JSONText.string("alongside") + ": [" + others + "]}\n"
    }

    /// The JSON report: `population`, `n`, `limits`, `saddles`, `slowFraction`, `medianIterations`, `grid`.
    public static func json(_ landscape: Landscape) -> String {
        let scale = landscape.logLikelihoodScale
        let plane = landscape.plane
        let axis = { (p: LandscapeParameter, range: (from: Double, to: Double)) in
            JSONText.object([("parameter", JSONText.string(p.description)), ("from", JSONText.number(range.from)), ("to", JSONText.number(range.to))])
        }
        let grid = JSONText.object([
            ("size", String(plane.gridSize)), ("starts", String(plane.startCount)),
            ("x", axis(plane.horizontal, plane.horizontalRange)), ("y", axis(plane.vertical, plane.verticalRange)),
            (
                "fixed",
                JSONText.object(
                    landscape.options.rule.fixed.sorted { $0.key.description < $1.key.description }.map { ($0.key.description, JSONText.number($0.value)) })
            ),
            ("rule", JSONText.string(ruleWords(landscape)))
        ])
        let limits = "[" + landscape.limits.map { limitJSON($0, scale: scale) }.joined(separator: ", ") + "]"
        let saddles = "[" + landscape.saddles.map { limitJSON($0, scale: scale) }.joined(separator: ", ") + "]"
        return JSONText.object([
            ("title", landscape.options.title.map(JSONText.string) ?? "null"), ("population", landscape.isPopulation ? "true" : "false"),
            ("n", String(landscape.data.count)),
            // false for a document's map as written: its limits are that map's fixed points, not EM's.
            ("emMap", landscape.options.estimator == nil ? "true" : "false"),
            ("limits", limits), ("saddles", saddles), ("slowFraction", JSONText.number(landscape.slowFraction)),
            ("medianIterations", JSONText.number(landscape.medianIterations)), ("grid", grid)
        ]) + "\n"
    }
}
